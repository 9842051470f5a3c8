import { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { CachedResponses } from '../src/common/response-cache';
import { createTestApp } from './utils/app';

// The cards, the chart and the landing page in four languages: chosen by ?lang= (which wins) or Accept-Language,
// said in Content-Language, cached per language (also on the fast path in front of Fastify, and for 304s).

/** The body as text, whatever its type (supertest leaves SVG unparsed). */
const asText = (r: request.Test) =>
  r.buffer(true).parse((res, done) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (body += chunk));
    res.on('end', () => done(null, body));
  });

/** The big numbers of the tiles (bold, in the accent colour), in card order. */
function tileNumbers(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*fill="#0a58a8" font-weight="700">([^<]*)<\/text>/g)].map((m) => m[1]);
}

const SCALE: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  millions: 1e6,
  billion: 1e9,
  milliard: 1e9,
  milliards: 1e9,
  millón: 1e6,
  millones: 1e6,
  'mil millones': 1e9,
  مليون: 1e6,
  مليار: 1e9,
};

/**
 * A number as a card writes it, read back: "2.16 billion" (en), "2,16 milliards" (fr), "2,16 mil millones" (es),
 * "2.16 مليار" (ar). Written independently of the code under test, from each locale's conventions.
 */
function readBack(text: string, language: 'en' | 'fr' | 'es' | 'ar'): number {
  const match = /^([0-9.,\u00a0\u202f ]*[0-9])\s*(.*)$/u.exec(text.trim());
  if (!match) throw new Error(`not a number: ${text}`);
  let digits = match[1];
  if (language === 'en' || language === 'ar') digits = digits.replace(/,/g, '');
  if (language === 'fr') digits = digits.replace(/[\u00a0\u202f ]/g, '').replace(',', '.');
  if (language === 'es') digits = digits.replace(/\./g, '').replace(',', '.');
  const word = match[2].trim();
  const scale = word ? SCALE[word] : 1;
  if (scale === undefined) throw new Error(`unknown scale word "${word}" in ${text}`);
  return Number(digits) * scale;
}

describe('Languages of the cards, the chart and the landing page (e2e)', () => {
  let app: NestFastifyApplication;
  /** One origin for every request: the landing page is cached per host, and supertest would pick a new port each time. */
  let server: string;

  beforeAll(async () => {
    app = await createTestApp();
    await app.listen(0, '127.0.0.1');
    server = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
  });

  it('?lang= chooses the language, says it in Content-Language and does not vary by Accept-Language', async () => {
    const res = await asText(
      request(server).get('/v1/embed/operations/jupiter-vi.svg?lang=es').set('Accept-Language', 'fr'),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe('es');
    expect(res.headers.vary).not.toMatch(/accept-language/i);
    expect(res.body).toContain('lang="es"');
    expect(res.body).toContain('<title id="ora-operation-title">Resultados de operaciones: Jupiter VI</title>');
  });

  it('Accept-Language chooses when there is no ?lang= (q-values respected), with Vary: Accept-Language', async () => {
    const res = await asText(
      request(server)
        .get('/v1/embed/summary.svg?series=jupiter')
        .set('Accept-Language', 'de;q=1, ar;q=0.4, fr-CA;q=0.8'),
    );
    expect(res.headers['content-language']).toBe('fr');
    expect(res.headers.vary).toMatch(/Accept-Language/);
    expect(res.body).toContain('<title id="ora-summary-title">Résultats d’opérations : Opérations Jupiter</title>');
    const none = await asText(
      request(server).get('/v1/embed/summary.svg?series=jupiter').set('Accept-Language', 'de, ja'),
    );
    expect(none.headers['content-language']).toBe('en');
    expect(none.headers.vary).toMatch(/Accept-Language/);
  });

  it('an unsupported ?lang= is a 400 problem naming the supported languages, on the cards and on the landing page', async () => {
    for (const path of [
      '/v1/embed/summary.svg?lang=de',
      '/v1/embed/operations/jupiter-vi.svg?lang=EN',
      '/v1/embed/timeseries.svg?metric=arrests&lang=xx',
      '/?lang=de',
    ]) {
      const res = await request(server).get(path);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({
        path,
        status: 400,
        type: 'application/problem+json; charset=utf-8',
      });
      expect(res.body.errors).toEqual([{ name: 'lang', reason: 'lang must be one of: en, fr, es, ar' }]);
    }
  });

  it('an answer chosen by Accept-Language is cached per language: bodies and ETags differ, also on the fast path and for 304s', async () => {
    const cache = app.get(CachedResponses);
    try {
      for (const path of ['/v1/embed/summary.svg?series=opson', '/']) {
        const fast = jest.spyOn(cache, 'serveRaw');
        const get = (language: string, etag?: string) => {
          const r = request(server).get(path).set('Accept-Language', language);
          return asText(etag ? r.set('If-None-Match', etag) : r);
        };
        fast.mockClear();
        const fr = await get('fr-FR,fr;q=0.9');
        const en = await get('en-GB,en;q=0.9');
        expect([fr.status, en.status]).toEqual([200, 200]);
        expect([fr.headers['content-language'], en.headers['content-language']]).toEqual(['fr', 'en']);
        expect(fr.body).not.toEqual(en.body);
        expect(fr.headers.etag).not.toEqual(en.headers.etag);
        // Both answered in full the first time (nothing stored yet for either language).
        expect(fast.mock.results.map((r) => r.value)).toEqual([false, false]);

        // Repeats: from the cache in front of Fastify, each in its own language.
        const fr2 = await get('fr');
        const en2 = await get('en');
        expect(fast.mock.results.slice(2).map((r) => r.value)).toEqual([true, true]);
        expect([fr2.body, fr2.headers.etag, fr2.headers['content-language']]).toEqual([fr.body, fr.headers.etag, 'fr']);
        expect([en2.body, en2.headers.etag, en2.headers['content-language']]).toEqual([en.body, en.headers.etag, 'en']);

        // Revalidation: the French tag is current for French, not for English (which gets its own body).
        const fr304 = await get('fr', fr.headers.etag);
        expect(fr304.status).toBe(304);
        const enWithFrTag = await get('en', fr.headers.etag);
        expect(enWithFrTag.status).toBe(200);
        expect(enWithFrTag.body).toEqual(en.body);
        expect(fast.mock.results.slice(4).map((r) => r.value)).toEqual([true, true]);
        // The same through the full pipeline (no cache in front): a fresh French request revalidated with the English tag.
        fast.mockImplementation(() => false);
        const full = await get('fr', en.headers.etag);
        expect(full.status).toBe(200);
        expect(full.body).toEqual(fr.body);
        expect((await get('en', en.headers.etag)).status).toBe(304);
        fast.mockRestore();
      }
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('the numbers on a French, Spanish or Arabic summary card are the English card’s numbers', async () => {
    const cards: Record<string, string> = {};
    for (const language of ['en', 'fr', 'es', 'ar'] as const) {
      cards[language] = (await asText(request(server).get(`/v1/embed/summary.svg?lang=${language}`))).body as string;
    }
    const english = tileNumbers(cards.en).map((n) => readBack(n, 'en'));
    expect(english).toHaveLength(4);
    expect(english.every((n) => n > 0)).toBe(true);
    for (const language of ['fr', 'es', 'ar'] as const) {
      expect({ language, numbers: tileNumbers(cards[language]).map((n) => readBack(n, language)) }).toEqual({
        language,
        numbers: english,
      });
    }
    // The qualifiers in words of each language, never stacked.
    expect(cards.fr).toContain('>au moins</text>');
    expect(cards.es).toContain('>al menos</text>');
    expect(cards.ar).toContain('>على الأقل</text>');
    expect(cards.ar).toMatch(/<svg [^>]*lang="ar" xml:lang="ar" direction="rtl"/);
  });

  it('the landing page in Arabic is right to left, links the other languages and shows the Arabic card', async () => {
    const res = await asText(request(server).get('/?lang=ar'));
    expect(res.status).toBe(200);
    expect(res.headers['content-language']).toBe('ar');
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    expect(res.body).toContain('<img src="/v1/embed/summary.svg?lang=ar"');
    for (const language of ['en', 'fr', 'es'])
      expect(res.body).toContain(`href="/?lang=${language}" hreflang="${language}"`);
    const en = await asText(request(server).get('/'));
    expect(en.body).toContain('<html lang="en">');
  });

  it('the JSON API stays language-neutral', async () => {
    const fr = await request(server).get('/v1/stats/summary?series=pangea').set('Accept-Language', 'fr');
    const en = await request(server).get('/v1/stats/summary?series=pangea').set('Accept-Language', 'en');
    expect(fr.body).toEqual(en.body);
    expect(fr.headers.etag).toEqual(en.headers.etag);
    expect(fr.headers['content-language']).toBeUndefined();
  });
});
