import {
  compactNumber,
  dateRange,
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

  it('writes three significant digits and a word from a million up', () => {
    expect(readableNumber(1_200_000)).toBe('1.2 million');
    expect(readableNumber(81_000_000)).toBe('81 million');
    expect(readableNumber(20_700_000)).toBe('20.7 million');
    expect(readableNumber(421_400_000)).toBe('421 million');
    expect(readableNumber(2_169_044_492.31)).toBe('2.17 billion');
    expect(readableNumber(3.5e12)).toBe('3.5 trillion');
    expect(readableNumber(100_000_000)).toBe('100 million');
    expect(readableNumber(10_000_000)).toBe('10 million');
    expect(readableNumber(2_000_000_000)).toBe('2 billion');
  });

  it('rounds a lower bound down and an upper bound up, so the words stay true', () => {
    expect(readableNumber(2_169_044_492.31, 'down')).toBe('2.16 billion');
    expect(readableNumber(1_201_000, 'up')).toBe('1.21 million');
    expect(readableNumber(1_290_000, 'down')).toBe('1.29 million');
    expect(readableNumber(999_950_000, 'up')).toBe('1 billion');
    expect(readableNumber(1.15, 'down')).toBe('1.1');
  });
});

describe('compactNumber', () => {
  it('fits a chart label in four characters', () => {
    expect(compactNumber(12)).toBe('12');
    expect(compactNumber(859)).toBe('859');
    expect(compactNumber(2400)).toBe('2.4k');
    expect(compactNumber(38069)).toBe('38k');
    expect(compactNumber(421_400_000)).toBe('421M');
    expect(compactNumber(2_169_044_492)).toBe('2.2B');
    expect(compactNumber(2_169_044_492, 'down')).toBe('2.1B');
    expect(compactNumber(999_999, 'up')).toBe('1M');
    expect(compactNumber(0.5)).toBe('0.5');
    expect(compactNumber(100)).toBe('100');
    expect(compactNumber(10)).toBe('10');
    expect(compactNumber(100_000)).toBe('100k');
    expect(compactNumber(20_000_000)).toBe('20M');
  });
});

describe('qualifiers', () => {
  it('come from the flags of a sum', () => {
    const flags = (lowerBound: boolean, upperBound: boolean, approximate: boolean) => ({ lowerBound, upperBound, approximate });
    expect(sumQualifier(flags(false, false, false))).toBe('exact');
    expect(sumQualifier(flags(true, false, false))).toBe('more_than');
    expect(sumQualifier(flags(false, false, true))).toBe('about');
    expect(sumQualifier(flags(true, false, true))).toBe('more_than_about');
    expect(sumQualifier(flags(false, true, false))).toBe('up_to');
    expect(sumQualifier(flags(true, true, false))).toBe('about');
  });

  it('come from the wording of one figure', () => {
    expect(figureQualifier('more_than')).toBe('more_than');
    expect(figureQualifier('approximately')).toBe('about');
    expect(figureQualifier('nearly')).toBe('nearly');
    expect(figureQualifier('up_to')).toBe('up_to');
    expect(figureQualifier('exact')).toBe('exact');
  });

  it('are always written with the number', () => {
    expect(qualifiedReadable({ value: 2_169_044_492.31, qualifier: 'more_than_about' })).toBe('more than about 2.16 billion');
    expect(qualifiedReadable({ value: 80, qualifier: 'about' })).toBe('about 80');
    expect(qualifiedReadable({ value: 156, qualifier: 'exact' })).toBe('156');
    expect(qualifiedExact({ value: 2_169_044_492.31, qualifier: 'more_than' })).toBe('more than 2,169,044,492');
    expect(qualifiedExact({ value: 50_068, qualifier: 'nearly' })).toBe('nearly 50,068');
    expect(qualifiedExact({ value: 1.1, qualifier: 'exact' })).toBe('1.1');
    expect(qualifiedCompact({ value: 400, qualifier: 'more_than' })).toBe('400+');
    expect(qualifiedCompact({ value: 80, qualifier: 'about' })).toBe('~80');
    expect(qualifiedCompact({ value: 2_169_044_492, qualifier: 'more_than_about' })).toBe('~2.1B+');
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
