import { runInNewContext } from 'node:vm';
import { embedScript } from './embed-script';

interface FakeElement {
  tagName: string;
  attributes: Record<string, string>;
  dataset: Record<string, string>;
  src: string;
  style: Record<string, string>;
  [property: string]: unknown;
}

/** Runs the embed script against a page holding the given `<script>` elements, and returns what it inserted. */
function run(
  scripts: { src: string; data: Record<string, string> }[],
  pageLang?: string,
): { inserted: { after: FakeElement; img: FakeElement }[]; warnings: string[] } {
  const inserted: { after: FakeElement; img: FakeElement }[] = [];
  const warnings: string[] = [];
  const elements: FakeElement[] = scripts.map(({ src, data }) => {
    const element: FakeElement = {
      tagName: 'SCRIPT',
      src,
      dataset: data,
      style: {},
      attributes: Object.fromEntries(
        Object.entries(data).map(([k, v]) => [`data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, v]),
      ),
      nextSibling: null,
    };
    element.getAttribute = (name: string) => element.attributes[name] ?? null;
    element.setAttribute = (name: string, value: string) => (element.attributes[name] = value);
    element.hasAttribute = (name: string) => name in element.attributes;
    element.parentNode = { insertBefore: (img: FakeElement) => inserted.push({ after: element, img }) };
    return element;
  });
  const document = {
    baseURI: 'https://news.example/article',
    documentElement: pageLang === undefined ? undefined : { lang: pageLang },
    currentScript: elements[0],
    createElement: (tagName: string) => ({ tagName: tagName.toUpperCase(), style: {} }),
    getElementsByTagName: () => elements,
  };
  runInNewContext(embedScript(), {
    window: { console: true },
    document,
    URL,
    console: { warn: (m: string) => warnings.push(m) },
  });
  return { inserted, warnings };
}

describe('embed.js', () => {
  it('places the summary card after its script, from the origin it was loaded from, with the filters', () => {
    const { inserted } = run([
      { src: 'https://api.example:8443/embed.js', data: { card: 'summary', series: 'pangea', yearFrom: '2010' } },
    ]);
    expect(inserted).toHaveLength(1);
    expect(inserted[0].img).toMatchObject({
      tagName: 'IMG',
      src: 'https://api.example:8443/v1/embed/summary.svg?series=pangea&yearFrom=2010',
      alt: 'Operation Results API: Headline figures (pangea)',
      width: 600,
      height: 360,
      className: 'operation-results-embed',
      style: { maxWidth: '100%', height: 'auto' },
    });
  });

  it('places the operation card and the chart, encoding what the page gave', () => {
    const { inserted } = run([
      { src: 'https://api.example/embed.js', data: { card: 'operation', code: 'pangea-viii' } },
      {
        src: 'https://api.example/embed.js',
        data: { card: 'timeseries', metric: 'arrests', series: 'pangea,opson', by: 'year' },
      },
    ]);
    expect(inserted.map(({ img }) => [img.src, img.width, img.height])).toEqual([
      ['https://api.example/v1/embed/operations/pangea-viii.svg', 600, 360],
      ['https://api.example/v1/embed/timeseries.svg?metric=arrests&by=year&series=pangea%2Copson', 640, 400],
    ]);
  });

  it('places each card once, however many times the script runs', () => {
    const scripts: { src: string; data: Record<string, string> }[] = [
      { src: 'https://api.example/embed.js', data: { card: 'summary' } },
      { src: 'https://api.example/embed.js', data: { card: 'summary', series: 'opson' } },
    ];
    expect(run(scripts).inserted).toHaveLength(2);
  });

  it('warns and places nothing for an unknown card or an operation without a code', () => {
    const { inserted, warnings } = run([
      { src: 'https://api.example/embed.js', data: { card: 'pie' } },
      { src: 'https://api.example/embed.js', data: { card: 'operation' } },
    ]);
    expect(inserted).toEqual([]);
    expect(warnings).toEqual([
      'Operation Results embed: unknown data-card "pie" (summary, operation or timeseries)',
      'Operation Results embed: data-card="operation" needs data-code, e.g. data-code="pangea-viii"',
    ]);
  });

  it('passes data-lang on as ?lang= and words the first alt text in that language', () => {
    const { inserted } = run([
      { src: 'https://api.example/embed.js', data: { card: 'operation', code: 'jupiter-vi', lang: 'es' } },
      { src: 'https://api.example/embed.js', data: { card: 'summary', series: 'pangea', lang: 'ar' } },
    ]);
    expect(inserted.map(({ img }) => [img.src, img.alt, img.lang])).toEqual([
      [
        'https://api.example/v1/embed/operations/jupiter-vi.svg?lang=es',
        'Operation Results API: Resultados de la operación de jupiter-vi',
        'es',
      ],
      [
        'https://api.example/v1/embed/summary.svg?series=pangea&lang=ar',
        'Operation Results API: الأرقام الرئيسية (pangea)',
        'ar',
      ],
    ]);
  });

  it('without data-lang, takes the page language when supported, else leaves it to the reader’s browser', () => {
    expect(run([{ src: 'https://api.example/embed.js', data: { card: 'summary' } }], 'fr-CA').inserted[0].img.src).toBe(
      'https://api.example/v1/embed/summary.svg?lang=fr',
    );
    expect(run([{ src: 'https://api.example/embed.js', data: { card: 'summary' } }], 'de').inserted[0].img.src).toBe(
      'https://api.example/v1/embed/summary.svg',
    );
  });

  it('warns about an unknown data-lang and does not pass it on', () => {
    const { inserted, warnings } = run([
      { src: 'https://api.example/embed.js', data: { card: 'summary', lang: 'de' } },
    ]);
    expect(inserted[0].img.src).toBe('https://api.example/v1/embed/summary.svg');
    expect(warnings).toEqual(['Operation Results embed: unknown data-lang "de" (en, fr, es, ar)']);
  });
});
