import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import type { components } from '../clients/typescript/src/schema';
import { CachedResponses } from '../src/common/response-cache';
import { groupDigits, roundingDirection, sumQualifier } from '../src/embed/render/format';
import { createTestApp } from './utils/app';
import { hasChromium, inCi, launchChromium, noticeMissingChromium } from './utils/chromium';

// The explorer's pages (/explore, /operations/{code}, /series/{code}, /countries/{iso2}) as a reader gets them:
// first over plain HTTP (status, type, numbers, errors, weight, caching), then in headless Chromium (the form,
// the CSV link, axe-core, a 360 px phone, the keyboard). `npm run screenshots` keeps the pictures in docs/.
//
// Stated from the bundled CSVs (src/database/seed/data/results.csv and operations.csv, by a script over them, not
// by the API): the Pangea series has 30 arrest-type figures (26 `arrests`, 4 `persons_under_investigation`);
// Pangea VII has three arrests figures, 237 (INTERPOL's release as republished, preferred), 434 (OCCRP, not) and
// the United Kingdom's 5.

noticeMissingChromium(__filename);
jest.setTimeout(90_000);

type ArrestStats = components['schemas']['ArrestStatsDto'];
type FigureList = components['schemas']['FigureListDto'];
type StatValue = components['schemas']['StatValueDto'];

const PAGES = {
  explore: '/explore?kind=arrests&series=pangea',
  operation: '/operations/pangea-vii',
  series: '/series/pangea',
  country: '/countries/GB',
} as const;
const MAX_PAGE_BYTES = 150 * 1024;

/** "at least 3,449": a sum as the explorer words it, from the statistics JSON. */
function sumText(stat: StatValue): string {
  const qualifier = sumQualifier(stat);
  const n = groupDigits(stat.value!, roundingDirection(qualifier), 'en');
  return { exact: n, at_least: `at least ${n}`, about: `about ${n}`, up_to: `up to ${n}` }[qualifier as 'exact'] ?? n;
}

/** The bytes sent for a GET with `Accept-Encoding: gzip`, as they come over the wire. */
function wireBytes(
  origin: string,
  path: string,
): Promise<{ status: number; encoding: string | undefined; bytes: number }> {
  return new Promise((done, fail) => {
    get(`${origin}${path}`, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () =>
        done({ status: response.statusCode!, encoding: response.headers['content-encoding'], bytes }),
      );
    }).on('error', fail);
  });
}

describe('Explorer pages over HTTP (e2e)', () => {
  let app: NestFastifyApplication;
  let server: ReturnType<NestFastifyApplication['getHttpServer']>;
  let origin: string;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    server = app.getHttpServer();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
  });

  it('each page type answers 200 HTML under the strict policy: no script, nothing from elsewhere', async () => {
    for (const path of Object.values(PAGES)) {
      const res = await request(server).get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toMatch(/script-src/);
      expect(res.text).not.toMatch(/<script\b/i);
      expect(res.text).not.toMatch(/\sstyle=/i);
      expect(res.text).not.toMatch(/(src|href)="https?:\/\/(?!127\.0\.0\.1)[^"]*"[^>]*(rel="stylesheet"|<img)/);
    }
    const css = await request(server).get('/explore/explorer.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('the explorer shows the Pangea arrest figures, the totals of /v1/stats/arrests and the links for the same filters', async () => {
    const res = await request(server).get(PAGES.explore);
    expect(res.text).toContain('30 figures match: Pangea.');
    const stats = (await request(server).get('/v1/stats/arrests?series=pangea')).body as ArrestStats;
    const arrests = stats.data[0].arrests!;
    expect(res.text).toContain(`<span class="value" data-value="${arrests.value}">${sumText(arrests)}</span>`);
    expect(res.text).toContain('href="/v1/arrests?series=pangea&amp;format=csv"');
    expect(res.text).toContain(`${origin}/v1/arrests?series=pangea</textarea>`);
    expect(res.text).toContain('api.GET(&#39;/v1/arrests&#39;');
    expect(res.text).toContain('src="/v1/embed/timeseries.svg?metric=arrests&amp;series=pangea"');
    // The permalink and the access date of the citation.
    expect(res.text).toContain(`${origin}/explore?kind=arrests&amp;series=pangea</textarea>`);
    expect(res.text).toMatch(/accessed \d{1,2} [A-Z][a-z]+ \d{4}/);
  });

  it('the operation page of Pangea VII shows both arrests reports, 237 preferred and 434 not, with the reason', async () => {
    const res = await request(server).get(PAGES.operation);
    const row = (quantity: string) =>
      new RegExp(
        `<tr id="figure-\\d+" data-figure="\\d+" data-preferred="(true|false)"[^>]*>\\s*<th scope="row" class="num">${quantity}</th>`,
      );
    expect(row('237').exec(res.text)?.[1]).toBe('true');
    expect(row('434').exec(res.text)?.[1]).toBe('false');
    expect(res.text).toContain(
      'Why: <bdi>official publisher (Fortissa (republished INTERPOL release)) outranks media (OCCRP)</bdi>',
    );
    expect(res.text).toContain('src="/v1/embed/operations/pangea-vii.svg"');
    expect(res.text).toContain(
      `&lt;script src="${origin}/embed.js" data-card="operation" data-code="pangea-vii" async&gt;&lt;/script&gt;`,
    );
  });

  it('the series and country pages', async () => {
    const series = await request(server).get(PAGES.series);
    expect(series.text).toContain('<h1>Pangea operations</h1>');
    expect(series.text).toContain('<a href="/operations/pangea-vii">Pangea VII</a>');
    // 2014 (Pangea VII): 237, the preferred report; 2019 has no Pangea arrests figure: a gap, not 0.
    expect(series.text).toContain('<th scope="row">2014</th><td data-value="237">237</td>');
    expect(series.text).toContain('<tr class="gap"><th scope="row">2019</th><td data-value="">no figure</td>');
    const country = await request(server).get(PAGES.country);
    expect(country.text).toContain('<h1>United Kingdom</h1>');
    expect(country.text).toContain('<a href="/operations/pangea-vii">Pangea VII</a>');
  });

  it('seizures and other results, years, regions and free text select as the API lists do', async () => {
    const cases: [string, string][] = [
      ['/explore?kind=seizures&operation=pangea-vii', '/v1/seizures?operation=pangea-vii'],
      [
        '/explore?kind=outcomes&country=GB&yearFrom=2014&yearTo=2018',
        '/v1/outcomes?country=GB&yearFrom=2014&yearTo=2018',
      ],
      [
        '/explore?kind=arrests&region=europe&crimeArea=pharmaceutical%20crime',
        '/v1/arrests?crimeArea=pharmaceutical%20crime&region=europe',
      ],
    ];
    for (const [page, api] of cases) {
      const res = await request(server).get(page);
      expect(res.status).toBe(200);
      const list = (await request(server).get(api)).body as FigureList;
      expect(res.text).toContain(`${list.meta.total} figures match`);
      expect(res.text).toContain(`href="${api.replace(/&/g, '&amp;')}&amp;format=csv"`);
    }
    // Pages of 50, the page in the URL.
    const seizures = (await request(server).get('/v1/seizures?limit=50&offset=50')).body as FigureList;
    const second = await request(server).get('/explore?kind=seizures&page=2');
    expect(second.text).toContain(`Figures 51–100 of ${groupDigits(seizures.meta.total)}`);
    const ids = [...second.text.matchAll(/<tr id="figure-(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids).toEqual(seizures.data.map((f) => f.id));
    expect(second.text).toContain('<a rel="prev" href="/explore?kind=seizures">Previous page</a>');
    expect(second.text).toContain('<a rel="next" href="/explore?kind=seizures&amp;page=3">Next page</a>');
    // Free text: the operations whose name or notes contain it, then their figures.
    const text = await request(server).get('/explore?kind=arrests&q=Pangea%20VII');
    expect(text.status).toBe(200);
    expect(text.text).toMatch(/operation=[a-z0-9,-]*pangea-vii[a-z0-9,-]*&amp;format=csv/);
  });

  it('an unknown operation, series or country is a 404 page; bad filters are a 400 page that says what is wrong', async () => {
    for (const path of [
      '/operations/no-such-operation',
      '/series/nothing',
      '/countries/QQ',
      '/countries/toolong',
      '/operations/%3Cscript%3E',
    ]) {
      const res = await request(server).get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<h1>Page not found</h1>');
      expect(res.text).not.toContain('<script>');
    }
    const cases: [string, string][] = [
      ['/explore?yearFrom=abc', 'yearFrom must be an integer'],
      ['/explore?series=nope', 'nope'],
      ['/explore?kind=guns', 'kind must be one of: seizures, arrests, outcomes'],
      ['/explore?page=0', 'page must be a whole number from 1'],
      ['/explore?country=%3Cb%3E', 'country must be ISO 3166-1 alpha-2 codes'],
    ];
    for (const [path, message] of cases) {
      const res = await request(server).get(path);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('This selection cannot be shown');
      expect(res.text).toContain(message);
      expect(res.text).not.toContain('<b>');
    }
    const none = await request(server).get('/explore?q=zzzznothing');
    expect(none.status).toBe(200);
    expect(none.text).toContain('No operation matches the text “zzzznothing”.');
  });

  it("the API's own routes keep Nest's error handler: a body parser's 415 is still problem+json", async () => {
    const res = await request(server)
      .delete('/v1/seizures/1?reason=x')
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send('--x--');
    expect(res.status).toBe(415);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });

  it('each page is cached per data version: an ETag, a 304 on revalidation, a repeat from the response cache', async () => {
    const cache = app.get(CachedResponses);
    for (const path of Object.values(PAGES)) {
      const first = await request(server).get(path);
      expect(first.headers.etag).toBeDefined();
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      const before = cache.size.entries;
      const again = await request(server).get(path);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(again.text).toBe(first.text);
      expect(cache.size.entries).toBe(before);
      const revalidated = await request(server).get(path).set('If-None-Match', first.headers.etag);
      expect(revalidated.status).toBe(304);
    }
  });

  describe('in English, French, Spanish and Arabic', () => {
    const LANGS = ['en', 'fr', 'es', 'ar'] as const;
    const ERROR_PAGES = { notFound: '/operations/no-such-operation', badRequest: '/explore?kind=guns' };
    const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
    const htmlTag = (html: string) => /<html lang="([a-z]+)" dir="(ltr|rtl)">/.exec(html)?.slice(1, 3);
    const varies = (res: request.Response) => /(^|,\s*)accept-language(\s*,|$)/i.test(res.headers.vary ?? '');

    it('?lang= chooses the language of every page type and error page: lang, dir, Content-Language, no Vary on it', async () => {
      for (const lang of LANGS)
        for (const [name, path] of Object.entries({ ...PAGES, ...ERROR_PAGES })) {
          const res = await request(server).get(withLang(path, lang)).set('Accept-Language', 'de, es;q=0.5');
          expect({ name, lang, status: res.status }).toEqual({
            name,
            lang,
            status: name === 'notFound' ? 404 : name === 'badRequest' ? 400 : 200,
          });
          expect(htmlTag(res.text)).toEqual([lang, lang === 'ar' ? 'rtl' : 'ltr']);
          expect(res.headers['content-language']).toBe(lang);
          expect(varies(res)).toBe(false);
        }
    });

    it('else Accept-Language chooses, and the answer says Vary: Accept-Language; else English', async () => {
      for (const path of Object.values(PAGES)) {
        const fr = await request(server).get(path).set('Accept-Language', 'fr-CA, en;q=0.5');
        expect(fr.headers['content-language']).toBe('fr');
        expect(htmlTag(fr.text)).toEqual(['fr', 'ltr']);
        expect(varies(fr)).toBe(true);
        const ar = await request(server).get(path).set('Accept-Language', 'ar-EG');
        expect(htmlTag(ar.text)).toEqual(['ar', 'rtl']);
        const none = await request(server).get(path).set('Accept-Language', 'de');
        expect(none.headers['content-language']).toBe('en');
        expect(varies(none)).toBe(true);
      }
    });

    it('an unsupported ?lang= is a 400 page naming the four languages, as on the landing page', async () => {
      const res = await request(server).get('/explore?lang=de');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('lang must be one of: en, fr, es, ar');
      expect((await request(server).get('/?lang=de')).status).toBe(400);
    });

    it('one URL, two languages by the header: different bodies and ETags, each revalidated to a 304 in its own language', async () => {
      for (const path of Object.values(PAGES)) {
        const tags: Record<string, string> = {};
        for (const lang of LANGS) {
          const first = await request(server).get(path).set('Accept-Language', lang);
          expect(first.headers['content-language']).toBe(lang);
          tags[lang] = first.headers.etag;
          const again = await request(server).get(path).set('Accept-Language', lang);
          expect(again.headers.etag).toBe(tags[lang]);
          expect(again.headers['content-language']).toBe(lang);
          const revalidated = await request(server)
            .get(path)
            .set('Accept-Language', lang)
            .set('If-None-Match', tags[lang]);
          expect(revalidated.status).toBe(304);
        }
        expect(new Set(Object.values(tags)).size).toBe(LANGS.length);
        // The French tag does not revalidate the English page.
        const crossed = await request(server).get(path).set('Accept-Language', 'en').set('If-None-Match', tags.fr);
        expect(crossed.status).toBe(200);
        expect(crossed.headers['content-language']).toBe('en');
      }
    });

    it('links between the pages, the form and the paging keep ?lang= when the URL chose it; API URLs stay language-neutral', async () => {
      const chosen = await request(server).get('/explore?kind=seizures&page=2&lang=es');
      expect(chosen.text).toContain('<input type="hidden" name="lang" value="es">');
      expect(chosen.text).toContain('<a rel="prev" href="/explore?kind=seizures&amp;lang=es">');
      expect(chosen.text).toContain('<a rel="next" href="/explore?kind=seizures&amp;page=3&amp;lang=es">');
      expect(chosen.text).toMatch(/href="\/operations\/[a-z0-9-]+\?lang=es"/);
      expect(chosen.text).toContain(`${origin}/explore?kind=seizures&amp;lang=es</textarea>`);
      expect(chosen.text).toContain(`>${origin}/v1/seizures</textarea>`);
      expect(chosen.text).toContain('href="/v1/seizures?format=csv"');
      const operation = await request(server).get('/operations/pangea-vii?lang=ar');
      expect(operation.text).toContain('href="/series/pangea?lang=ar"');
      expect(operation.text).toContain('href="/explore?kind=arrests&amp;operation=pangea-vii&amp;lang=ar"');
      expect(operation.text).toContain('src="/v1/embed/operations/pangea-vii.svg?lang=ar"');
      expect(operation.text).toContain('data-lang=&quot;ar&quot;');
      // Chosen by the header: the links say nothing, the next request's header chooses again.
      const header = await request(server).get('/explore?kind=seizures&page=2').set('Accept-Language', 'es');
      expect(header.text).not.toContain('name="lang"');
      expect(header.text).toContain('<a rel="next" href="/explore?kind=seizures&amp;page=3">');
      // The landing page's link to the explorer keeps ?lang= too.
      expect((await request(server).get('/?lang=fr')).text).toContain('href="/explore?lang=fr"');
      expect((await request(server).get('/').set('Accept-Language', 'fr')).text).toContain('href="/explore"');
    });

    it('names countries, regions and crime areas in the language, operation names as published, dates through Intl', async () => {
      const fr = (await request(server).get('/countries/GB?lang=fr')).text;
      expect(fr).toContain('<h1>Royaume-Uni</h1>');
      const es = (await request(server).get('/operations/pangea-vii?lang=es')).text;
      expect(es).toContain('<h1>Pangea VII</h1>');
      expect(es).toMatch(/de 2014/);
      const ar = (await request(server).get('/countries/GB?lang=ar')).text;
      expect(ar).toContain('<h1>المملكة المتحدة</h1>');
      const form = (await request(server).get('/explore?lang=es')).text;
      expect(form).toContain('>Reino Unido</option>');
    });
  });

  it('each page weighs less than 150 KB gzipped on the wire (printed)', async () => {
    const weights: Record<string, number> = {};
    for (const [name, path] of Object.entries({
      ...PAGES,
      explorerForm: '/explore',
      stylesheet: '/explore/explorer.css',
    })) {
      const { status, encoding, bytes } = await wireBytes(origin, path);
      expect(status).toBe(200);
      expect(encoding).toBe('gzip');
      weights[name] = bytes;
      expect(bytes).toBeLessThan(MAX_PAGE_BYTES);
    }
    console.log(`Explorer page weights (gzip bytes on the wire): ${JSON.stringify(weights)}`);
  });
});

(hasChromium || inCi ? describe : describe.skip)('Explorer pages in headless Chromium (e2e)', () => {
  let app: NestFastifyApplication;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let shots: string;
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  beforeAll(async () => {
    shots = process.env.SCREENSHOTS_DIR
      ? resolve(process.env.SCREENSHOTS_DIR)
      : mkdtempSync(join(tmpdir(), 'explorer-screenshots-'));
    mkdirSync(shots, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  /** A page with every request it made that did not go to this origin, and every console error. */
  async function open(
    path: string,
    ctx: BrowserContext = context,
  ): Promise<{ page: Page; foreign: string[]; problems: string[] }> {
    const page = await ctx.newPage();
    const foreign: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const response = await page.goto(`${origin}${path}`);
    expect(response?.status()).toBe(200);
    return { page, foreign, problems };
  }

  it('a journalist chooses series Pangea and kind arrests: the rows, totals and CSV are those of the API', async () => {
    const { page, foreign, problems } = await open('/explore');
    await page.selectOption('#f-series', 'pangea');
    await page.selectOption('#f-kind', 'arrests');
    await Promise.all([page.waitForURL(/\/explore\?/), page.click('button[type="submit"]')]);
    const url = new URL(page.url());
    expect(url.searchParams.get('series')).toBe('pangea');
    expect(url.searchParams.get('kind')).toBe('arrests');

    const list = (await (await fetch(`${origin}/v1/arrests?series=pangea`)).json()) as FigureList;
    const stats = (await (await fetch(`${origin}/v1/stats/arrests?series=pangea`)).json()) as ArrestStats;
    expect(list.meta.total).toBe(30);
    const rows = await page.locator('table#figures tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        id: Number(tr.getAttribute('data-figure')),
        cells: [...tr.children].map((c) => (c.textContent ?? '').trim()),
      })),
    );
    expect(rows.map((r) => r.id)).toEqual(list.data.map((f) => f.id));
    rows.forEach((row, i) => {
      const f = list.data[i];
      expect(row.cells[0]).toBe(f.operation.name);
      expect(row.cells[3].replace(/[^0-9.]/g, '')).toBe(String(Number(f.quantity)));
      expect(row.cells[4]).toBe(f.unit);
      expect(row.cells[9].startsWith(f.preferred ? 'preferred' : 'not preferred')).toBe(true);
    });
    const totals = await page
      .locator('dl.totals .value')
      .evaluateAll((spans) => spans.map((s) => ({ value: s.getAttribute('data-value'), text: s.textContent })));
    const row = stats.data[0];
    expect(totals).toEqual([
      { value: String(row.arrests!.value), text: sumText(row.arrests!) },
      { value: String(row.personsUnderInvestigation!.value), text: sumText(row.personsUnderInvestigation!) },
    ]);

    // The CSV link downloads the same rows.
    const href = await page.locator('#csv-link').getAttribute('href');
    const csv = await page.request.get(`${origin}${href}`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const records = parse(await csv.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(records.map((r) => Number(r.id))).toEqual(list.data.map((f) => f.id));

    // The chart and the card images load from this origin.
    expect(
      await page.locator('figure.chart img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).toBe(true);
    await page.screenshot({ path: join(shots, 'explorer.png') });
    await page.evaluate(() => document.getElementById('figures-title')!.scrollIntoView());
    await page.screenshot({ path: join(shots, 'explorer-figures.png') });
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the operation page of Pangea VII: both arrests reports, 237 preferred and 434 not, with the reason', async () => {
    const { page, problems } = await open('/operations/pangea-vii');
    const arrests = page.locator('table.reports', { has: page.locator('caption', { hasText: /^Arrests:/ }) });
    const reports = await arrests.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        quantity: tr.querySelector('th')?.textContent,
        preferred: tr.getAttribute('data-preferred'),
        status: tr.querySelector('.status')?.textContent ?? '',
      })),
    );
    expect(reports.find((r) => r.quantity === '237')).toEqual({
      quantity: '237',
      preferred: 'true',
      status: expect.stringMatching(/^Preferred.*outranks media \(OCCRP\)/),
    });
    expect(reports.find((r) => r.quantity === '434')).toEqual({
      quantity: '434',
      preferred: 'false',
      status: expect.stringMatching(/^Not preferred.*outranks media \(OCCRP\)/),
    });
    expect(
      await page
        .locator('figure.card img')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 600),
    ).toBe(true);
    await arrests.evaluate((table) => table.scrollIntoView());
    await page.screenshot({ path: join(shots, 'explorer-operation.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('axe-core finds no WCAG 2.2 A/AA violation on the landing page and each page type', async () => {
    const results: Record<string, string[]> = {};
    for (const path of ['/', ...Object.values(PAGES)]) {
      const { page } = await open(path);
      // Injected through the DevTools protocol, which the page's policy does not govern (the page itself runs no script).
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: Document,
                options: object,
              ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
            };
          }
        ).axe;
        const result = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      results[path] = violations;
      await page.close();
    }
    console.log(`axe-core violations (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa): ${JSON.stringify(results)}`);
    expect(results).toEqual(Object.fromEntries(['/', ...Object.values(PAGES)].map((p) => [p, []])));
  });

  it('a 360 px wide phone scrolls no page sideways (wide tables scroll in their own box)', async () => {
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    try {
      for (const [name, path] of Object.entries(PAGES)) {
        const { page } = await open(path, phone);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        expect({ path, scrollWidth }).toEqual({ path, scrollWidth: clientWidth });
        if (name === 'explore') await page.screenshot({ path: join(shots, 'explorer-phone.png'), fullPage: false });
        await page.close();
      }
    } finally {
      await phone.close();
    }
  });

  it('printed, a page keeps its content and drops the form and the navigation', async () => {
    const { page } = await open(PAGES.explore);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() => ({
      form: getComputedStyle(document.querySelector('form.filters')!).display,
      nav: getComputedStyle(document.querySelector('header.site')!).display,
      table: getComputedStyle(document.querySelector('table#figures')!).display,
      totals: getComputedStyle(document.querySelector('dl.totals')!).display,
    }));
    expect(shown).toEqual({ form: 'none', nav: 'none', table: 'table', totals: 'grid' });
    expect((await page.pdf({ format: 'A4' })).length).toBeGreaterThan(10_000);
    await page.close();
  });

  it('the keyboard alone reaches the skip link, every form control and the submit button', async () => {
    const { page } = await open('/explore');
    const reached: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return el ? el.id || el.getAttribute('type') || el.className || el.tagName.toLowerCase() : '';
        }),
      );
    }
    expect(reached[0]).toBe('skip');
    const controls = [
      'f-kind',
      'f-series',
      'f-operation',
      'f-crimeArea',
      'f-region',
      'f-country',
      'f-yearFrom',
      'f-yearTo',
      'f-q',
      'submit',
    ];
    for (const control of controls) expect(reached).toContain(control);
    // In that order, the way they are read.
    expect(controls.map((c) => reached.indexOf(c))).toEqual(
      [...controls.map((c) => reached.indexOf(c))].sort((a, b) => a - b),
    );
    // The focus is visible: an outline of at least 2 px on the focused control.
    await page.focus('#f-series');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineWidth);
    expect(parseFloat(outline)).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('series and country pages render with their images, and every page is under 150 KB transferred on first load', async () => {
    const weights: Record<string, number> = {};
    for (const [name, path] of Object.entries(PAGES)) {
      const fresh = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const { page, foreign, problems } = await open(path, fresh);
      await page.waitForLoadState('load');
      const images = await page
        .locator('img')
        .evaluateAll((imgs: HTMLImageElement[]) => imgs.every((img) => img.complete && img.naturalWidth > 0));
      expect(images).toBe(true);
      weights[name] = await page.evaluate(() => {
        const entries = [
          ...performance.getEntriesByType('navigation'),
          ...performance.getEntriesByType('resource'),
        ] as PerformanceResourceTiming[];
        return entries.reduce((sum, e) => sum + e.transferSize, 0);
      });
      expect(weights[name]).toBeLessThan(MAX_PAGE_BYTES);
      expect(foreign).toEqual([]);
      expect(problems).toEqual([]);
      if (name === 'series' || name === 'country') await page.screenshot({ path: join(shots, `explorer-${name}.png`) });
      await fresh.close();
    }
    console.log(
      `Explorer first-load transfer in Chromium (page, stylesheet, images; bytes): ${JSON.stringify(weights)}`,
    );
  });
  /** axe-core's WCAG 2.2 A/AA violations on an open page. */
  async function axeViolations(page: Page): Promise<string[]> {
    await page.evaluate(axeSource);
    return page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              context: Document,
              options: object,
            ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
  }

  const LANGS = ['en', 'fr', 'es', 'ar'] as const;
  const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

  it('each page type in each language: lang and dir on <html>, zero axe-core violations (printed)', async () => {
    const results: Record<string, string[]> = {};
    const tags: Record<string, { lang: string; dir: string }> = {};
    for (const lang of LANGS)
      for (const path of Object.values(PAGES)) {
        const url = withLang(path, lang);
        const { page, problems } = await open(url);
        tags[url] = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          dir: getComputedStyle(document.documentElement).direction,
        }));
        results[url] = await axeViolations(page);
        expect(problems).toEqual([]);
        await page.close();
      }
    console.log(`axe-core violations per language (wcag2a … wcag22aa): ${JSON.stringify(results)}`);
    expect(results).toEqual(Object.fromEntries(Object.keys(results).map((u) => [u, []])));
    for (const [url, tag] of Object.entries(tags)) {
      const lang = /lang=([a-z]+)/.exec(url)![1];
      expect({ url, ...tag }).toEqual({ url, lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
    }
  });

  it('in Arabic the layout is mirrored and a 360 px phone scrolls no page sideways', async () => {
    const phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    try {
      for (const [name, path] of Object.entries(PAGES)) {
        const { page } = await open(withLang(path, 'ar'), phone);
        const layout = await page.evaluate(() => {
          const h1 = document.querySelector('h1')!.getBoundingClientRect();
          const main = document.querySelector('main')!.getBoundingClientRect();
          const th = document.querySelector('thead th:not(.num)');
          return {
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
            // The heading starts at the right-hand edge of the content, as Arabic is read.
            headingAtRight: Math.abs(main.right - h1.right) < 20,
            cellAlign: th ? getComputedStyle(th).textAlign : 'start',
          };
        });
        expect({ name, ...layout }).toEqual({
          name,
          scrollWidth: layout.clientWidth,
          clientWidth: layout.clientWidth,
          headingAtRight: true,
          cellAlign: 'start',
        });
        if (name === 'explore') await page.screenshot({ path: join(shots, 'explorer-ar-phone.png'), fullPage: false });
        await page.close();
      }
    } finally {
      await phone.close();
    }
  });

  it('the French totals are the English totals, in French digits (both parsed)', async () => {
    const totals = async (lang: string) => {
      const { page } = await open(withLang(PAGES.explore, lang));
      const texts = await page.locator('dl.totals .value').allTextContents();
      await page.close();
      return texts;
    };
    const [en, fr] = [await totals('en'), await totals('fr')];
    const parse = (text: string, decimal: string) =>
      Number(text.replace(new RegExp(`[^0-9${decimal}]`, 'g'), '').replace(decimal, '.'));
    expect(en.length).toBeGreaterThan(0);
    expect(fr.map((t) => parse(t, ','))).toEqual(en.map((t) => parse(t, '.')));
    // The qualifier is said in French, never stacked.
    expect(fr.join(' ')).toMatch(/au moins|environ|^[0-9\s\u202f]+$/);
    expect(fr.join(' ')).not.toMatch(/at least|about|plus de environ/);
    // Stated from the bundled CSVs: the Pangea series has 30 arrest-type figures.
    const { page } = await open(withLang(PAGES.explore, 'fr'));
    expect(await page.locator('p.summary').textContent()).toContain('30 chiffres correspondent');
    await page.close();
  });

  it('screenshots of the explorer in Arabic and Spanish', async () => {
    for (const lang of ['ar', 'es']) {
      const { page } = await open(withLang(PAGES.explore, lang));
      await page.screenshot({ path: join(shots, `explorer-${lang}.png`) });
      await page.close();
    }
    const { page } = await open(withLang(PAGES.operation, 'ar'));
    await page.screenshot({ path: join(shots, 'explorer-operation-ar.png') });
    await page.close();
  });
});
