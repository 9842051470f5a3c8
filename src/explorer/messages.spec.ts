import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../i18n/languages';
import { lookup } from '../i18n/messages';
import { clientCall, withLanguage } from './explorer.routes';
import { explorePath, parseExploreState, queryString, Wording } from './explorer.service';

const TEMPLATES = join(__dirname, 'templates');

describe('explorer messages (the "explorer" section of src/i18n/messages/*.json)', () => {
  it('every key the templates and the code name is in every catalogue', () => {
    const sources = [
      ...readdirSync(TEMPLATES).map((f) => readFileSync(join(TEMPLATES, f), 'utf8')),
      readFileSync(join(__dirname, 'explorer.service.ts'), 'utf8'),
      readFileSync(join(__dirname, 'explorer.routes.ts'), 'utf8'),
    ].join('\n');
    const named = [...sources.matchAll(/\b(?:t|count|html)\('([a-zA-Z0-9_.]+[a-zA-Z0-9_])'/g)]
      .map((m) => m[1])
      .filter((key) => !key.startsWith('common.') && !key.startsWith('derivation.'));
    expect(named.length).toBeGreaterThan(50);
    // Keys made at run time: kinds, the places a source is cited for, chart metrics.
    const made = [
      ...['seizures', 'arrests', 'outcomes', 'items_seized', 'value_seized', 'weight_seized', 'volume_seized'].map(
        (k) => `kind.${k}`,
      ),
      ...['persons_under_investigation', 'websites_shut_down', 'packages_inspected', 'packages_seized'].map(
        (k) => `kind.${k}`,
      ),
      ...['investigations_opened', 'raids_or_checks', 'labs_dismantled', 'other'].map((k) => `kind.${k}`),
      ...['operation', 'figures', 'participants'].map((c) => `citedFor.${c}`),
      ...['arrests', 'seizureValueUsd'].map((m) => `metric.${m}`),
    ];
    for (const language of LANGUAGES)
      expect([...named, ...made].filter((key) => lookup(language, `explorer.${key}`) === undefined)).toEqual([]);
  });

  it('fills placeholders, picks plural forms, and refuses an unknown key', () => {
    const en = new Wording('en');
    expect(en.count('explore.summary', 30, { selection: 'Pangea' })).toBe('30 figures match: Pangea.');
    expect(en.count('explore.summary', 1, { selection: 'Pangea' })).toBe('1 figure matches: Pangea.');
    expect(() => en.t('no.such.key')).toThrow('No explorer message "no.such.key"');
    expect(new Wording('fr').t('explore.title')).not.toBe(en.t('explore.title'));
    expect(new Wording('fr').count('explore.summary', 1234, { selection: 'Pangea' })).toContain('1\u202f234');
    expect(new Wording('ar').dir).toBe('rtl');
    expect(new Wording('es').dir).toBe('ltr');
  });

  it('formats numbers, dates and names through the i18n module', () => {
    expect(new Wording('en').number(1234567.891)).toBe('1,234,567.89');
    expect(new Wording('es').number(21000)).toBe('21.000');
    expect(new Wording('en').date('2015-06-19')).toBe('19 June 2015');
    expect(new Wording('fr').date('2015-06-19')).toBe('19 juin 2015');
    expect(new Wording('en').dateRange(null, null, 2008)).toBe('2008');
    expect(new Wording('fr').country('GB', 'United Kingdom')).toBe('Royaume-Uni');
    expect(new Wording('es').country('DE', 'Germany')).toBe('Alemania');
    expect(new Wording('ar').country('FR', 'France')).toBe('فرنسا');
  });

  it('words sums as the counting rules do: a lower bound "at least" rounded down, derived ones say from what', () => {
    const words = new Wording('en');
    const base = { lowerBound: false, upperBound: false, approximate: false };
    expect(words.sum({ ...base, value: 1220 })).toBe('1,220');
    expect(words.sum({ ...base, value: 80, approximate: true })).toBe('about 80');
    expect(
      words.sum({ ...base, value: 2.5, derived: true, derivedFrom: 'countries', derivedFromCount: 1, figureCount: 1 }),
    ).toBe('at least 2.5');
    expect(
      words.sumNotes({
        ...base,
        value: 2,
        derived: true,
        derivedFrom: 'countries',
        derivedFromCount: 1,
        figureCount: 1,
      }),
    ).toEqual(["derived: sum of 1 country's figures"]);
    expect(words.sum({ ...base, value: null })).toBe('Nothing reported');
    expect(words.figure('400', 'more_than')).toBe('more than 400');
    expect(words.figure('11131.18', 'approximately')).toBe('about 11,131.18');
    const fr = new Wording('fr');
    expect(fr.figure('400', 'more_than')).toBe('plus de 400');
    expect(fr.sum({ ...base, value: 80, approximate: true })).toBe('environ 80');
    expect(new Wording('es').figure('2500', 'approximately')).toBe('alrededor de 2500');
    expect(new Wording('ar').figure('400', 'more_than')).toBe('أكثر من 400');
  });
});

describe('explorer URLs', () => {
  it('reads the page URL, refusing a bad kind or page with a 400 naming it', () => {
    expect(parseExploreState({ kind: 'arrests', series: ' pangea ', yearFrom: '', page: '2' })).toEqual({
      kind: 'arrests',
      filters: { series: 'pangea' },
      q: undefined,
      page: 2,
    });
    expect(parseExploreState({})).toEqual({ kind: 'arrests', filters: {}, q: undefined, page: 1 });
    expect(() => parseExploreState({ kind: 'guns' })).toThrow('kind must be one of: seizures, arrests, outcomes');
    expect(() => parseExploreState({ page: '-1' })).toThrow('page must be a whole number from 1');
  });

  it('writes the permalink, the API query and the typed client call for the same selection', () => {
    const state = parseExploreState({ kind: 'seizures', crimeArea: 'environmental crime', yearTo: '2020', page: '3' });
    expect(explorePath(state)).toBe('/explore?kind=seizures&crimeArea=environmental%20crime&yearTo=2020&page=3');
    expect(explorePath(state, 1)).toBe('/explore?kind=seizures&crimeArea=environmental%20crime&yearTo=2020');
    expect(
      queryString([
        ['series', 'pangea'],
        ['q', undefined],
        ['country', "o'x&y"],
      ]),
    ).toBe("series=pangea&country=o'x%26y");
    expect(clientCall('/v1/seizures', state.filters)).toBe(
      "const { data, error } = await api.GET('/v1/seizures', {\n  params: { query: { crimeArea: ['environmental crime'], yearTo: 2020 } },\n});",
    );
    expect(clientCall('/v1/arrests', { operation: "a,b'c" })).toContain("operation: ['a', 'b\\'c']");
  });

  it('keeps ?lang= on links between the pages when the URL chose the language', () => {
    expect(withLanguage('/explore?kind=arrests', 'fr')).toBe('/explore?kind=arrests&lang=fr');
    expect(withLanguage('/operations/pangea-vii#figure-3', 'ar')).toBe('/operations/pangea-vii?lang=ar#figure-3');
    expect(withLanguage('/explore', null)).toBe('/explore');
    expect(withLanguage('/series/pangea?lang=fr', 'es', true)).toBe('/series/pangea?lang=es');
    expect(withLanguage('/explore?lang=fr&kind=arrests', 'en', true)).toBe('/explore?kind=arrests&lang=en');
  });
});
