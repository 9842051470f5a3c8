import { HeadlineFigureDto } from '../../operations/dto/operation-response.dto';
import { OperationCardData, pickHeadlineFigures, renderOperationCard } from './operation-card';
import { SummaryCardData, renderSummaryCard, summaryDescription } from './summary-card';
import { niceTicks, renderTimeseriesChart, timeseriesDescription } from './timeseries-chart';

const AS_OF = '2026-11-21T22:30:31.587Z';
const value = (v: number | null, flags: Partial<{ lowerBound: boolean; upperBound: boolean; approximate: boolean }> = {}) => ({
  value: v,
  lowerBound: false,
  upperBound: false,
  approximate: false,
  derived: false,
  figureCount: v === null ? 0 : 1,
  ...flags,
});

/** The text of every `<text>` element, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'),
  );
}

/**
 * Nothing but tags with quoted attributes and escaped text: no raw `<`, `>` or `&` from the data.
 * (Chromium parses the served SVGs as XML in test/embed-render.e2e-spec.ts.)
 */
function expectWellFormed(svg: string): void {
  const attribute = '\\s+[A-Za-z0-9:-]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*"';
  const tag = new RegExp(`</?[A-Za-z]+(?:${attribute})*\\s*/?>`, 'g');
  const withoutTags = svg.replace(/<\?xml[^>]*\?>/, '').replace(tag, '');
  expect(withoutTags).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|apos);)/);
}

describe('summary card', () => {
  const data: SummaryCardData = {
    scope: 'Pangea operations',
    operations: 16,
    participatingCountries: 29,
    arrests: value(3491, { lowerBound: true, approximate: true }),
    seizureValueUsd: { ...value(421_400_000, { lowerBound: true }), unconverted: 2, rates: [] },
    firstYear: 2008,
    lastYear: 2025,
    asOf: AS_OF,
  };

  it('shows the four headline figures with their qualifiers, the source and the as-of date', () => {
    const svg = renderSummaryCard(data);
    expectWellFormed(svg);
    expect(svg).toContain('width="600" height="360" viewBox="0 0 600 360"');
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['Pangea operations', '16', '29', 'more than about', '3,491', 'more than', '421 million', '2 figures without a rate left out']),
    );
    expect(texts(svg).join(' ')).toContain('Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports. Data as of 21 November 2026.');
  });

  it('says it all in words in <desc>', () => {
    expect(summaryDescription(data)).toBe(
      'Pangea operations, 2008 to 2025: 16 operations; 29 participating countries; more than about 3,491 arrests; ' +
        'seizures worth more than 421,400,000 US dollars (2 money figures without an exchange rate not included). ' +
        'Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports. Data as of 21 November 2026.',
    );
  });

  it('says "Not reported" rather than 0 when nothing was reported', () => {
    const svg = renderSummaryCard({ ...data, arrests: value(null), seizureValueUsd: { ...value(null), unconverted: 0, rates: [] } });
    expect(texts(svg).filter((t) => t === 'Not reported')).toHaveLength(2);
    expect(summaryDescription({ ...data, arrests: value(null) })).toContain('no arrests reported');
  });

  it('escapes names from the data', () => {
    const svg = renderSummaryCard({ ...data, scope: 'Fish <&"Chips"> operations' });
    expectWellFormed(svg);
    expect(svg).toContain('Fish &lt;&amp;&quot;Chips&quot;&gt; operations');
    expect(svg).not.toContain('<&"');
  });
});

describe('operation card', () => {
  const figure = (id: number, kind: string, quantity: string, unit: string, qualifier = 'exact', category: string | null = null, publisher = 'WCO') =>
    ({ id, type: 'seizure', kind, quantity, unit, qualifier, category, source: { url: 'https://example.org', publisher } }) as HeadlineFigureDto;
  const data: OperationCardData = {
    code: 'pangea-viii',
    name: 'Pangea VIII',
    year: 2015,
    startDate: '2015-06-09',
    endDate: '2015-06-16',
    region: { code: 'world', name: 'World' },
    crimeArea: 'pharmaceutical crime',
    source: { id: 1, url: 'https://example.org', publisher: 'INTERPOL', publishedOn: null, tier: 'official' },
    headlineFigures: [
      figure(1, 'items_seized', '81000000', 'items', 'exact', 'medicines'),
      figure(2, 'value_seized', '71000000', 'EUR'),
      figure(3, 'value_seized', '81000000', 'USD', 'more_than', 'medicines'),
      figure(4, 'arrests', '156', 'people'),
      figure(5, 'other', '320', 'YouTube channels shut down', 'exact', null, 'SecuringIndustry.com'),
      figure(6, 'websites_shut_down', '2414', 'websites', 'more_than'),
      figure(7, 'packages_seized', '50068', 'packages', 'nearly'),
    ],
    asOf: AS_OF,
  };

  it('picks one figure per kind in reading order, US dollars first', () => {
    expect(pickHeadlineFigures(data.headlineFigures).map((f) => f.id)).toEqual([4, 3, 1, 6]);
  });

  it('shows name, dates, region, four totals with qualifiers, the publishers and the rest as a pointer', () => {
    const svg = renderOperationCard(data);
    expectWellFormed(svg);
    const shown = texts(svg);
    expect(shown).toEqual(
      expect.arrayContaining([
        'Pangea VIII',
        '9–16 June 2015 · World · pharmaceutical crime',
        'Arrests',
        '156',
        'Value of seizures (USD)',
        'more than',
        '81 million',
        'medicines',
        'Items seized',
        'items · medicines',
        'Websites shut down',
        '2,414',
        'Figures as reported by WCO; dates and region: INTERPOL.',
        '3 more totals at /v1/operations/pangea-viii.',
      ]),
    );
    const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)![1];
    expect(desc).toContain('seizures worth more than 81,000,000 USD (medicines)');
    expect(desc).toContain('packages seized: nearly 50,068 packages');
    expect(desc).toContain('320 YouTube channels shut down');
    expect(desc).toContain('Data as of 21 November 2026.');
  });

  it('escapes a name with <&"', () => {
    const svg = renderOperationCard({ ...data, name: 'Op <Fake> & "Co"', crimeArea: 'a<b' });
    expectWellFormed(svg);
    expect(svg).toContain('<text x="24" y="38" font-size="21" fill="#1b1f24" font-weight="700">Op &lt;Fake&gt; &amp; &quot;Co&quot;</text>');
    expect(svg).toContain('<title id="ora-operation-title">Operation results: Op &lt;Fake&gt; &amp; &quot;Co&quot;</title>');
    expect(svg).not.toMatch(/<Fake>|& "/);
  });

  it('says so when no operation-wide total was reported, and gives the year when there are no dates', () => {
    const svg = renderOperationCard({ ...data, headlineFigures: [], startDate: null, endDate: null, region: null });
    expect(texts(svg)).toEqual(expect.arrayContaining(['2015 · region not stated · pharmaceutical crime', 'Not reported']));
    expect(svg).toContain('No operation-wide totals were reported.');
  });
});

describe('timeseries chart', () => {
  const point = (year: number, v: number | null, flags = {}) => ({ year, ...value(v, flags) });
  const data = {
    metric: 'arrests' as const,
    by: 'year' as const,
    scope: 'Pangea operations',
    points: [point(2008, null), point(2009, 12), point(2010, 0), point(2011, 400, { lowerBound: true }), point(2012, 80, { approximate: true })],
    asOf: AS_OF,
  };

  it('draws a bar for each figure (0 included) and a gap, not a bar, where there is none', () => {
    const svg = renderTimeseriesChart(data);
    expectWellFormed(svg);
    expect(svg).toContain('width="640" height="400" viewBox="0 0 640 400"');
    expect(svg.match(/<rect [^>]*fill="#1f6fbf"/g)).toHaveLength(4);
    expect(texts(svg)).toEqual(expect.arrayContaining(['–', '12', '0', '400+', '~80', 'Arrests (people)', 'Year', 'Arrests per year: Pangea operations']));
  });

  it('reads every point in <desc>, gaps as gaps', () => {
    expect(timeseriesDescription(data)).toBe(
      'Arrests per year in people, Pangea operations. 2008: no figure reported; 2009: 12; 2010: 0; 2011: more than 400; 2012: about 80. ' +
        'Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports. Data as of 21 November 2026.',
    );
  });

  it('names the unit of money and turns long edition names', () => {
    const svg = renderTimeseriesChart({
      ...data,
      metric: 'seizureValueUsd',
      by: 'edition',
      points: [
        { ...point(2015, 81_000_000, { lowerBound: true }), name: 'Pangea VIII', unconverted: 1 },
        { ...point(2016, 53_000_000), name: 'Pangea IX' },
        ...Array.from({ length: 14 }, (_, i) => ({ ...point(2017 + i, 1_000_000 * i), name: `Pangea ${i + 10}` })),
      ],
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(['Value of seizures (US dollars)', 'Edition', 'Pangea VIII', '81M+', '53M']));
    expect(svg).toContain('rotate(-45');
    expect(texts(svg)).toContain('Not counting 1 money figure without an exchange rate.');
  });

  it('says so when no operation matches', () => {
    const svg = renderTimeseriesChart({ ...data, points: [] });
    expect(texts(svg)).toContain('No operations match these filters');
  });

  it('has round ticks from 0 up to at least the largest value', () => {
    expect(niceTicks(859)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(12)).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
    expect(niceTicks(2_169_044_492)).toEqual([0, 5e8, 1e9, 1.5e9, 2e9, 2.5e9]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
