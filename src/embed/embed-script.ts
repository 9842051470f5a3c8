import { LANGUAGES } from '../i18n/languages';
import { t } from '../i18n/messages';
import { CARD_HEIGHT, CARD_WIDTH } from './render/card';
import { CHART_HEIGHT, CHART_WIDTH } from './render/timeseries-chart';

/** Filters a page can set as `data-*` attributes (`data-year-from` is `yearFrom`), passed on as query parameters. */
export const EMBED_FILTERS = [
  'series',
  'crimeArea',
  'operation',
  'year',
  'yearFrom',
  'yearTo',
  'region',
  'country',
  'category',
] as const;

/**
 * The script behind `<script src="https://HOST/embed.js" data-card="summary" data-series="pangea" async></script>`:
 * it puts an `<img>` of the card right after its own `<script>` element, loaded from the origin the script came from,
 * with alt text that the card's own `<desc>` (every figure in words) replaces once read. Cards: `summary` (filters),
 * `operation` (`data-code`), `timeseries` (`data-metric`, `data-by` and filters). The card's language: `data-lang`
 * (`en`, `fr`, `es`, `ar`), else the page's own `lang` when it is one of those, else none (the reader's browser sends
 * its `Accept-Language`). The script itself is the same in every language. Plain ES5, no dependency, no cookie.
 */
export function embedScript(): string {
  const alt = Object.fromEntries(
    LANGUAGES.map((l) => [
      l,
      {
        prefix: t(l, 'embed.alt.prefix'),
        summary: t(l, 'embed.alt.summary'),
        operation: t(l, 'embed.alt.operation'),
        timeseries: t(l, 'embed.alt.timeseries'),
        of: t(l, 'embed.alt.of'),
      },
    ]),
  );
  const cards = {
    summary: { path: '/v1/embed/summary.svg', width: CARD_WIDTH, height: CARD_HEIGHT, params: [...EMBED_FILTERS] },
    operation: { path: '/v1/embed/operations/{code}.svg', width: CARD_WIDTH, height: CARD_HEIGHT, params: [] },
    timeseries: {
      path: '/v1/embed/timeseries.svg',
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      params: ['metric', 'by', ...EMBED_FILTERS],
    },
  };
  return `/*! Operation Results API embed. Usage: <script src="https://HOST/embed.js" data-card="summary" data-series="pangea" async></script>
 * data-card: summary (filters: ${EMBED_FILTERS.map((f) => `data-${f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}),
 * operation (data-code="pangea-viii"), timeseries (data-metric="arrests", data-by, filters); data-lang: ${LANGUAGES.join(', ')}. */
(function () {
  'use strict';
  var CARDS = ${JSON.stringify(cards)};
  var LANGS = ${JSON.stringify(LANGUAGES)};
  var ALT = ${JSON.stringify(alt)};

  /** data-lang, else the page's language when supported ("es-AR" is "es"), else none. */
  function languageOf(data) {
    if (data.lang) {
      if (LANGS.indexOf(data.lang) >= 0) return data.lang;
      if (window.console) console.warn('Operation Results embed: unknown data-lang "' + data.lang + '" (' + LANGS.join(', ') + ')');
    }
    var page = ((document.documentElement && document.documentElement.lang) || '').toLowerCase().split('-')[0];
    return LANGS.indexOf(page) >= 0 ? page : null;
  }

  function describe(img, url) {
    if (!window.fetch || !window.DOMParser) return;
    fetch(url, { credentials: 'omit' })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (svg) {
        if (!svg) return;
        var desc = new DOMParser().parseFromString(svg, 'image/svg+xml').getElementsByTagName('desc')[0];
        if (desc && desc.textContent) img.alt = desc.textContent;
      })
      .catch(function () { /* the first alt text stays */ });
  }

  function place(script) {
    if (!script || script.getAttribute('data-embedded') || !script.parentNode) return;
    script.setAttribute('data-embedded', 'true');
    var data = script.dataset || {};
    var kind = data.card || 'summary';
    var card = CARDS[kind];
    if (!card) {
      if (window.console) console.warn('Operation Results embed: unknown data-card "' + kind + '" (summary, operation or timeseries)');
      return;
    }
    if (kind === 'operation' && !data.code) {
      if (window.console) console.warn('Operation Results embed: data-card="operation" needs data-code, e.g. data-code="pangea-viii"');
      return;
    }
    var origin = new URL(script.src, document.baseURI).origin;
    var query = [];
    for (var i = 0; i < card.params.length; i++) {
      var name = card.params[i];
      if (data[name]) query.push(encodeURIComponent(name) + '=' + encodeURIComponent(data[name]));
    }
    var lang = languageOf(data);
    if (lang) query.push('lang=' + lang);
    var url = origin + card.path.replace('{code}', encodeURIComponent(data.code || '')) + (query.length ? '?' + query.join('&') : '');
    var img = document.createElement('img');
    img.src = url;
    var words = ALT[lang || 'en'];
    img.alt = words.prefix + ': ' + words[kind] + (data.code ? ' ' + words.of.replace('{code}', data.code) : '') + (data.series ? ' (' + data.series + ')' : '');
    if (lang) img.lang = lang;
    img.width = card.width;
    img.height = card.height;
    img.loading = 'lazy';
    img.decoding = 'async';
    img.className = 'operation-results-embed';
    img.style.maxWidth = '100%';
    img.style.height = 'auto';
    script.parentNode.insertBefore(img, script.nextSibling);
    describe(img, url);
  }

  place(document.currentScript);
  // Other cards on the page whose script did not run on its own (one download serves them all).
  var scripts = document.getElementsByTagName('script');
  for (var j = 0; j < scripts.length; j++) {
    if (scripts[j].hasAttribute('data-card') && /\\/embed\\.js(\\?|#|$)/.test(scripts[j].src)) place(scripts[j]);
  }
})();
`;
}
