import { qualifiedExact, qualifiedReadable, readableNumber } from '../embed/render/format';
import { Canvas } from '../embed/render/svg';
import { countryName, crimeAreaName, dateRange, listInWords, longDate, regionName } from './format';

describe('numbers, dates and names in each language', () => {
  it('compact numbers through Intl, a lower bound rounded down in every language', () => {
    // 2,169,044,492: "2.17 billion" to the nearest, "2.16 billion" as a lower bound.
    expect(readableNumber(2169044492, 'down', 'en')).toBe('2.16 billion');
    expect(readableNumber(2169044492, 'down', 'fr')).toBe('2,16 milliards');
    expect(readableNumber(2169044492, 'down', 'es')).toBe('2,16 mil millones');
    expect(readableNumber(2169044492, 'down', 'ar')).toBe('2.16 مليار');
    expect(readableNumber(2169044492, 'nearest', 'fr')).toBe('2,17 milliards');
    // Below a million every digit, grouped as the language groups them (Spanish leaves four digits alone).
    expect(readableNumber(38069, 'nearest', 'fr')).toBe('38\u202f069');
    expect(readableNumber(2160, 'nearest', 'es')).toBe('2160');
    expect(readableNumber(38069, 'nearest', 'es')).toBe('38.069');
    // Rounded up to a million: in words, in Spanish too (whose digits have dots).
    expect(readableNumber(999999.6, 'nearest', 'es')).toBe('1 millón');
  });

  it('one qualifier per figure, phrased as each language says it', () => {
    const lower = { value: 3490.7, qualifier: 'at_least' as const };
    expect(qualifiedReadable(lower, 'en')).toBe('at least 3,490');
    expect(qualifiedReadable(lower, 'fr')).toBe('au moins 3\u202f490');
    expect(qualifiedReadable(lower, 'es')).toBe('al menos 3490');
    expect(qualifiedReadable(lower, 'ar')).toBe('3,490 على الأقل');
    expect(qualifiedExact({ value: 80, qualifier: 'about' }, 'es')).toBe('alrededor de 80');
    expect(qualifiedExact({ value: 600, qualifier: 'more_than' }, 'ar')).toBe('أكثر من 600');
    expect(qualifiedExact({ value: 800, qualifier: 'nearly' }, 'fr')).toBe('près de 800');
  });

  it('dates, ranges and lists', () => {
    expect(longDate('2026-11-21T22:30:31.587Z', 'en')).toBe('21 November 2026');
    expect(longDate('2026-11-21T22:30:31.587Z', 'es')).toBe('21 de noviembre de 2026');
    expect(dateRange('2015-06-09', '2015-06-16', 2015, 'fr')).toBe('9–16 juin 2015');
    expect(dateRange('2015-06-09', '2015-06-16', 2015, 'en')).toBe('9–16 June 2015');
    expect(dateRange(null, null, 2015, 'ar')).toBe('2015');
    expect(listInWords(['Pangea', 'Opson', 'Jupiter'], 'fr')).toBe('Pangea, Opson et Jupiter');
    expect(listInWords(['Pangea', 'Opson', 'Jupiter'], 'en')).toBe('Pangea, Opson and Jupiter');
    expect(listInWords(['Pangea', 'Opson'], 'es')).toBe('Pangea y Opson');
  });

  it('countries from i18n-iso-countries, regions and crime areas from the catalogues, English as stored', () => {
    expect(countryName('GB', 'United Kingdom', 'fr')).toBe('Royaume-Uni');
    expect(countryName('GB', 'United Kingdom', 'es')).toBe('Reino Unido');
    expect(countryName('GB', 'United Kingdom', 'ar')).toBe('المملكة المتحدة');
    expect(countryName('GB', 'United Kingdom', 'en')).toBe('United Kingdom');
    expect(regionName('south-america', 'South America', 'es')).toBe('América del Sur');
    expect(regionName('no-such-region', 'Somewhere', 'fr')).toBe('Somewhere');
    expect(crimeAreaName('pharmaceutical crime', 'fr')).toBe('criminalité pharmaceutique');
    expect(crimeAreaName('unheard-of crime', 'ar')).toBe('unheard-of crime');
  });

  it('a right-to-left canvas mirrors shapes about the vertical axis; a left-to-right one draws as given', () => {
    const rtl = new Canvas(600, 'ar');
    expect(rtl.rect(24, 78, 270, 96, '#fff')).toBe('<rect x="306" y="78" width="270" height="96" fill="#fff"/>');
    expect(rtl.text(40, 99, 'x', { size: 13 })).toBe('<text x="560" y="99" font-size="13" fill="#1b1f24">x</text>');
    expect(rtl.line(72, 10, 616, 10, '#000')).toBe('<line x1="528" y1="10" x2="-16" y2="10" stroke="#000"/>');
    expect(rtl.text(18, 200, 'axis', { size: 12, rotate: -90, anchor: 'middle' })).toContain(
      'transform="rotate(90 582 200)"',
    );
    expect(new Canvas(600, 'fr').rect(24, 78, 270, 96, '#fff')).toBe(
      '<rect x="24" y="78" width="270" height="96" fill="#fff"/>',
    );
  });
});
