import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { components } from '../clients/typescript/src/schema';
import { DataVersion } from '../src/common/data-version';
import { groupDigits, readableNumber } from '../src/embed/render/format';
import { createTestApp } from './utils/app';
import { CHROMIUM, hasChromium, inCi, launchChromium, noticeMissingChromium } from './utils/chromium';
import { recordSkippedSpec } from './utils/contract';
import { createAppOn, createScratchDatabase, ScratchDatabase } from './utils/scratch-database';
import { FixtureFigure, insertFigures, insertReferenceRows } from './utils/stats-fixture';

// The cards, the chart, the landing page and the embed script as a reader's browser shows them: Debian's Chromium
// (or the browser that CHROMIUM_PATH names), driven by playwright-core (which never downloads a browser).
// `npm run screenshots` sets SCREENSHOTS_DIR=docs to refresh the committed pictures; otherwise they go to a
// temporary folder. Without the browser the suite skips itself and says so (the contract coverage check and the
// end of the run name it too); with CI set, a missing browser fails it.

jest.setTimeout(60_000);

if (!hasChromium && !inCi) {
  noticeMissingChromium(__filename);
  recordSkippedSpec(__filename, `Chromium not found at ${CHROMIUM}`);
}

/** Texts drawn outside the image, or on top of each other (beyond a pixel of rounding). */
interface LayoutReport {
  width: number;
  height: number;
  texts: string[];
  outside: string[];
  overlapping: string[][];
}

/** Lays out the open SVG document and reports what is not within its box. */
function layoutOf(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const svg = document.documentElement as unknown as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map((t) => ({
      text: t.textContent ?? '',
      rect: t.getBoundingClientRect(),
    }));
    const tolerance = 1.5;
    const outside = texts
      .filter(
        ({ rect }) =>
          rect.left < box.left - tolerance ||
          rect.top < box.top - tolerance ||
          rect.right > box.right + tolerance ||
          rect.bottom > box.bottom + tolerance,
      )
      .map((t) => t.text);
    const overlapping: string[][] = [];
    texts.forEach((a, i) =>
      texts.slice(i + 1).forEach((b) => {
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (x > tolerance && y > tolerance) overlapping.push([a.text, b.text]);
      }),
    );
    return { width: box.width, height: box.height, texts: texts.map((t) => t.text), outside, overlapping };
  });
}

const CARD = { width: 600, height: 360 };
const CHART = { width: 640, height: 400 };

type Summary = components['schemas']['SummaryDto'];
type Timeseries = components['schemas']['TimeseriesDto'];

async function json<T>(origin: string, path: string): Promise<T> {
  const response = await fetch(`${origin}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** Texts, bar titles and description of the SVG open in the page. */
function chartOf(page: Page): Promise<{ texts: string[]; derivedTitles: string[]; barTitles: string[]; desc: string }> {
  return page.evaluate(() => ({
    texts: [...document.querySelectorAll('svg > text')].map((t) => t.textContent ?? ''),
    derivedTitles: [...document.querySelectorAll('svg > rect.bar-derived > title')].map((t) => t.textContent ?? ''),
    barTitles: [...document.querySelectorAll('svg > rect.bar > title')].map((t) => t.textContent ?? ''),
    desc: document.querySelector('svg > desc')?.textContent ?? '',
  }));
}

/**
 * A fixture small enough to check by hand, for what the bundled data may not show at all times:
 * series Alpha (scope "Alpha operations"), one operation a year.
 * - 2020, Alpha I: 100 arrests (an operation-wide total), USD 1,000,000.
 * - 2021, Alpha II: no arrests total, only the United Kingdom's 2: a sum of 1 country's figures, at least 2.
 * - 2022, Alpha III: "more than" 40 arrests; USD 2,169,044,492 (exact).
 * - 2022, Alpha IV (Europe): NGN 3,000, without an exchange rate: the 2022 money sum is partial.
 */
const FIXTURE_FIGURES: FixtureFigure[] = [
  { op: 'a1', kind: 'arrests', quantity: '100', unit: 'people', source: 'S1' },
  { op: 'a1', kind: 'value_seized', quantity: '1000000', unit: 'USD', source: 'S1' },
  { op: 'a2', kind: 'arrests', quantity: '2', unit: 'people', country: 'GB', source: 'S1' },
  { op: 'a3', kind: 'arrests', quantity: '40', unit: 'people', qualifier: 'more_than', source: 'S1' },
  { op: 'a3', kind: 'value_seized', quantity: '2169044492', unit: 'USD', source: 'S1' },
  { op: 'a4', kind: 'value_seized', quantity: '3000', unit: 'NGN', source: 'S1' },
];

(hasChromium || inCi ? describe : describe.skip)('Embeds rendered in headless Chromium (e2e)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let shots: string;

  beforeAll(async () => {
    shots = process.env.SCREENSHOTS_DIR
      ? resolve(process.env.SCREENSHOTS_DIR)
      : mkdtempSync(join(tmpdir(), 'embed-screenshots-'));
    mkdirSync(shots, { recursive: true });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 900, height: 700 }, deviceScaleFactor: 2 });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /** Opens an SVG by itself, checks its rendered size and layout, and takes its picture. */
  async function openSvg(
    origin: string,
    path: string,
    screenshot: string,
    size: { width: number; height: number },
  ): Promise<LayoutReport> {
    const page = await context.newPage();
    try {
      const response = await page.goto(`${origin}${path}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
      const layout = await layoutOf(page);
      // The picture first, so that a failing layout can be looked at.
      const picture = await page.locator('svg').screenshot({ path: join(shots, screenshot) });
      expect({ width: layout.width, height: layout.height }).toEqual(size);
      expect(layout.outside).toEqual([]);
      expect(layout.overlapping).toEqual([]);
      // Twice the CSS size at deviceScaleFactor 2.
      expect(picture.readUInt32BE(16)).toBe(size.width * 2);
      expect(picture.readUInt32BE(20)).toBe(size.height * 2);
      return layout;
    } finally {
      await page.close();
    }
  }

  describe('on the bundled data', () => {
    let app: NestFastifyApplication;
    let base: string;

    beforeAll(async () => {
      app = await createTestApp();
      await app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await app?.close();
    });

    it('the summary card: the headline figures of all operations, each with the qualifier of its JSON', async () => {
      const summary = await json<Summary>(base, '/v1/stats/summary');
      const { texts } = await openSvg(base, '/v1/embed/summary.svg', 'summary-card.png', CARD);
      expect(texts).toEqual(
        expect.arrayContaining(['All operations', 'Operations', groupDigits(summary.operations), 'Arrests']),
      );
      // The bundled data has "more than" arrest figures: a lower bound, read "at least" and rounded down.
      expect(summary.arrests).toMatchObject({ lowerBound: true });
      expect(texts).toEqual(expect.arrayContaining(['at least', readableNumber(summary.arrests.value!, 'down')]));
      // The value of seizures: rounded down only when a lower bound (or partial), else to the nearest.
      const money = summary.seizureValueUsd;
      const lower = money.lowerBound || money.derived || money.partial;
      expect(texts).toContain(readableNumber(money.value!, lower ? 'down' : 'nearest'));
      // Countries: the largest number a source states for one operation, "at least" that many took part.
      const stated = summary.participation.countriesStatedMax;
      expect(stated).toEqual(expect.any(Number));
      expect(texts).toEqual(
        expect.arrayContaining(['Countries taking part', groupDigits(stated!), 'the most stated for one operation']),
      );
      expect(texts.join(' ')).not.toMatch(/more than about|at least about|up to about/);
      expect(texts.join(' ')).toContain('Data as of');
    });

    it('the operation card of Pangea VIII: name, dates, region, totals as reported, publishers', async () => {
      const { texts } = await openSvg(base, '/v1/embed/operations/pangea-viii.svg', 'operation-card.png', {
        width: 600,
        height: 360,
      });
      expect(texts).toEqual(
        expect.arrayContaining([
          'Pangea VIII',
          '9–16 June 2015 · World · pharmaceutical crime',
          'Arrests',
          '156',
          'more than',
          '81 million',
          '2,414',
        ]),
      );
      expect(texts).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Figures as reported by (.+, )?WCO\b.*; dates and region: INTERPOL\.$/),
        ]),
      );
    });

    it('the timeseries chart of Pangea arrests: one bar per year with a figure, gaps as gaps, derived bars marked, labelled axes', async () => {
      const series = await json<Timeseries>(base, '/v1/stats/timeseries?metric=arrests&series=pangea');
      const withFigure = series.data.filter((p) => p.value !== null);
      const derived = withFigure.filter((p) => p.derived);
      const page = await context.newPage();
      await page.goto(`${base}/v1/embed/timeseries.svg?metric=arrests&series=pangea`);
      expect(await page.locator('svg > rect.bar').count()).toBe(withFigure.length);
      expect(await page.locator('svg > rect.bar-derived').count()).toBe(derived.length);
      // Pangea XV (2022) published no global arrests figure: the UK's 2 arrests are a sum of one country's figures.
      expect(series.data.find((p) => p.year === 2022)).toMatchObject({
        value: 2,
        derived: true,
        lowerBound: true,
        derivedFrom: 'countries',
        derivedFromCount: 1,
      });
      expect(await page.locator('svg > rect.bar-derived > title').allTextContents()).toContain(
        "2022: at least 2 (sum of 1 country's figures)",
      );
      await page.close();
      const { texts } = await openSvg(
        base,
        '/v1/embed/timeseries.svg?metric=arrests&series=pangea',
        'timeseries-chart.png',
        CHART,
      );
      expect(texts).toEqual(
        expect.arrayContaining([
          'Arrests per year: Pangea operations',
          'Arrests (people)',
          'Year',
          '2+*',
          String(series.data[0].year),
        ]),
      );
      expect(texts.join(' ')).toContain("2022 is a sum of 1 country's figures");
      expect(texts.filter((t) => t === '–')).toHaveLength(series.data.length - withFigure.length);
    });

    it('the landing page: one screen with the live card, no error, nothing loaded from elsewhere', async () => {
      const page = await context.newPage();
      const problems: string[] = [];
      const foreign: string[] = [];
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => !request.url().startsWith(base) && foreign.push(request.url()));
      await page.setViewportSize({ width: 1024, height: 800 });
      const response = await page.goto(`${base}/`);
      expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8');
      await expect(page.locator('h1').textContent()).resolves.toBe('Operation Results API');
      const card = page.locator('figure img');
      await card.evaluate((img: HTMLImageElement) => img.decode());
      expect(await card.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(600);
      const summary = await json<Summary>(base, '/v1/stats/summary');
      const alt = await card.getAttribute('alt');
      expect(alt).toMatch(
        new RegExp(
          `^All operations, ${summary.firstYear} to ${summary.lastYear}: ${groupDigits(summary.operations)} operations; `,
        ),
      );
      expect(alt).toContain(`; at least ${groupDigits(Math.floor(summary.arrests.value!))} arrests`);
      const box = await card.boundingBox();
      expect(box).toMatchObject({ width: 600, height: 360 });
      for (const href of [
        '/docs',
        '/openapi.json',
        '/v1/seizures?format=csv&series=pangea',
        '/v1/stats/arrests?groupBy=year&series=pangea&format=csv',
      ]) {
        expect(await page.locator(`a[href="${href}"]`).count()).toBeGreaterThan(0);
      }
      expect(await page.locator('#typed-client').textContent()).toBe('Typed client');
      await page.screenshot({ path: join(shots, 'landing.png'), fullPage: true, scale: 'css' });
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
      await page.close();
    });

    it('embed.js on another site: one line places the live card from the script’s own origin, with the figures as alt text', async () => {
      // Another site: a page served from another port (another origin) of this machine.
      const article = `<!doctype html><html lang="en"><head><title>News</title></head><body><h1>News</h1>
        <script src="${base}/embed.js" data-card="summary" data-series="pangea" async></script>
        <p>Between the cards.</p>
        <script src="${base}/embed.js" data-card="operation" data-code="pangea-viii" async></script>
        </body></html>`;
      const site = createServer((_request, response) =>
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(article),
      );
      await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
      const page = await context.newPage();
      try {
        await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/article.html`);
        await page.waitForFunction(
          () => {
            const imgs = [...document.querySelectorAll<HTMLImageElement>('img.operation-results-embed')];
            // The first alt text gives way to the card's own description, read across origins (CORS is open).
            return (
              imgs.length === 2 &&
              imgs.every((img) => img.complete && img.naturalWidth > 0 && !img.alt.startsWith('Operation Results API'))
            );
          },
          undefined,
          { timeout: 15_000 },
        );
        const cards = await page
          .locator('img.operation-results-embed')
          .evaluateAll((imgs: HTMLImageElement[]) =>
            imgs.map((img) => ({ src: img.src, width: img.naturalWidth, alt: img.alt })),
          );
        expect(cards).toEqual([
          // The page is in English (`<html lang="en">`): the cards are asked for in English, whatever the browser's language.
          {
            src: `${base}/v1/embed/summary.svg?series=pangea&lang=en`,
            width: 600,
            alt: expect.stringMatching(/^Pangea operations, \d{4} to \d{4}: \d+ operations; /),
          },
          {
            src: `${base}/v1/embed/operations/pangea-viii.svg?lang=en`,
            width: 600,
            alt: expect.stringMatching(/^Pangea VIII, 9–16 June 2015, World, /),
          },
        ]);
        // Each card right after its own script.
        expect(await page.evaluate(() => [...document.body.children].map((e) => e.tagName).join(' '))).toBe(
          'H1 SCRIPT IMG P SCRIPT IMG',
        );
      } finally {
        await page.close();
        await new Promise((done) => site.close(done));
      }
    });
  });

  describe('in English, French, Spanish and Arabic, on the bundled data', () => {
    let app: NestFastifyApplication;
    let base: string;
    const LANGUAGES = ['en', 'fr', 'es', 'ar'] as const;

    beforeAll(async () => {
      app = await createTestApp();
      await app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await app?.close();
    });

    /** Where the title line starts: its left edge (left to right) or its right edge (right to left), from the card's own edge. */
    async function titleInset(path: string, width: number): Promise<{ left: number; right: number }> {
      const page = await context.newPage();
      try {
        await page.goto(`${base}${path}`);
        return await page.evaluate((w) => {
          const box = document.documentElement.getBoundingClientRect();
          const rect = document.querySelector('svg > text')!.getBoundingClientRect();
          return { left: Math.round(rect.left - box.left), right: Math.round(w - (rect.right - box.left)) };
        }, width);
      } finally {
        await page.close();
      }
    }

    const CARDS = [
      { name: 'summary-card', path: '/v1/embed/summary.svg', size: CARD, margin: 24 },
      { name: 'operation-card', path: '/v1/embed/operations/jupiter-vi.svg', size: CARD, margin: 24 },
      { name: 'operation-card-pangea', path: '/v1/embed/operations/pangea-viii.svg', size: CARD, margin: 24 },
      {
        name: 'timeseries-chart',
        path: '/v1/embed/timeseries.svg?metric=arrests&series=pangea',
        size: CHART,
        margin: 24,
      },
    ];

    for (const card of CARDS) {
      it.each(LANGUAGES)(
        `${card.name} in %s: every text inside the box, none overlapping, anchored at the reading side`,
        async (language) => {
          const path = `${card.path}${card.path.includes('?') ? '&' : '?'}lang=${language}`;
          const shot = language === 'en' ? `${card.name}-en.png` : `${card.name}-${language}.png`;
          const layout = await openSvg(base, path, shot, card.size);
          expect(layout.texts.length).toBeGreaterThan(5);
          const inset = await titleInset(path, card.size.width);
          // Right to left: the title starts at the right margin; left to right, at the left one.
          if (language === 'ar') expect(inset.right).toBeGreaterThanOrEqual(card.margin - 2);
          if (language === 'ar') expect(inset.right).toBeLessThanOrEqual(card.margin + 2);
          else expect(Math.abs(inset.left - card.margin)).toBeLessThanOrEqual(2);
        },
      );
    }

    it.each(LANGUAGES)(
      'the landing page in %s: its language and direction, nothing wider than the screen, the card in the same language',
      async (language) => {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
        page.on('pageerror', (error) => problems.push(error.message));
        try {
          for (const width of [1024, 375]) {
            await page.setViewportSize({ width, height: 800 });
            const response = await page.goto(`${base}/?lang=${language}`);
            expect(response?.headers()['content-language']).toBe(language);
            const html = page.locator('html');
            expect(await html.getAttribute('lang')).toBe(language);
            expect(await html.getAttribute('dir')).toBe(language === 'ar' ? 'rtl' : null);
            const card = page.locator('figure img');
            await card.evaluate((img: HTMLImageElement) => img.decode());
            expect(await card.getAttribute('src')).toBe(
              language === 'en' ? '/v1/embed/summary.svg' : `/v1/embed/summary.svg?lang=${language}`,
            );
            // No text outside the page: nothing scrolls sideways.
            const overflow = await page.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            );
            expect({ width, overflow }).toEqual({ width, overflow: 0 });
            // Right to left: the heading ends at the right of the column.
            const heading = await page.locator('h1').boundingBox();
            const main = await page.locator('main').evaluate((m) => {
              const r = m.getBoundingClientRect();
              const style = getComputedStyle(m);
              return { left: r.left + parseFloat(style.paddingLeft), right: r.right - parseFloat(style.paddingRight) };
            });
            if (language === 'ar') expect(Math.abs(heading!.x + heading!.width - main.right)).toBeLessThanOrEqual(1);
            else expect(Math.abs(heading!.x - main.left)).toBeLessThanOrEqual(1);
          }
          await page.setViewportSize({ width: 1024, height: 800 });
          await page.screenshot({ path: join(shots, `landing-${language}.png`), fullPage: true, scale: 'css' });
          expect(problems).toEqual([]);
        } finally {
          await page.close();
        }
      },
    );

    it('embed.js with data-lang="es" and data-lang="ar" places a Spanish and an Arabic card', async () => {
      const article = `<!doctype html><html><head><title>Noticias</title></head><body>
        <script src="${base}/embed.js" data-card="operation" data-code="jupiter-vi" data-lang="es" async></script>
        <script src="${base}/embed.js" data-card="operation" data-code="jupiter-vi" data-lang="ar" async></script>
        </body></html>`;
      const site = createServer((_request, response) =>
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(article),
      );
      await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
      const page = await context.newPage();
      try {
        await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
        await page.waitForFunction(
          () => {
            const imgs = [...document.querySelectorAll<HTMLImageElement>('img.operation-results-embed')];
            return (
              imgs.length === 2 &&
              imgs.every((img) => img.complete && img.naturalWidth > 0 && !img.alt.startsWith('Operation Results API'))
            );
          },
          undefined,
          { timeout: 15_000 },
        );
        const cards = await page
          .locator('img.operation-results-embed')
          .evaluateAll((imgs: HTMLImageElement[]) => imgs.map((img) => ({ src: img.src, alt: img.alt })));
        expect(cards).toEqual([
          {
            src: `${base}/v1/embed/operations/jupiter-vi.svg?lang=es`,
            alt: expect.stringMatching(/^Jupiter VI, .* de \d{4}, /),
          },
          {
            src: `${base}/v1/embed/operations/jupiter-vi.svg?lang=ar`,
            alt: expect.stringMatching(/^Jupiter VI، .*المصدر: /),
          },
        ]);
      } finally {
        await page.close();
        await new Promise((done) => site.close(done));
      }
    });
  });

  describe('on a hand-checked fixture: a derived point, a lower bound, a partial money sum', () => {
    let fixture: NestFastifyApplication;
    let database: ScratchDatabase;
    let origin: string;

    beforeAll(async () => {
      database = await createScratchDatabase('embed_render');
      fixture = await createAppOn(database.url);
      const dataSource = fixture.get(DataSource);
      await dataSource.transaction(async (manager) => {
        await insertReferenceRows(manager);
        await manager.query(`INSERT INTO operations (id, code, name, series_id, year, region_id, crime_area, source_id) VALUES
          (1, 'a1', 'Alpha I', 1, 2020, 1, 'test', 1), (2, 'a2', 'Alpha II', 1, 2021, 1, 'test', 1),
          (3, 'a3', 'Alpha III', 1, 2022, 1, 'test', 1), (4, 'a4', 'Alpha IV', 1, 2022, 2, 'test', 1)`);
      });
      await insertFigures(dataSource, FIXTURE_FIGURES);
      await fixture.get(DataVersion).bump();
      await fixture.listen(0, '127.0.0.1');
      origin = `http://127.0.0.1:${(fixture.getHttpServer().address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await fixture?.close();
      await database?.drop();
    });

    it('the timeseries chart marks the derived point (hatched, "*", titled) and footnotes what it was summed from', async () => {
      const series = await json<Timeseries>(origin, '/v1/stats/timeseries?metric=arrests&series=alpha');
      expect(series.data.map((p) => [p.year, p.value, p.derived, p.lowerBound])).toEqual([
        [2020, 100, false, false],
        [2021, 2, true, true],
        [2022, 40, false, true],
      ]);
      expect(series.data[1]).toMatchObject({ derivedFrom: 'countries', derivedFromCount: 1 });
      const path = '/v1/embed/timeseries.svg?metric=arrests&series=alpha';
      const { texts } = await openSvg(origin, path, 'timeseries-chart-derived.png', CHART);
      expect(texts).toEqual(
        expect.arrayContaining([
          '100',
          '2+*',
          '40+',
          'Bars: sums of preferred figures · + at least · * hatched: sum of parts',
          "* No total reported: 2021 is a sum of 1 country's figures.",
        ]),
      );
      const page = await context.newPage();
      try {
        await page.goto(`${origin}${path}`);
        const chart = await chartOf(page);
        expect(chart.derivedTitles).toEqual(["2021: at least 2 (sum of 1 country's figures)"]);
        expect(chart.barTitles).toEqual([
          '2020: 100',
          "2021: at least 2 (sum of 1 country's figures)",
          '2022: at least 40',
        ]);
        expect(chart.desc).toContain("2020: 100; 2021: at least 2 (sum of 1 country's figures); 2022: at least 40.");
        // The mark is a pattern, not a colour: the derived bar is filled with the hatching.
        expect(await page.locator('svg > rect.bar-derived').getAttribute('fill')).toBe('url(#ora-timeseries-hatch)');
        expect(await page.locator('svg pattern#ora-timeseries-hatch').count()).toBe(1);
      } finally {
        await page.close();
      }
    });

    it('the summary card reads "at least" where the JSON says lowerBound, and says what the sum was made from', async () => {
      const summary = await json<Summary>(origin, '/v1/stats/summary?year=2021');
      expect(summary.arrests).toMatchObject({
        value: 2,
        lowerBound: true,
        derived: true,
        derivedFrom: 'countries',
        derivedFromCount: 1,
      });
      const { texts } = await openSvg(origin, '/v1/embed/summary.svg?year=2021', 'summary-card-derived.png', CARD);
      expect(texts).toEqual(expect.arrayContaining(['Arrests', 'at least', '2', 'a sum of country figures']));
    });

    it('the summary card rounds an exact value to the nearest, and a partial sum down with "at least"', async () => {
      const exact = await json<Summary>(origin, '/v1/stats/summary?operation=a3');
      expect(exact.seizureValueUsd).toMatchObject({
        value: 2169044492,
        lowerBound: false,
        approximate: false,
        derived: false,
        unconverted: 0,
      });
      const one = await openSvg(origin, '/v1/embed/summary.svg?operation=a3', 'summary-card-exact.png', CARD);
      expect(one.texts).toEqual(
        expect.arrayContaining(['Value of seizures (US dollars)', '2.17 billion', 'converted at annual average rates']),
      );
      expect(one.texts).toEqual(expect.arrayContaining(['at least', '40']));

      const partial = await json<Summary>(origin, '/v1/stats/summary?year=2022');
      expect(partial.seizureValueUsd).toMatchObject({ value: 2169044492, unconverted: 1 });
      const year = await openSvg(origin, '/v1/embed/summary.svg?year=2022', 'summary-card-partial.png', CARD);
      expect(year.texts).toEqual(expect.arrayContaining(['2.16 billion', 'partial: 1 figure left out (no rate)']));
      expect(year.texts.filter((t) => t === 'at least')).toHaveLength(2);
    });

    it('the money chart marks the partial year', async () => {
      const { texts } = await openSvg(
        origin,
        '/v1/embed/timeseries.svg?metric=seizureValueUsd&series=alpha',
        'timeseries-chart-partial.png',
        CHART,
      );
      expect(texts).toEqual(
        expect.arrayContaining([
          '1M',
          '2.1B+',
          'Partial sums, at least: 1 money figure without an exchange rate not counted (2022).',
        ]),
      );
    });
  });
});
