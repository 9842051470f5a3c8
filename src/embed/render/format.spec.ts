import {
  Derivation,
  QUALIFIER_WORDS,
  Qualifier,
  SumFlags,
  compactNumber,
  dateRange,
  derivationInWords,
  figureQualifier,
  listInWords,
  longDate,
  qualifiedCompact,
  qualifiedExact,
  qualifiedReadable,
  readableNumber,
  sumQualifier,
} from './format';

describe('readableNumber', () => {
  it('writes every digit below a million', () => {
    expect(readableNumber(0)).toBe('0');
    expect(readableNumber(156)).toBe('156');
    expect(readableNumber(38069)).toBe('38,069');
    expect(readableNumber(999999)).toBe('999,999');
    expect(readableNumber(1.1)).toBe('1.1');
  });

  it('writes three significant digits and a word from a million up, rounded to the nearest', () => {
    expect(readableNumber(1_200_000)).toBe('1.2 million');
    expect(readableNumber(81_000_000)).toBe('81 million');
    expect(readableNumber(20_700_000)).toBe('20.7 million');
    expect(readableNumber(421_400_000)).toBe('421 million');
    expect(readableNumber(2_169_044_492)).toBe('2.17 billion');
    expect(readableNumber(2_169_044_492.31)).toBe('2.17 billion');
    expect(readableNumber(2_165_000_000)).toBe('2.17 billion');
    expect(readableNumber(2_164_999_999)).toBe('2.16 billion');
    expect(readableNumber(3.5e12)).toBe('3.5 trillion');
    expect(readableNumber(100_000_000)).toBe('100 million');
    expect(readableNumber(10_000_000)).toBe('10 million');
    expect(readableNumber(2_000_000_000)).toBe('2 billion');
    expect(readableNumber(999_999.6)).toBe('1 million');
  });

  it('rounds a lower bound down and an upper bound up, so the words stay true', () => {
    expect(readableNumber(2_169_044_492.31, 'down')).toBe('2.16 billion');
    expect(readableNumber(1_201_000, 'up')).toBe('1.21 million');
    expect(readableNumber(1_290_000, 'down')).toBe('1.29 million');
    expect(readableNumber(999_950_000, 'up')).toBe('1 billion');
    expect(readableNumber(999_999.6, 'down')).toBe('999,999');
    expect(readableNumber(1.15, 'down')).toBe('1.1');
    expect(readableNumber(2.3, 'down')).toBe('2.3');
  });
});

describe('compactNumber', () => {
  it('fits a chart label in four characters', () => {
    expect(compactNumber(12)).toBe('12');
    expect(compactNumber(859)).toBe('859');
    expect(compactNumber(2400)).toBe('2.4K');
    expect(compactNumber(38069)).toBe('38K');
    expect(compactNumber(421_400_000)).toBe('421M');
    expect(compactNumber(2_169_044_492)).toBe('2.2B');
    expect(compactNumber(2_169_044_492, 'down')).toBe('2.1B');
    expect(compactNumber(999_999, 'up')).toBe('1M');
    expect(compactNumber(0.5)).toBe('0.5');
    expect(compactNumber(100)).toBe('100');
    expect(compactNumber(10)).toBe('10');
    expect(compactNumber(100_000)).toBe('100K');
    expect(compactNumber(20_000_000)).toBe('20M');
  });
});

describe('qualifiers', () => {
  const flags = (
    lowerBound: boolean,
    upperBound: boolean,
    approximate: boolean,
    more: Partial<SumFlags> = {},
  ): SumFlags => ({
    lowerBound,
    upperBound,
    approximate,
    ...more,
  });

  it('of a sum: one qualifier, the bound winning over "about"', () => {
    expect(sumQualifier(flags(false, false, false))).toBe('exact');
    expect(sumQualifier(flags(true, false, false))).toBe('at_least');
    expect(sumQualifier(flags(false, false, true))).toBe('about');
    expect(sumQualifier(flags(true, false, true))).toBe('at_least');
    expect(sumQualifier(flags(false, true, false))).toBe('up_to');
    expect(sumQualifier(flags(false, true, true))).toBe('up_to');
    expect(sumQualifier(flags(true, true, false))).toBe('about');
  });

  it('of a sum of parts or a partial money sum: at least, even from answers without lowerBound', () => {
    expect(sumQualifier(flags(false, false, false, { derived: true }))).toBe('at_least');
    expect(sumQualifier(flags(false, false, true, { derived: true }))).toBe('at_least');
    expect(sumQualifier(flags(false, false, false, { partial: true, unconverted: 2 }))).toBe('at_least');
    expect(sumQualifier(flags(false, false, false, { unconverted: 1 }))).toBe('at_least');
    expect(sumQualifier(flags(false, false, false, { partial: false, unconverted: 0 }))).toBe('exact');
    expect(sumQualifier(flags(false, true, false, { derived: true }))).toBe('about');
  });

  it('of one reported figure: its own wording', () => {
    expect(figureQualifier('more_than')).toBe('more_than');
    expect(figureQualifier('approximately')).toBe('about');
    expect(figureQualifier('nearly')).toBe('nearly');
    expect(figureQualifier('up_to')).toBe('up_to');
    expect(figureQualifier('exact')).toBe('exact');
  });

  it('are always written with the number, never two of them', () => {
    const lowerApproximate = sumQualifier(flags(true, false, true));
    expect(qualifiedReadable({ value: 2_169_044_492.31, qualifier: lowerApproximate })).toBe('at least 2.16 billion');
    expect(qualifiedReadable({ value: 2_169_044_492, qualifier: 'exact' })).toBe('2.17 billion');
    expect(qualifiedReadable({ value: 2_169_044_492, qualifier: 'at_least' })).toBe('at least 2.16 billion');
    expect(qualifiedReadable({ value: 2_169_044_492, qualifier: 'about' })).toBe('about 2.17 billion');
    expect(qualifiedReadable({ value: 1_201_000, qualifier: 'up_to' })).toBe('up to 1.21 million');
    expect(qualifiedReadable({ value: 80, qualifier: 'about' })).toBe('about 80');
    expect(qualifiedReadable({ value: 156, qualifier: 'exact' })).toBe('156');
    expect(qualifiedExact({ value: 2_169_044_492.31, qualifier: 'at_least' })).toBe('at least 2,169,044,492');
    expect(qualifiedExact({ value: 2_169_044_492.61, qualifier: 'exact' })).toBe('2,169,044,493');
    expect(qualifiedExact({ value: 2_169_044_492.31, qualifier: 'more_than' })).toBe('more than 2,169,044,492');
    expect(qualifiedExact({ value: 50_068, qualifier: 'nearly' })).toBe('nearly 50,068');
    expect(qualifiedExact({ value: 1.1, qualifier: 'exact' })).toBe('1.1');
    expect(qualifiedExact({ value: 1.159, qualifier: 'at_least' })).toBe('at least 1.15');
    expect(qualifiedCompact({ value: 400, qualifier: 'at_least' })).toBe('400+');
    expect(qualifiedCompact({ value: 80, qualifier: 'about' })).toBe('~80');
    expect(qualifiedCompact({ value: 2_169_044_492, qualifier: lowerApproximate })).toBe('2.1B+');
    for (const qualifier of Object.keys(QUALIFIER_WORDS) as Qualifier[]) {
      expect(qualifiedReadable({ value: 2_169_044_492, qualifier })).not.toMatch(
        /more than about|at least about|up to about/,
      );
    }
  });
});

describe('derivationInWords', () => {
  const derived = (d: Partial<Derivation>): Derivation => ({ derived: true, figureCount: 1, ...d });

  it('says what a sum of parts was made from, with how many figures', () => {
    expect(derivationInWords(derived({ derivedFrom: 'countries', derivedFromCount: 1 }))).toBe(
      "sum of 1 country's figures",
    );
    expect(derivationInWords(derived({ derivedFrom: 'countries', derivedFromCount: 3, figureCount: 3 }))).toBe(
      'sum of 3 country figures',
    );
    expect(derivationInWords(derived({ derivedFrom: 'categories', derivedFromCount: 4, figureCount: 4 }))).toBe(
      'sum of 4 category figures',
    );
    expect(derivationInWords(derived({ derivedFrom: 'categories', derivedFromCount: 1 }))).toBe(
      'sum of 1 category figure',
    );
    expect(derivationInWords(derived({ derivedFrom: 'mixed', derivedFromCount: 5, figureCount: 5 }))).toBe(
      'sum of 5 category and country figures',
    );
  });

  it('says "partly" when totals of other operations are in the sum too', () => {
    expect(derivationInWords(derived({ derivedFrom: 'countries', derivedFromCount: 2, figureCount: 5 }))).toBe(
      'partly a sum of 2 country figures',
    );
    expect(derivationInWords(derived({ derivedFrom: 'mixed', derivedFromCount: 40, figureCount: 120 }))).toBe(
      'partly a sum of 40 category and country figures',
    );
  });

  it('falls back to "sum of parts" for answers that do not say from what, and to nothing when not derived', () => {
    expect(derivationInWords({ derived: true, figureCount: 2 })).toBe('sum of parts');
    expect(derivationInWords({ derived: false, derivedFrom: null, derivedFromCount: 0, figureCount: 2 })).toBeNull();
  });
});

describe('dates and lists', () => {
  it('writes dates and ranges in words', () => {
    expect(longDate('2026-11-21T22:30:31.587Z')).toBe('21 November 2026');
    expect(dateRange('2015-06-09', '2015-06-16', 2015)).toBe('9–16 June 2015');
    expect(dateRange('2015-05-30', '2015-06-06', 2015)).toBe('30 May – 6 June 2015');
    expect(dateRange('2015-12-28', '2016-01-03', 2016)).toBe('28 December 2015 – 3 January 2016');
    expect(dateRange('2008-11-13', '2008-11-13', 2008)).toBe('13 November 2008');
    expect(dateRange('2008-11-13', null, 2008)).toBe('13 November 2008');
    expect(dateRange(null, null, 2008)).toBe('2008');
  });

  it('joins names with commas and "and"', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['Pangea'])).toBe('Pangea');
    expect(listInWords(['Pangea', 'Opson'])).toBe('Pangea and Opson');
    expect(listInWords(['Pangea', 'Opson', 'Jupiter'])).toBe('Pangea, Opson and Jupiter');
  });
});
