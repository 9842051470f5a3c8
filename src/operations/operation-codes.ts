/** The shapes of an operation's codes, shared by the write API's DTOs and the checks of operations.csv. */

/** A lower-case code: letters, digits and single hyphens (`pangea-vii`). */
export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** The numeral of an edition (`VIII`). */
export const ROMAN = /^[IVXLCDM]+$/;
