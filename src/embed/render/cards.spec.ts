import { HeadlineFigureDto } from '../../operations/dto/operation-response.dto';
import { Statistic } from './format';
import { OperationCardData, pickHeadlineFigures, renderOperationCard } from './operation-card';
import { SummaryCardData, renderSummaryCard, summaryDescription } from './summary-card';
import { ChartPoint, chartNotes, niceTicks, renderTimeseriesChart, timeseriesDescription } from './timeseries-chart';

const AS_OF = '2026-11-21T22:30:31.587Z';
const value = (v: number | null, flags: Partial<Statistic> = {}) => ({
  value: v,
  lowerBound: false,
  upperBound: false,
  approximate: false,
  derived: false,
  derivedFrom: null,
  derivedFromCount: 0,
  figureCount: v === null ? 0 : 1,
  ...flags,
});

/** The text of every `<text>` element, unescaped. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
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
    seizureValueUsd: { ...value(421_400_000, { lowerBound: true }), unconverted: 2, partial: true },
    firstYear: 2008,
    lastYear: 2025,
    asOf: AS_OF,
  };

  it('shows the four headline figures with their qualifiers, the source and the as-of date', () => {
    const svg = renderSummaryCard(data);
    expectWellFormed(svg);
    expect(svg).toContain('width="600" height="360" viewBox="0 0 600 360"');
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        'Pangea operations',
        '16',
        'Countries named in reports',
        '29',
        'as participants or with figures',
        'at least',
        '3,491',
        '421 million',
        'partial: 2 figures left out (no rate)',
      ]),
    );
    expect(texts(svg).join(' ')).not.toMatch(/more than|about/);
    expect(texts(svg).join(' ')).toContain(
      'Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports. Data as of 21 November 2026.',
    );
  });

  it('says it all in words in <desc>', () => {
    expect(summaryDescription(data)).toBe(
      'Pangea operations, 2008 to 2025: 16 operations; 29 countries named as participants or with figures of their own; at least 3,491 arrests; ' +
        'seizures worth at least 421,400,000 US dollars (partial: 2 money figures without an exchange rate not included). ' +
        'Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports. Data as of 21 November 2026.',
    );
  });

  it('rounds an exact sum to the nearest and a lower bound down, saying "at least"', () => {
    const exact = {
      ...data,
      arrests: value(3491),
      seizureValueUsd: { ...value(2_169_044_492.31), unconverted: 0, partial: false },
    };
    expect(texts(renderSummaryCard(exact))).toEqual(
      expect.arrayContaining(['2.17 billion', 'converted at annual average rates']),
    );
    expect(texts(renderSummaryCard(exact))).not.toContain('at least');
    const lower = {
      ...data,
      seizureValueUsd: {
        ...value(2_169_044_492.31, { lowerBound: true, approximate: true }),
        unconverted: 0,
        partial: false,
      },
    };
    expect(texts(renderSummaryCard(lower))).toEqual(expect.arrayContaining(['at least', '2.16 billion']));
    expect(summaryDescription(lower)).toContain('seizures worth at least 2,169,044,492 US dollars.');
  });

  it('reads "about" for an approximate sum and "up to" for an upper bound', () => {
    const about = { ...data, arrests: value(3491, { approximate: true }) };
    expect(texts(renderSummaryCard(about))).toEqual(expect.arrayContaining(['about', '3,491']));
    expect(summaryDescription(about)).toContain('about 3,491 arrests');
    expect(summaryDescription({ ...data, arrests: value(3491, { upperBound: true, approximate: true }) })).toContain(
      'up to 3,491 arrests',
    );
  });

  it('says what a derived total was summed from', () => {
    const derived = {
      ...data,
      arrests: value(2, {
        lowerBound: true,
        derived: true,
        derivedFrom: 'countries',
        derivedFromCount: 1,
        figureCount: 1,
      }),
    };
    expect(texts(renderSummaryCard(derived))).toEqual(
      expect.arrayContaining(['Arrests', 'at least', '2', 'a sum of country figures']),
    );
    expect(summaryDescription(derived)).toContain("at least 2 arrests (sum of 1 country's figures)");
    const partly = {
      ...data,
      arrests: value(3491, {
        lowerBound: true,
        derived: true,
        derivedFrom: 'mixed',
        derivedFromCount: 40,
        figureCount: 120,
      }),
    };
    expect(texts(renderSummaryCard(partly))).toContain('partly a sum of parts');
    expect(summaryDescription(partly)).toContain(
      'at least 3,491 arrests (partly a sum of 40 category and country figures)',
    );
  });

  it('reads a derived total as "at least" even from an answer without lowerBound and derivedFrom', () => {
    const older = {
      ...data,
      arrests: { value: 50, lowerBound: false, upperBound: false, approximate: false, derived: true, figureCount: 2 },
    };
    expect(texts(renderSummaryCard(older))).toEqual(
      expect.arrayContaining(['at least', '50', 'partly a sum of parts']),
    );
    expect(summaryDescription(older)).toContain('at least 50 arrests (sum of parts)');
  });

  describe('the countries tile says what it counts, one fact of three', () => {
    const participation = {
      countriesListed: 12,
      countriesStatedMax: 123,
      operationsWithParticipantList: 3,
      operationsStatingCountries: 10,
    };

    it('the largest number a source states: at least that many took part', () => {
      const stated = { ...data, participation };
      expect(texts(renderSummaryCard(stated))).toEqual(
        expect.arrayContaining(['Countries taking part', 'at least', '123', 'the most stated for one operation']),
      );
      expect(summaryDescription(stated)).toContain(
        "; at least 123 countries taking part (the most one operation's source states; 10 of 16 state a number); " +
          '12 countries listed by name as taking part (lists from 3 of 16 operations); 29 countries named as participants or with figures of their own;',
      );
      const one = {
        ...data,
        operations: 1,
        participation: { ...participation, countriesStatedMax: 94, operationsStatingCountries: 1 },
      };
      expect(texts(renderSummaryCard(one))).toEqual(
        expect.arrayContaining(['Countries taking part', '94', 'as stated by its source']),
      );
      expect(summaryDescription(one)).toContain('; at least 94 countries taking part as stated by its source;');
    });

    it('else the countries listed by name, with how many operations list theirs', () => {
      const listed = { ...data, participation: { ...participation, countriesStatedMax: null } };
      expect(texts(renderSummaryCard(listed))).toEqual(
        expect.arrayContaining(['Countries listed as taking part', '12', 'lists from 3 of 16 operations']),
      );
    });

    it('else the countries named as participants or with figures (older answers too)', () => {
      const none = {
        ...data,
        participation: {
          ...participation,
          countriesStatedMax: null,
          countriesListed: 0,
          operationsWithParticipantList: 0,
        },
      };
      expect(texts(renderSummaryCard(none))).toEqual(
        expect.arrayContaining(['Countries named in reports', '29', 'as participants or with figures']),
      );
      expect(summaryDescription(none)).toContain('; 29 countries named as participants or with figures of their own;');
      expect(texts(renderSummaryCard(data))).toContain('Countries named in reports');
    });
  });

  it('says how wide the selection is: its series and crime areas', () => {
    const all = {
      ...data,
      scope: 'All operations',
      operations: 145,
      series: 48,
      crimeAreas: ['cybercrime', 'firearms trafficking', 'vehicle crime'],
    };
    expect(texts(renderSummaryCard(all))).toEqual(expect.arrayContaining(['145', '48 series, 3 crime areas']));
    expect(summaryDescription(all)).toContain('2008 to 2025: 145 operations; 48 series in 3 crime areas; 29 countries');
    const one = {
      ...data,
      scope: 'Operations against firearms trafficking',
      operations: 8,
      series: 3,
      crimeAreas: ['firearms trafficking'],
    };
    expect(texts(renderSummaryCard(one))).toContain('3 series, 2008–2025');
    expect(summaryDescription(one)).toContain(': 8 operations; 3 series (firearms trafficking); 29 countries');
    const pangea = { ...data, series: 1, crimeAreas: ['pharmaceutical crime'] };
    expect(summaryDescription(pangea)).toBe(summaryDescription(data));
    expect(texts(renderSummaryCard(pangea))).toContain('2008–2025');
  });

  it('says "Not reported" rather than 0 when nothing was reported', () => {
    const svg = renderSummaryCard({
      ...data,
      arrests: value(null),
      seizureValueUsd: { ...value(null), unconverted: 0, partial: false },
    });
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
  const figure = (
    id: number,
    kind: string,
    quantity: string,
    unit: string,
    qualifier = 'exact',
    category: string | null = null,
    publisher = 'WCO',
  ) =>
    ({
      id,
      type: 'seizure',
      kind,
      quantity,
      unit,
      qualifier,
      category,
      source: { url: 'https://example.org', publisher },
    }) as HeadlineFigureDto;
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
    expect(svg).toContain(
      '<text x="24" y="38" font-size="21" fill="#1b1f24" font-weight="700">Op &lt;Fake&gt; &amp; &quot;Co&quot;</text>',
    );
    expect(svg).toContain(
      '<title id="ora-operation-title">Operation results: Op &lt;Fake&gt; &amp; &quot;Co&quot;</title>',
    );
    expect(svg).not.toMatch(/<Fake>|& "/);
  });

  it('says so when no operation-wide total was reported, and gives the year when there are no dates', () => {
    const svg = renderOperationCard({ ...data, headlineFigures: [], startDate: null, endDate: null, region: null });
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['2015 · region not stated · pharmaceutical crime', 'Not reported']),
    );
    expect(svg).toContain('No operation-wide totals were reported.');
  });
});

describe('timeseries chart', () => {
  const point = (year: number, v: number | null, flags: Partial<Statistic> = {}): ChartPoint => ({
    year,
    ...value(v, flags),
  });
  const data = {
    metric: 'arrests' as const,
    by: 'year' as const,
    scope: 'Pangea operations',
    points: [
      point(2008, null),
      point(2009, 12),
      point(2010, 0),
      point(2011, 400, { lowerBound: true }),
      point(2012, 80, { approximate: true }),
    ],
    asOf: AS_OF,
  };
  /** Pangea XV (2022) published no global arrests figure: the UK's two arrests are a sum of one country's figures. */
  const derived2022 = point(2022, 2, {
    lowerBound: true,
    derived: true,
    derivedFrom: 'countries',
    derivedFromCount: 1,
    figureCount: 1,
  });

  it('draws a bar for each figure (0 included) and a gap, not a bar, where there is none', () => {
    const svg = renderTimeseriesChart(data);
    expectWellFormed(svg);
    expect(svg).toContain('width="640" height="400" viewBox="0 0 640 400"');
    expect(svg.match(/<rect [^>]*class="bar"/g)).toHaveLength(4);
    expect(svg).not.toContain('bar-derived');
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        '–',
        '12',
        '0',
        '400+',
        '~80',
        'Arrests (people)',
        'Year',
        'Arrests per year: Pangea operations',
      ]),
    );
    expect(texts(svg)).toContain('Bars: sums of preferred figures · + at least · ~ about · – no figure reported');
  });

  it('reads every point in <desc>, gaps as gaps', () => {
    expect(timeseriesDescription(data)).toBe(
      'Arrests per year in people, Pangea operations. 2008: no figure reported; 2009: 12; 2010: 0; 2011: at least 400; 2012: about 80. ' +
        'Source: Operation Results API, compiled from INTERPOL, WCO, Europol and other published reports. Data as of 21 November 2026.',
    );
  });

  it('gives each bar its figure in words as a <title>', () => {
    const svg = renderTimeseriesChart(data);
    expect(svg).toMatch(/<rect [^>]*class="bar"[^>]*><title>2011: at least 400<\/title><\/rect>/);
  });

  it('marks a derived bar (hatched, outlined, "*") and footnotes what it was summed from', () => {
    const svg = renderTimeseriesChart({ ...data, points: [...data.points, derived2022] });
    expectWellFormed(svg);
    expect(svg.match(/<rect [^>]*class="bar bar-derived"[^>]*>/g)).toEqual([
      expect.stringContaining('fill="url(#ora-timeseries-hatch)"'),
    ]);
    expect(svg).toContain('<pattern id="ora-timeseries-hatch"');
    expect(svg).toContain('<title>2022: at least 2 (sum of 1 country&apos;s figures)</title>');
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['2+*', "* No total reported: 2022 is a sum of 1 country's figures."]),
    );
    // The legend names the marks this chart uses (without its first words when they would not fit).
    expect(texts(svg)).toContain('+ at least · ~ about · * hatched: sum of parts · – no figure reported');
    expect(timeseriesDescription({ ...data, points: [derived2022] })).toContain(
      "2022: at least 2 (sum of 1 country's figures).",
    );
  });

  it('footnotes a derived part of a year that also has totals, and reads an older answer without derivedFrom', () => {
    const points = [
      point(2015, 102, {
        lowerBound: true,
        derived: true,
        derivedFrom: 'categories',
        derivedFromCount: 3,
        figureCount: 4,
      }),
      point(2016, 50, { derived: true, figureCount: 2 }),
    ];
    const svg = renderTimeseriesChart({ ...data, points });
    expect(svg.match(/class="bar bar-derived"/g)).toHaveLength(2);
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        '102+*',
        '50+*',
        '* No total reported: 2015 is partly a sum of 3 category figures; 2016 is a sum of parts.',
      ]),
    );
  });

  it('names the bars only when the footnote of every derived bar would not fit two lines', () => {
    const points = Array.from({ length: 12 }, (_, i) =>
      point(2010 + i, 10 + i, {
        lowerBound: true,
        derived: true,
        derivedFrom: 'categories',
        derivedFromCount: 2,
        figureCount: 2,
      }),
    );
    const notes = chartNotes({ ...data, points }, 592);
    expect(notes).toHaveLength(1);
    expect(notes[0].join(' ')).toMatch(
      /^\* No total reported: 2010, 2011, .* and 2021 are sums of parts \(the description says of what\)\.$/,
    );
    expect(timeseriesDescription({ ...data, points })).toContain('2021: at least 21 (sum of 2 category figures)');
  });

  it('names the unit of money, marks partial sums and turns long edition names', () => {
    const svg = renderTimeseriesChart({
      ...data,
      metric: 'seizureValueUsd',
      by: 'edition',
      points: [
        { ...point(2015, 81_000_000, { lowerBound: true, unconverted: 1, partial: true }), name: 'Pangea VIII' },
        { ...point(2016, 53_000_000), name: 'Pangea IX' },
        ...Array.from({ length: 14 }, (_, i) => ({ ...point(2017 + i, 1_000_000 * i), name: `Pangea ${i + 10}` })),
      ],
    });
    expectWellFormed(svg);
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['Value of seizures (US dollars)', 'Edition', 'Pangea VIII', '81M+', '53M']),
    );
    expect(svg).toContain('rotate(-45');
    expect(texts(svg)).toContain(
      'Partial sums, at least: 1 money figure without an exchange rate not counted (Pangea VIII).',
    );
    expect(svg).toContain(
      '<title>Pangea VIII: at least 81,000,000 (partial: 1 money figure without an exchange rate not included)</title>',
    );
  });

  it('marks a money sum partial from `unconverted` alone (answers without `partial`)', () => {
    const svg = renderTimeseriesChart({
      ...data,
      metric: 'seizureValueUsd',
      points: [point(2015, 81_000_000, { unconverted: 2 })],
    });
    expect(texts(svg)).toEqual(
      expect.arrayContaining([
        '81M+',
        'Partial sums, at least: 2 money figures without an exchange rate not counted (2015).',
      ]),
    );
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
