import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import catalogue from '../i18n/messages/en.json';
import { clientCall } from './explorer.routes';
import { explorePath, parseExploreState, queryString, Wording } from './explorer.service';
import { formatDate, formatDateRange, formatNumber, translator } from './messages';

const TEMPLATES = join(__dirname, 'templates');

describe('explorer messages', () => {
  it('every key the templates and the code name is in the English catalogue, which is flat strings', () => {
    const messages = catalogue.explorer as Record<string, unknown>;
    for (const value of Object.values(messages)) expect(typeof value).toBe('string');
    const sources = [
      ...readdirSync(TEMPLATES).map((f) => readFileSync(join(TEMPLATES, f), 'utf8')),
      readFileSync(join(__dirname, 'explorer.service.ts'), 'utf8'),
      readFileSync(join(__dirname, 'explorer.routes.ts'), 'utf8'),
    ].join('\n');
    const named = [...sources.matchAll(/\bt\('([a-zA-Z0-9_.]+[a-zA-Z0-9_])'/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((key) => !(key in messages))).toEqual([]);
    // Keys made at run time: kinds, qualifiers and sums.
    for (const kind of [
      'seizures',
      'arrests',
      'outcomes',
      'items_seized',
      'value_seized',
      'weight_seized',
      'volume_seized',
      'persons_under_investigation',
      'websites_shut_down',
      'packages_inspected',
      'packages_seized',
      'investigations_opened',
      'raids_or_checks',
      'labs_dismantled',
      'other',
    ]) {
      expect(messages[`kind.${kind}`]).toBeDefined();
    }
    for (const q of ['exact', 'more_than', 'approximately', 'nearly', 'up_to'])
      expect(messages[`qualifier.${q}`]).toContain('{n}');
    for (const q of ['exact', 'at_least', 'about', 'up_to']) expect(messages[`sum.${q}`]).toContain('{n}');
    for (const c of ['operation', 'figures', 'participants']) expect(messages[`citedFor.${c}`]).toBeDefined();
    for (const m of ['arrests', 'seizureValueUsd']) expect(messages[`metric.${m}`]).toBeDefined();
  });

  it('fills placeholders and refuses an unknown key', () => {
    const t = translator('en');
    expect(t('explore.summary', { count: '30', selection: 'Pangea' })).toBe('30 figures match: Pangea.');
    expect(() => t('no.such.key')).toThrow('No explorer message "no.such.key"');
    // Another language falls back to English until its catalogue exists.
    expect(translator('fr')('explore.title')).toBe('Explore the figures');
  });

  it('formats numbers and dates with Intl in the given locale, rounding the way a qualifier allows', () => {
    expect(formatNumber(3449.9, 'en', 'down')).toBe('3,449.9');
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.89');
    expect(formatNumber(1234567.891, 'en', 'down')).toBe('1,234,567.89');
    expect(formatNumber(0.125, 'en', 'up')).toBe('0.13');
    expect(formatNumber('21000', 'de')).toBe('21.000');
    expect(formatDate('2015-06-19')).toBe('19 June 2015');
    expect(formatDate('2015-06-19', 'fr')).toBe('19 juin 2015');
    expect(formatDateRange('2014-05-13', '2014-05-20', 2014)).toBe('13\u2009–\u200920 May 2014');
    expect(formatDateRange(null, null, 2008)).toBe('2008');
  });

  it('words sums as the counting rules do: a lower bound "at least" rounded down, derived ones say from what', () => {
    const words = new Wording();
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
});
