import { CARD_HEIGHT, CARD_WIDTH } from './render/card';
import { countIn, groupDigits, longDate } from './render/format';
import { escapeXml as escapeHtml } from './render/svg';
import { crimeAreaName } from '../i18n/format';
import { LANGUAGES, Language, directionOf, isRightToLeft } from '../i18n/languages';
import { t, tHtml } from '../i18n/messages';

export interface SeriesFacts {
  code: string;
  name: string;
  /** The crime area of the series' operations. */
  crimeArea: string;
  operations: number;
  firstYear: number | null;
  lastYear: number | null;
}

/** What the landing page says about the data: counted live, so it never goes stale. */
export interface LandingFacts {
  operations: number;
  figures: number;
  sources: number;
  /** Sources by publisher tier: official, regulator, media. */
  sourcesByTier: Record<string, number>;
  series: SeriesFacts[];
  firstYear: number | null;
  lastYear: number | null;
  asOf: string;
  /** The summary card in words: the alt text of its image. */
  summaryDescription: string;
  /** Scheme and host this page was requested on, for the embed snippet. */
  origin: string;
  /** The page's language (English when absent). */
  language?: Language;
  /** The URL chose the language (`?lang=`): the link to the explorer keeps it. */
  languageInUrl?: boolean;
}

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; background: #ffffff; color: #1b1f24; font: 16px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
  main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; overflow-wrap: break-word; }
  h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
  h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; }
  p, ul { margin: .5rem 0; }
  a { color: #0a58a8; text-decoration: underline; }
  a:hover, a:focus { color: #06396e; }
  a:focus-visible { outline: 3px solid #0a58a8; outline-offset: 2px; }
  .lede { font-size: 1.125rem; color: #1b1f24; }
  .muted { color: #4f5b66; }
  figure { margin: 1.5rem 0; }
  figure img { display: block; max-width: 100%; height: auto; }
  figcaption { font-size: .875rem; color: #4f5b66; margin-top: .25rem; }
  code, pre { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace; font-size: .875rem; background: #f3f6f9; border-radius: 4px; }
  code { padding: .1rem .3rem; }
  pre { padding: .75rem 1rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
  footer { margin-top: 2.5rem; font-size: .875rem; color: #4f5b66; }
  nav.languages { font-size: .875rem; margin-bottom: 1rem; }
  nav.languages ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
  [dir="rtl"] pre, [dir="rtl"] code { direction: ltr; unicode-bidi: isolate; }
  [dir="rtl"] pre { text-align: left; }
`;

/** A link; one that shows its own address is kept left to right (`dir="ltr"`), also within right-to-left text. */
function link(href: string, label?: string): string {
  const direction = label === undefined || label === href ? ' dir="ltr"' : '';
  return `<a href="${escapeHtml(href)}"${direction}>${escapeHtml(label ?? href)}</a>`;
}

function yearSpan(first: number | null, last: number | null): string {
  return first === null ? '' : first === last ? `${first}` : `${first}–${last}`;
}

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

function seriesList(series: SeriesFacts[], language: Language): string {
  return series
    .filter((s) => s.operations > 0)
    .map((s) =>
      s.firstYear === null
        ? tHtml(language, 'landing.seriesItemNoYears', {
            name: escapeHtml(s.name),
            n: groupDigits(s.operations, 'nearest', language),
          })
        : tHtml(language, 'landing.seriesItem', {
            name: escapeHtml(s.name),
            n: groupDigits(s.operations, 'nearest', language),
            years: yearSpan(s.firstYear, s.lastYear),
          }),
    )
    .join(t(language, 'common.comma'));
}

interface CrimeAreaFacts {
  name: string;
  operations: number;
  series: SeriesFacts[];
  firstYear: number | null;
  lastYear: number | null;
}

/** The series grouped by crime area, the areas with most operations first. */
function crimeAreas(series: SeriesFacts[]): CrimeAreaFacts[] {
  const areas = new Map<string, CrimeAreaFacts>();
  for (const s of series.filter((x) => x.operations > 0)) {
    const area = areas.get(s.crimeArea) ?? {
      name: s.crimeArea,
      operations: 0,
      series: [],
      firstYear: null,
      lastYear: null,
    };
    area.operations += s.operations;
    area.series.push(s);
    if (s.firstYear !== null && (area.firstYear === null || s.firstYear < area.firstYear)) area.firstYear = s.firstYear;
    if (s.lastYear !== null && (area.lastYear === null || s.lastYear > area.lastYear)) area.lastYear = s.lastYear;
    areas.set(s.crimeArea, area);
  }
  return [...areas.values()].sort((a, b) => b.operations - a.operations || (a.name < b.name ? -1 : 1));
}

/** One line per crime area: its operations, years and series, linked to its operations and statistics. */
function crimeAreaList(areas: CrimeAreaFacts[], language: Language): string {
  return areas
    .map((a) => {
      const query = `crimeArea=${encodeURIComponent(a.name)}`;
      const local = crimeAreaName(a.name, language);
      const name = local.charAt(0).toUpperCase() + local.slice(1);
      const item = tHtml(language, 'landing.crimeAreaItem', {
        name: link(`/v1/operations?${query}`, name),
        operations: escapeHtml(countIn(language, 'landing.operationsCount', a.operations)),
        years: yearSpan(a.firstYear, a.lastYear),
        summary: link(`/v1/stats/summary?${query}`, t(language, 'landing.headlineFigures')),
        series: seriesList(a.series, language),
      });
      return `<li>${item}</li>`;
    })
    .join('\n');
}

/** Links to the page in each language, each named in its own language. */
function languageLinks(current: Language): string {
  const items = LANGUAGES.map((l) => {
    const name = escapeHtml(t(l, 'common.languageName'));
    const dir = isRightToLeft(l) === isRightToLeft(current) ? '' : ` dir="${directionOf(l)}"`;
    return l === current
      ? `<li><span lang="${l}"${dir} aria-current="page">${name}</span></li>`
      : `<li><a href="/?lang=${l}" hreflang="${l}" lang="${l}"${dir}>${name}</a></li>`;
  });
  return `<nav class="languages" aria-label="${escapeHtml(t(current, 'landing.languages'))}"><ul>${items.join('')}</ul></nav>`;
}

/** The one-screen introduction served at `/`: plain HTML and CSS, nothing loaded from elsewhere; in the reader's language. */
export function renderLandingPage(facts: LandingFacts): string {
  const language = facts.language ?? 'en';
  const h = (key: string, params: Record<string, string | number> = {}) => tHtml(language, key, params);
  const n = (value: number) => groupDigits(value, 'nearest', language);
  const tiers = facts.sourcesByTier;
  const areas = crimeAreas(facts.series);
  const seriesCount = new Set(facts.series.filter((s) => s.operations > 0).map((s) => s.code)).size;
  const counts = {
    operations: escapeHtml(countIn(language, 'landing.operationsCount', facts.operations)),
    series: escapeHtml(countIn(language, 'card.seriesCount', seriesCount)),
    areas: escapeHtml(countIn(language, 'card.crimeAreasCount', areas.length)),
    param: code('crimeArea'),
  };
  const dataIntro =
    facts.firstYear === null
      ? h('landing.dataIntroNoYears', counts)
      : h('landing.dataIntro', { ...counts, first: facts.firstYear, last: facts.lastYear ?? facts.firstYear });
  const langQuery = language === 'en' ? '' : `?lang=${language}`;
  const langAttribute = language === 'en' ? '' : ` data-lang="${language}"`;
  const snippet = `<script src="${facts.origin}/embed.js" data-card="summary" data-series="pangea"${langAttribute} async></script>`;
  const dir = isRightToLeft(language) ? ` dir="${directionOf(language)}"` : '';
  return `<!doctype html>
<html lang="${language}"${dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(t(language, 'landing.title'))}</title>
<meta name="description" content="${escapeHtml(t(language, 'landing.metaDescription'))}">
${LANGUAGES.map((l) => `<link rel="alternate" hreflang="${l}" href="/?lang=${l}">`).join('\n')}
<style>${STYLE}</style>
</head>
<body>
<main>
${languageLinks(language)}
<h1>${escapeHtml(t(language, 'landing.title'))}</h1>
<p class="lede">${h('landing.lede')}</p>
<p>${h('landing.explore', { explore: link(facts.languageInUrl ? `/explore?lang=${language}` : '/explore', t(language, 'landing.exploreLabel')) })}</p>

<figure>
<img src="/v1/embed/summary.svg${langQuery}" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" alt="${escapeHtml(facts.summaryDescription)}">
<figcaption>${h('landing.caption', { card: link(`/v1/embed/summary.svg${langQuery}`), json: link('/v1/stats/summary') })}</figcaption>
</figure>

<h2>${h('landing.dataHeading')}</h2>
<p>${dataIntro}</p>
<ul>
${crimeAreaList(areas, language)}
</ul>
<p>${h('landing.sources', {
    figures: n(facts.figures),
    sources: n(facts.sources),
    official: n(tiers.official ?? 0),
    regulator: n(tiers.regulator ?? 0),
    media: n(tiers.media ?? 0),
  })}</p>

<h2>${h('landing.countingHeading')}</h2>
<p>${h('landing.counting')}</p>

<h2>${h('landing.useHeading')}</h2>
<ul>
<li>${h('landing.useDocs', { docs: link('/docs', t(language, 'landing.docsLabel')), openapi: link('/openapi.json', t(language, 'landing.openapiLabel')) })}</li>
<li>${h('landing.useJson', { first: link('/v1/operations/pangea-viii'), second: link('/v1/stats/timeseries?metric=arrests&series=pangea') })}</li>
<li>${h('landing.useCsv', { first: link('/v1/seizures?format=csv&series=pangea'), second: link('/v1/stats/arrests?groupBy=year&series=pangea&format=csv') })}</li>
<li>${h('landing.useDataset', {
    zip: link('/v1/downloads/dataset.zip', 'dataset.zip'),
    descriptor: link('/v1/datapackage.json', t(language, 'landing.descriptorLabel')),
    citation: code('CITATION.cff'),
  })}</li>
<li>${h('landing.useSvg', { first: link(`/v1/embed/operations/pangea-viii.svg${langQuery}`), second: link(`/v1/embed/timeseries.svg?metric=arrests&series=pangea${langQuery.replace('?', '&')}`) })}</li>
</ul>

<h2 id="embed">${h('landing.embedHeading')}</h2>
<p>${h('landing.embedIntro')}</p>
<pre><code>${escapeHtml(snippet)}</code></pre>
<p class="muted">${h('landing.embedOptions', {
    dataCard: code('data-card'),
    summary: code('summary'),
    operation: code('operation'),
    code: code('data-code="pangea-viii"'),
    timeseries: code('timeseries'),
    metric: code('data-metric="arrests"'),
    series: code('data-series'),
    yearFrom: code('data-year-from'),
    country: code('data-country'),
    link: link('/v1/stats/summary'),
  })}
${h('landing.embedLanguage', { dataLang: code('data-lang'), languages: LANGUAGES.map((l) => code(l)).join(', ') })}</p>

<h2 id="typed-client">${h('landing.clientHeading')}</h2>
<p>${h('landing.client', { openapi: link('/openapi.json', t(language, 'landing.openapiLabel')), path: code('clients/typescript/'), anchor: code('README.md#typed-client') })}</p>

<footer>
<p>${h('landing.footer', {
    date: escapeHtml(longDate(facts.asOf, language)),
    problem: code('application/problem+json'),
    health: link('/health', t(language, 'landing.health')),
    ready: link('/ready', t(language, 'landing.readiness')),
  })}</p>
</footer>
</main>
</body>
</html>
`;
}
