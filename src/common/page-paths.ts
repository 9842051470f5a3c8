/**
 * The pages for people, by path: what the response cache and the language negotiation must know of them (their
 * bodies name the host, the day or the language they were made for), in one place.
 */

/** The landing page at `/`. */
export const LANDING_PAGE = /^\/(\?|$)/;

/** The explorer's pages: `/explore`, `/operations/{code}`, `/series/{code}`, `/countries/{iso2}` (not its stylesheet). */
export const EXPLORER_PAGES = /^\/explore(\?|$)|^\/(operations|series|countries)\/[^/?]+(\?|$)/;
