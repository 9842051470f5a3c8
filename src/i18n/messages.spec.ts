import { LANGUAGES } from './languages';
import { Catalogue, Message, allCatalogues, isPluralMessage, placeholders, t } from './messages';

/** Every message of a catalogue by dotted key. */
function flatten(catalogue: Catalogue, prefix = ''): Map<string, Message> {
  const out = new Map<string, Message>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' || isPluralMessage(value)) out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Words that are the same in English and the language (checked by hand). */
const SAME_IN_BOTH = new Set([
  'fr:chart.unit.seizureVolumeLitres',
  'fr:unit.tonnes',
  'fr:unit.litres',
  'fr:unit.doses',
  'fr:unit.inspections',
  'fr:region.europe',
  'es:card.seriesCount',
  'es:region.asia',
  'es:region.micronesia',
  'es:region.melanesia',
  'fr:explorer.explore.chart.value',
  'fr:explorer.explore.col.source',
  'fr:explorer.explore.paging.label',
  'fr:explorer.explore.cite.text',
  'fr:explorer.operation.dates',
  'fr:explorer.operation.sources',
  'fr:explorer.series.col.dates',
  'es:explorer.explore.chart.value',
  ...LANGUAGES.map((l) => `${l}:explorer.site.name`),
  ...LANGUAGES.map((l) => `${l}:landing.title`),
  ...LANGUAGES.map((l) => `${l}:embed.alt.prefix`),
]);
const PLURAL_CATEGORIES = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const catalogues = allCatalogues();
const english = flatten(catalogues.en);

describe('message catalogues (src/i18n/messages/*.json)', () => {
  it('English has the sections the cards, chart, landing page and embed script read', () => {
    expect(Object.keys(catalogues.en)).toEqual(
      expect.arrayContaining(['card', 'chart', 'landing', 'embed', 'operation', 'scope', 'qualifier']),
    );
    expect(english.size).toBeGreaterThan(150);
  });

  describe.each(LANGUAGES.filter((l) => l !== 'en'))('%s', (language) => {
    const messages = flatten(catalogues[language]);

    it('has every English key, and no key English lacks', () => {
      expect([...english.keys()].filter((k) => !messages.has(k))).toEqual([]);
      expect([...messages.keys()].filter((k) => !english.has(k))).toEqual([]);
    });

    it('uses every placeholder of the English message, and no other', () => {
      const problems: string[] = [];
      for (const [key, source] of english) {
        const translation = messages.get(key);
        if (translation === undefined) continue;
        const wanted = new Set(placeholders(typeof source === 'string' ? source : source.other));
        // A plural message's `other` form carries every placeholder; the forms for one or two may spell the number out.
        const full = typeof translation === 'string' ? translation : translation.other;
        const used = new Set(placeholders(full));
        for (const name of wanted) if (!used.has(name)) problems.push(`${key}: {${name}} missing`);
        const forms = typeof translation === 'string' ? [translation] : Object.values(translation);
        for (const form of forms)
          for (const name of placeholders(form)) if (!wanted.has(name)) problems.push(`${key}: unknown {${name}}`);
        if (isPluralMessage(translation) !== isPluralMessage(source))
          problems.push(`${key}: plural in one language only`);
        if (isPluralMessage(translation))
          for (const form of Object.keys(translation))
            if (!PLURAL_CATEGORIES.has(form)) problems.push(`${key}: plural form ${form}`);
      }
      expect(problems).toEqual([]);
    });

    it('never leaves a message empty or untranslated English prose in place', () => {
      const untouched = [...english].filter(([key, source]) => {
        const text = typeof source === 'string' ? source : source.other;
        const mine = messages.get(key);
        const translated = typeof mine === 'string' ? mine : mine?.other;
        // Names and templates made only of placeholders and punctuation may be the same in every language.
        return (
          /[a-z]{4,}/.test(text.replace(/\{[A-Za-z]+\}/g, '')) &&
          text === translated &&
          !SAME_IN_BOTH.has(`${language}:${key}`)
        );
      });
      expect(untouched.map(([k]) => k)).toEqual([]);
      expect([...messages.values()].filter((m) => (typeof m === 'string' ? m : m.other).trim() === '')).toEqual([]);
    });
  });
});

describe('t', () => {
  it('fills placeholders and picks the plural form of the language', () => {
    expect(t('en', 'card.operationsCount', { count: 1, n: '1' })).toBe('1 operation');
    expect(t('en', 'card.operationsCount', { count: 2169, n: '2,169' })).toBe('2,169 operations');
    expect(t('fr', 'card.operationsCount', { count: 0, n: '0' })).toBe('0 opération');
    expect(t('ar', 'card.operationsCount', { count: 2, n: '2' })).toBe('عمليتان');
    expect(t('ar', 'card.operationsCount', { count: 5, n: '5' })).toBe('5 عمليات');
    expect(t('ar', 'card.operationsCount', { count: 11, n: '11' })).toBe('11 عملية');
    expect(t('es', 'qualified.more_than', { number: '2,16 mil millones' })).toBe('más de 2,16 mil millones');
  });

  it('falls back to English for a key a language lacks, and to the key for an unknown one', () => {
    expect(t('fr', 'no.such.key')).toBe('no.such.key');
  });
});
