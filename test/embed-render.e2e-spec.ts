import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Browser, BrowserContext, Page, chromium } from 'playwright-core';
import { createTestApp } from './utils/app';
import { recordSkippedSpec } from './utils/contract';

// The cards, the chart, the landing page and the embed script as a reader's browser shows them: Debian's Chromium
// (or the browser that CHROMIUM_PATH names), driven by playwright-core (which never downloads a browser).
// `npm run screenshots` sets SCREENSHOTS_DIR=docs to refresh the committed pictures; otherwise they go to a
// temporary folder. Without the browser the suite skips itself and says so (the contract coverage check and the
// end of the run name it too); with CI set, a missing browser fails it.

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const hasChromium = existsSync(CHROMIUM);
jest.setTimeout(60_000);
const inCi = Boolean(process.env.CI);

if (!hasChromium && !inCi) {
  console.warn(
    `\n**********************************************************************\n` +
      `  SKIPPED test/embed-render.e2e-spec.ts: Chromium not found at ${CHROMIUM}.\n` +
      `  Install it with: apt-get update && apt-get install -y chromium\n` +
      `  or set CHROMIUM_PATH to a Chromium or Chrome binary.\n` +
      `  (with CI set, a missing Chromium fails this suite instead)\n` +
      `**********************************************************************\n`,
  );
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
    const texts = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', rect: t.getBoundingClientRect() }));
    const tolerance = 1.5;
    const outside = texts
      .filter(({ rect }) => rect.left < box.left - tolerance || rect.top < box.top - tolerance || rect.right > box.right + tolerance || rect.bottom > box.bottom + tolerance)
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

(hasChromium || inCi ? describe : describe.skip)('Embeds rendered in headless Chromium (e2e)', () => {
  let app: NestFastifyApplication;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let shots: string;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`CI is set and Chromium is not found at ${CHROMIUM}: .ci/run installs Debian's chromium before npm test.`);
    shots = process.env.SCREENSHOTS_DIR ? resolve(process.env.SCREENSHOTS_DIR) : mkdtempSync(join(tmpdir(), 'embed-screenshots-'));
    mkdirSync(shots, { recursive: true });
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 900, height: 700 }, deviceScaleFactor: 2 });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  /** Opens an SVG by itself, checks its rendered size and layout, and takes its picture. */
  async function openSvg(path: string, screenshot: string, size: { width: number; height: number }): Promise<LayoutReport> {
    const page = await context.newPage();
    try {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toBe('image/svg+xml; charset=utf-8');
      const layout = await layoutOf(page);
      expect({ width: layout.width, height: layout.height }).toEqual(size);
      expect(layout.outside).toEqual([]);
      expect(layout.overlapping).toEqual([]);
      const picture = await page.locator('svg').screenshot({ path: join(shots, screenshot) });
      // Twice the CSS size at deviceScaleFactor 2.
      expect(picture.readUInt32BE(16)).toBe(size.width * 2);
      expect(picture.readUInt32BE(20)).toBe(size.height * 2);
      return layout;
    } finally {
      await page.close();
    }
  }

  it('the summary card: the headline figures of all operations, with their qualifiers', async () => {
    const { texts } = await openSvg('/v1/embed/summary.svg', 'summary-card.png', { width: 600, height: 360 });
    expect(texts).toEqual(expect.arrayContaining(['All operations', 'Operations', '55', 'Arrests', 'more than about', '38,069']));
    // 2,169,044,492.31 USD, a lower bound: rounded down, never up.
    expect(texts).toContain('2.16 billion');
    expect(texts.join(' ')).toContain('Data as of');
  });

  it('the operation card of Pangea VIII: name, dates, region, totals as reported, publishers', async () => {
    const { texts } = await openSvg('/v1/embed/operations/pangea-viii.svg', 'operation-card.png', { width: 600, height: 360 });
    expect(texts).toEqual(
      expect.arrayContaining(['Pangea VIII', '9–16 June 2015 · World · pharmaceutical crime', 'Arrests', '156', 'more than', '81 million', '2,414']),
    );
    expect(texts).toContain('Figures as reported by WCO; dates and region: INTERPOL.');
  });

  it('the timeseries chart of Pangea arrests: one bar per year with a figure, gaps as gaps, labelled axes', async () => {
    const page = await context.newPage();
    await page.goto(`${base}/v1/embed/timeseries.svg?metric=arrests&series=pangea`);
    // 18 years (2008–2025), four of them (2008, 2010, 2019, 2024) without a figure.
    expect(await page.locator('svg > rect[fill="#1f6fbf"]').count()).toBe(14);
    await page.close();
    const { texts } = await openSvg('/v1/embed/timeseries.svg?metric=arrests&series=pangea', 'timeseries-chart.png', { width: 640, height: 400 });
    expect(texts).toEqual(expect.arrayContaining(['Arrests per year: Pangea operations', 'Arrests (people)', 'Year', '859', '400+', '~80', '2008', '2024']));
    expect(texts.filter((t) => t === '–')).toHaveLength(4);
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
    expect(await card.getAttribute('alt')).toMatch(/^All operations, 2007 to 2025: 55 operations; 95 participating countries; more than about 38,069 arrests; /);
    const box = await card.boundingBox();
    expect(box).toMatchObject({ width: 600, height: 360 });
    for (const href of ['/docs', '/openapi.json', '/v1/seizures?format=csv&series=pangea', '/v1/stats/arrests?groupBy=year&series=pangea&format=csv']) {
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
    const site = createServer((_request, response) => response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(article));
    await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
    const page = await context.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/article.html`);
      await page.waitForFunction(
        () => {
          const imgs = [...document.querySelectorAll<HTMLImageElement>('img.operation-results-embed')];
          // The first alt text gives way to the card's own description, read across origins (CORS is open).
          return imgs.length === 2 && imgs.every((img) => img.complete && img.naturalWidth > 0 && !img.alt.startsWith('Operation Results API'));
        },
        undefined,
        { timeout: 15_000 },
      );
      const cards = await page.locator('img.operation-results-embed').evaluateAll((imgs: HTMLImageElement[]) =>
        imgs.map((img) => ({ src: img.src, width: img.naturalWidth, alt: img.alt })),
      );
      expect(cards).toEqual([
        { src: `${base}/v1/embed/summary.svg?series=pangea`, width: 600, alt: expect.stringMatching(/^Pangea operations, 2008 to 2025: 16 operations; /) },
        { src: `${base}/v1/embed/operations/pangea-viii.svg`, width: 600, alt: expect.stringMatching(/^Pangea VIII, 9–16 June 2015, World, /) },
      ]);
    // Each card right after its own script.
      expect(await page.evaluate(() => [...document.body.children].map((e) => e.tagName).join(' '))).toBe('H1 SCRIPT IMG P SCRIPT IMG');
    } finally {
      await page.close();
      await new Promise((done) => site.close(done));
    }
  });
});
