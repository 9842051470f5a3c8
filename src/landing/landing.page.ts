import { CARD_HEIGHT, CARD_WIDTH } from '../embed/render/card';
import { counted, groupDigits, longDate } from '../embed/render/format';
import { escapeXml as escapeHtml } from '../embed/render/svg';

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
}

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; background: #ffffff; color: #1b1f24; font: 16px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
  main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
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
`;

function link(href: string, label?: string): string {
  return `<a href="${escapeHtml(href)}">${escapeHtml(label ?? href)}</a>`;
}

function yearSpan(first: number | null, last: number | null): string {
  return first === null ? '' : first === last ? `${first}` : `${first}–${last}`;
}

function seriesList(series: SeriesFacts[]): string {
  return series
    .filter((s) => s.operations > 0)
    .map((s) => `${escapeHtml(s.name)} (${s.operations}${s.firstYear === null ? '' : `, ${yearSpan(s.firstYear, s.lastYear)}`})`)
    .join(', ');
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
    const area = areas.get(s.crimeArea) ?? { name: s.crimeArea, operations: 0, series: [], firstYear: null, lastYear: null };
    area.operations += s.operations;
    area.series.push(s);
    if (s.firstYear !== null && (area.firstYear === null || s.firstYear < area.firstYear)) area.firstYear = s.firstYear;
    if (s.lastYear !== null && (area.lastYear === null || s.lastYear > area.lastYear)) area.lastYear = s.lastYear;
    areas.set(s.crimeArea, area);
  }
  return [...areas.values()].sort((a, b) => b.operations - a.operations || (a.name < b.name ? -1 : 1));
}

/** One line per crime area: its operations, years and series, linked to its operations and statistics. */
function crimeAreaList(areas: CrimeAreaFacts[]): string {
  return areas
    .map((a) => {
      const query = `crimeArea=${encodeURIComponent(a.name)}`;
      const name = a.name.charAt(0).toUpperCase() + a.name.slice(1);
      return `<li>${link(`/v1/operations?${query}`, name)}: ${counted(a.operations, 'operation', 'operations')}, ${yearSpan(a.firstYear, a.lastYear)}, ${link(`/v1/stats/summary?${query}`, 'headline figures')}; ${seriesList(a.series)}.</li>`;
    })
    .join('\n');
}

/** The one-screen introduction served at `/`: plain HTML and CSS, nothing loaded from elsewhere. */
export function renderLandingPage(facts: LandingFacts): string {
  const tiers = facts.sourcesByTier;
  const areas = crimeAreas(facts.series);
  const seriesCount = new Set(facts.series.filter((s) => s.operations > 0).map((s) => s.code)).size;
  const years = facts.firstYear === null ? '' : ` from ${facts.firstYear} to ${facts.lastYear}`;
  const snippet = `<script src="${facts.origin}/embed.js" data-card="summary" data-series="pangea" async></script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Operation Results API</title>
<meta name="description" content="Open data on the results of international law-enforcement operations against illicit goods and organised crime, every figure with its published source.">
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Operation Results API</h1>
<p class="lede">Open data on the results of international law-enforcement operations against illicit goods and organised crime:
operations, seizures, arrests and other outcomes, every figure with the published report it comes from.</p>
<p>${link('/explore', 'Explore the figures')}: filter, check the sources, download a CSV and cite it, without writing a URL.</p>

<figure>
<img src="/v1/embed/summary.svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" alt="${escapeHtml(facts.summaryDescription)}">
<figcaption>Live card from ${link('/v1/embed/summary.svg')}; the same figures as JSON at ${link('/v1/stats/summary')}.</figcaption>
</figure>

<h2>The data and its sources</h2>
<p>${groupDigits(facts.operations)} operations${years} in ${counted(seriesCount, 'series', 'series')} and ${counted(areas.length, 'crime area', 'crime areas')} (the lists and statistics take <code>crimeArea</code>):</p>
<ul>
${crimeAreaList(areas)}
</ul>
<p>${groupDigits(facts.figures)} figures are taken from ${groupDigits(facts.sources)} published pages: ${groupDigits(tiers.official ?? 0)} official
(INTERPOL, Europol, WCO and other agencies), ${groupDigits(tiers.regulator ?? 0)} from regulators and ${groupDigits(tiers.media ?? 0)} from the press.
Each figure keeps its source URL and the source's wording ("more than", "about").</p>

<h2>How figures are counted</h2>
<p>Where reports of the same total conflict, one figure is preferred (an editor's choice, else official over regulator over press,
then the most recent report) and only preferred figures count. An operation-wide total is the total: its country or category
breakdowns are never added on top, and only where no total was reported are the breakdowns summed. A sum that includes a
"more than" figure, a sum of breakdowns (nobody can know they are all of it) and a money sum that leaves values unconverted are
lower bounds: cards and charts say "at least" and round them down, and mark a sum of breakdowns with what it was summed from.
"About" and "nearly" make a sum approximate ("about"), otherwise numbers are rounded to the nearest. Mass is added in kg,
volume in litres, counts only within one unit; money is converted to US dollars at the annual average rate of the operation's
year, and a value without a rate is left out and counted as unconverted, never as 0.</p>

<h2>Use it</h2>
<ul>
<li>${link('/docs', 'Interactive documentation')} and the ${link('/openapi.json', 'OpenAPI document')}.</li>
<li>JSON: ${link('/v1/operations/pangea-viii')}, ${link('/v1/stats/timeseries?metric=arrests&series=pangea')}.</li>
<li>CSV for spreadsheets: ${link('/v1/seizures?format=csv&series=pangea')}, ${link('/v1/stats/arrests?groupBy=year&series=pangea&format=csv')}.</li>
<li>The whole dataset to archive and cite: ${link('/v1/downloads/dataset.zip', 'dataset.zip')}, one CSV file per table with its
${link('/v1/datapackage.json', 'Frictionless descriptor')} and a <code>CITATION.cff</code>.</li>
<li>Cards and charts as SVG: ${link('/v1/embed/operations/pangea-viii.svg')}, ${link('/v1/embed/timeseries.svg?metric=arrests&series=pangea')}.</li>
</ul>

<h2 id="embed">Put a live card on your page</h2>
<p>One line; the card stays up to date and its figures are read out to screen readers:</p>
<pre><code>${escapeHtml(snippet)}</code></pre>
<p class="muted"><code>data-card</code> is <code>summary</code>, <code>operation</code> (with <code>data-code="pangea-viii"</code>) or
<code>timeseries</code> (with <code>data-metric="arrests"</code>); filters as <code>data-series</code>, <code>data-year-from</code>,
<code>data-country</code> and the other parameters of ${link('/v1/stats/summary')}.</p>

<h2 id="typed-client">Typed client</h2>
<p>A TypeScript client generated from the ${link('/openapi.json', 'OpenAPI document')} lives in <code>clients/typescript/</code>
of the repository; the section “Typed client” of its README (<code>README.md#typed-client</code>) shows how to install and call it.</p>

<footer>
<p>Data as of ${escapeHtml(longDate(facts.asOf))}. Code under the MIT licence. Errors are RFC 9457 <code>application/problem+json</code>;
every response carries an ETag. ${link('/health', 'Health')} · ${link('/ready', 'Readiness')}</p>
</footer>
</main>
</body>
</html>
`;
}
