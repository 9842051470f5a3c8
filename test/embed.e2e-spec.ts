import request from 'supertest';
import { groupDigits, readableNumber } from '../src/embed/render/format';
import { openTestApp, TestApp, TestServer } from './utils/setup';

// The cards carry the figures of /v1/stats/summary and /v1/stats/timeseries for the same filters: the expected
// words are read from the JSON where the counting rules make them, and stated here where the data does (Pangea XV,
// 2022, published no global arrests figure: the UK's 2 arrests are a sum of one country's figures).

const SVG = 'image/svg+xml; charset=utf-8';

/** The description of the SVG, unescaped. */
function desc(svg: string): string {
  const text = /<desc id="[^"]+">([^<]*)<\/desc>/.exec(svg)![1];
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('Embeds (e2e)', () => {
  let ctx: TestApp;
  let server: TestServer;

  beforeAll(async () => {
    ctx = await openTestApp();
    ({ server } = ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  const svg = async (path: string) => {
    const res = await request(server)
      .get(path)
      .buffer(true)
      .parse((r, done) => {
        let body = '';
        r.setEncoding('utf8');
        r.on('data', (chunk: string) => (body += chunk));
        r.on('end', () => done(null, body));
      });
    return { ...res, text: res.body as string };
  };

  describe('GET /v1/embed/summary.svg', () => {
    it('is an accessible SVG card with the figures of /v1/stats/summary in words, each with its qualifier', async () => {
      const res = await svg('/v1/embed/summary.svg?series=pangea');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(SVG);
      expect(res.text).toMatch(
        /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="600" height="360" viewBox="0 0 600 360" role="img" aria-labelledby="ora-summary-title ora-summary-desc"/,
      );
      expect(res.text).toContain('<title id="ora-summary-title">Operation results: Pangea operations</title>');
      const { body: json } = await request(server).get('/v1/stats/summary?series=pangea').expect(200);
      const words = desc(res.text);
      expect(
        words.startsWith(`Pangea operations, ${json.firstYear} to ${json.lastYear}: ${json.operations} operations; `),
      ).toBe(true);
      expect(words).toContain(
        `; ${groupDigits(json.participatingCountries)} countries named as participants or with figures of their own;`,
      );
      // Arrests: "more than" figures and the sums of one country's figures in 2011 and 2022, a lower bound.
      expect(json.arrests).toMatchObject({
        lowerBound: true,
        derived: true,
        derivedFrom: 'countries',
        derivedFromCount: 2,
      });
      expect(words).toContain(
        `; at least ${groupDigits(json.arrests.value)} arrests (partly a sum of 2 country figures);`,
      );
      expect(res.text).toContain(`>${groupDigits(json.arrests.value)}</text>`);
      expect(json.seizureValueUsd.lowerBound).toBe(true);
      expect(words).toContain(
        `; seizures worth at least ${groupDigits(Math.floor(json.seizureValueUsd.value))} US dollars`,
      );
      expect(res.text).toContain(`>${readableNumber(json.seizureValueUsd.value, 'down')}</text>`);
      expect(words).not.toMatch(/more than about|at least about|up to about/);
      expect(words).toMatch(
        /\. Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports\. Data as of \d+ \w+ \d{4}\.$/,
      );
    });

    it('may be shown by any site: open CORS and resource policy, no X-Frame-Options, a policy that loads nothing', async () => {
      const res = await request(server).get('/v1/embed/summary.svg').set('Origin', 'https://news.example').expect(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('is cacheable: ETag, Cache-Control and 304', async () => {
      const first = await request(server).get('/v1/embed/summary.svg').expect(200);
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
      await request(server).get('/v1/embed/summary.svg').set('If-None-Match', first.headers.etag).expect(304);
    });

    it('answers bad filters with a 400 problem+json', async () => {
      for (const query of ['series=nope', 'yearFrom=2020&yearTo=2010', 'format=csv', 'colour=red']) {
        const res = await request(server).get(`/v1/embed/summary.svg?${query}`).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  });

  describe('GET /v1/embed/operations/{code}.svg', () => {
    it('shows the operation and its headline figures with qualifiers and publishers', async () => {
      const res = await svg('/v1/embed/operations/pangea-viii.svg');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(SVG);
      expect(res.text).toContain(
        'width="600" height="360" viewBox="0 0 600 360" role="img" aria-labelledby="ora-operation-title ora-operation-desc"',
      );
      expect(res.text).toContain('>Pangea VIII</text>');
      expect(res.text).toContain('>9–16 June 2015 · World · pharmaceutical crime</text>');
      const words = desc(res.text);
      expect(words).toMatch(
        /^Pangea VIII, 9–16 June 2015, World, pharmaceutical crime\. Operation-wide totals as reported: /,
      );
      expect(words).toContain('arrests: 156 people');
      expect(words).toContain('seizures worth more than 81,000,000 USD (medicines)');
      expect(words).toContain('websites shut down: more than 2,414 websites');
      expect(words).toContain(
        'Figures as reported by IRACM, WCO, SecuringIndustry.com and Europol; dates and region: INTERPOL.',
      );
    });

    it('accepts any case of the code', async () => {
      await request(server).get('/v1/embed/operations/PANGEA-VIII.svg').expect(200);
    });

    it('answers an unknown code with a 404 problem+json and a bad one with a 400', async () => {
      const res = await request(server).get('/v1/embed/operations/nope.svg').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, title: 'Not Found', instance: '/v1/embed/operations/nope.svg' });
      expect(res.body.detail).toContain("'nope'");
      await request(server).get('/v1/embed/operations/no--pe.svg').expect(400);
    });
  });

  describe('GET /v1/embed/timeseries.svg', () => {
    it('draws Pangea arrests per year with gaps for the years without a figure and the derived years marked', async () => {
      const res = await svg('/v1/embed/timeseries.svg?metric=arrests&series=pangea');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(SVG);
      expect(res.text).toContain('width="640" height="400" viewBox="0 0 640 400"');
      const { body: json } = await request(server).get('/v1/stats/timeseries?metric=arrests&series=pangea').expect(200);
      const points: { year: number; value: number | null; derived: boolean }[] = json.data;
      expect(res.text.match(/<rect [^>]*class="bar( bar-derived)?"/g)).toHaveLength(
        points.filter((p) => p.value !== null).length,
      );
      expect(res.text.match(/<rect [^>]*class="bar bar-derived"/g)).toHaveLength(
        points.filter((p) => p.derived).length,
      );
      expect(points.find((p) => p.year === 2022)).toMatchObject({
        value: 2,
        derived: true,
        lowerBound: true,
        derivedFrom: 'countries',
        derivedFromCount: 1,
      });
      const words = desc(res.text);
      expect(words).toMatch(
        /^Arrests per year in people, Pangea operations\. 2008: no figure reported; 2009: 12; 2010: no figure reported; .*2018: 859; .*2025: 769\. Source: /,
      );
      expect(words).toContain("; 2022: at least 2 (sum of 1 country's figures); ");
      expect(res.text).toContain('>2+*</text>');
      expect(res.text).toContain('2022 is a sum of 1 country&apos;s figures');
    });

    it('takes the parameters of /v1/stats/timeseries', async () => {
      const res = await svg(
        '/v1/embed/timeseries.svg?metric=seizureValueUsd&series=pangea&by=edition&yearFrom=2014&yearTo=2016',
      );
      expect(res.status).toBe(200);
      expect(res.text).toContain('Value of seizures per edition: Pangea operations, 2014–2016');
      expect(res.text).toContain('Value of seizures (US dollars)');
      await request(server).get('/v1/embed/timeseries.svg?series=pangea').expect(400);
      await request(server).get('/v1/embed/timeseries.svg?metric=pies').expect(400);
    });
  });

  describe('GET /embed.js', () => {
    it('is a cacheable script outside /v1, usable by any site', async () => {
      const res = await request(server).get('/embed.js').set('Origin', 'https://news.example').expect(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect(res.headers.etag).toBeDefined();
      expect(res.text).toContain('/v1/embed/summary.svg');
      await request(server).get('/v1/embed.js').expect(404);
    });
  });

  describe('GET /', () => {
    it('is the landing page: the API in one screen, with the live card and where to go next', async () => {
      const res = await request(server).get('/').expect(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.text).toContain('<h1>Operation Results API</h1>');
      const { body: json } = await request(server).get('/v1/stats/summary').expect(200);
      const years = `${json.firstYear} to ${json.lastYear}`;
      expect(res.text).toContain(
        `<img src="/v1/embed/summary.svg" width="600" height="360" alt="All operations, ${years}: ${groupDigits(json.operations)} operations; `,
      );
      expect(res.text).toContain(`${groupDigits(json.operations)} operations from ${years} in `);
      expect(res.text).toContain('Pangea (16, 2008–2025)');
      for (const href of [
        '/docs',
        '/openapi.json',
        '/v1/seizures?format=csv&amp;series=pangea',
        '/v1/stats/arrests?groupBy=year&amp;series=pangea&amp;format=csv',
      ]) {
        expect(res.text).toContain(`href="${href}"`);
      }
      expect(res.text).toContain('id="typed-client"');
      expect(res.text).toContain('clients/typescript/');
      // Nothing from elsewhere: no absolute URL in src or href except the embed snippet, which shows this host.
      expect(res.text).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(res.text).toMatch(
        /&lt;script src=&quot;http:\/\/127\.0\.0\.1(:\d+)?\/embed\.js&quot; data-card=&quot;summary&quot;/,
      );
    });
  });
});
