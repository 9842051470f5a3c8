import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { categoryKey } from '../src/figures/figure-rules';
import { openTestApp, TestApp } from './utils/setup';

/**
 * Every operation of the bundled data, walked: the README's counting rules written out again here, on
 * the preferred figures as the figure lists give them (CSV), and compared with what the statistics answer
 * for the operation's year. A second, independent statement of the rules: the SQL (figures/counting-rules.sql.ts)
 * and this must agree on all 145 operations, every kind and unit.
 */
interface Figure {
  operation_code: string;
  year: string;
  kind: string;
  quantity: string;
  unit: string;
  unit_class: string;
  normalized_quantity: string;
  currency: string;
  qualifier: string;
  category: string;
  country: string;
  role: string;
}

interface Expected {
  value: number;
  lowerBound: boolean;
  derived: boolean;
  derivedFrom: 'categories' | 'countries' | null;
}

const TYPES = ['seizures', 'arrests', 'outcomes'] as const;
const COUNTED_BY_UNIT = ['other', 'raids_or_checks', 'investigations_opened'];

/** The unit a figure is added up in: kg, litres, its currency, or the counted unit. */
const measureUnit = (f: Figure) =>
  f.unit_class === 'mass'
    ? 'kg'
    : f.unit_class === 'volume'
      ? 'litres'
      : f.unit_class === 'money'
        ? f.currency
        : f.unit;
const amount = (f: Figure) => Number(f.unit_class === 'money' ? f.quantity : f.normalized_quantity);

/** Adds figures up per measure unit. */
function sum(figures: Figure[], derivedFrom: Expected['derivedFrom'], lowerBound = false): Map<string, Expected> {
  const out = new Map<string, Expected>();
  for (const f of figures) {
    const key = measureUnit(f);
    const e = out.get(key) ?? {
      value: 0,
      lowerBound: derivedFrom !== null || lowerBound,
      derived: derivedFrom !== null,
      derivedFrom,
    };
    e.value += amount(f);
    e.lowerBound ||= f.qualifier === 'more_than';
    out.set(key, e);
  }
  return out;
}

/** The rules of README "Counting rules", for one operation, kind and measure group. */
function operationTotal(group: Figure[]): Map<string, Expected> {
  const wide = group.filter((f) => f.country === '');
  if (wide.length > 0) {
    const uncategorised = wide.filter((f) => f.category === '');
    if (uncategorised.length > 0) return sum(uncategorised, null);
    const totals = wide.filter((f) => f.role === 'total');
    if (totals.length > 0) return sum(totals, null);
    if (wide.length === 1 && wide[0].role !== 'part') return sum(wide, null);
    const independent = wide.filter((f) => f.role !== 'part');
    if (independent.length > 0) return sum(independent, 'categories');
    const largest = [...wide].sort((a, b) => amount(b) - amount(a))[0];
    return sum([largest], 'categories');
  }
  // No operation-wide figure: each country's own figure (no category, or a generic label), else its categories.
  const perCountry = new Map<string, Figure[]>();
  for (const f of group) perCountry.set(f.country, [...(perCountry.get(f.country) ?? []), f]);
  const counted: Figure[] = [];
  for (const figures of perCountry.values()) {
    const own = figures.filter((f) => categoryKey(f.category) === null);
    counted.push(...(own.length > 0 ? own : figures));
  }
  return sum(counted, 'countries');
}

describe('Every operation of the bundled data (e2e, counting rules restated)', () => {
  let ctx: TestApp;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    ctx = await openTestApp();
    app = ctx.app;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('gives each operation, in its year, the total of each kind and unit that the rules give', async () => {
    const server = app.getHttpServer();
    const operations = (await request(server).get('/v1/operations?format=csv').expect(200)).text;
    const codes = (parse(operations, { columns: true, bom: true }) as { code: string }[]).map((o) => o.code);
    expect(codes).toHaveLength(145);

    let compared = 0;
    const mismatches: string[] = [];
    for (const type of TYPES) {
      const csv = (await request(server).get(`/v1/${type}?preferred=true&format=csv`).expect(200)).text;
      const figures = parse(csv, { columns: true, bom: true }) as Figure[];
      const byOperation = new Map<string, Figure[]>();
      for (const f of figures) byOperation.set(f.operation_code, [...(byOperation.get(f.operation_code) ?? []), f]);

      for (const [code, operationFigures] of byOperation) {
        const groups = new Map<string, Figure[]>();
        for (const f of operationFigures) {
          const key = [
            f.kind,
            f.unit_class,
            f.unit_class === 'count' || COUNTED_BY_UNIT.includes(f.kind) ? f.unit : '',
          ].join('|');
          groups.set(key, [...(groups.get(key) ?? []), f]);
        }
        const expected = new Map<string, Expected>();
        for (const group of groups.values()) {
          for (const [unit, e] of operationTotal(group)) {
            const key = `${group[0].kind}|${unit}`;
            const earlier = expected.get(key);
            // Several measure groups can end in one unit only for `other` figures in money, which the unit keeps apart.
            if (earlier) throw new Error(`${code}: two measure groups end in ${key}`);
            expected.set(key, e);
          }
        }

        const year = operationFigures[0].year;
        const body = (await request(server).get(`/v1/stats/${type}?operation=${code}&groupBy=year`).expect(200)).body;
        expect(body.data).toHaveLength(1);
        expect(String(body.data[0].keys.year)).toBe(year);
        const measures = new Map<string, Expected & { figureCount: number }>(
          body.data[0].measures.map((m: Expected & { kind: string; unit: string; figureCount: number }) => [
            `${m.kind}|${m.unit}`,
            m,
          ]),
        );
        expect([code, type, [...measures.keys()].sort()]).toEqual([code, type, [...expected.keys()].sort()]);
        for (const [key, e] of expected) {
          const got = measures.get(key)!;
          compared += 1;
          const same =
            Math.abs(got.value - e.value) <= 1e-6 * Math.max(1, Math.abs(e.value)) &&
            got.lowerBound === e.lowerBound &&
            got.derived === e.derived &&
            got.derivedFrom === e.derivedFrom;
          if (!same) mismatches.push(`${code} ${key}: expected ${JSON.stringify(e)}, got ${JSON.stringify(got)}`);
          // Never a total built from country figures where an operation-wide figure exists.
          const wide = operationFigures.some((f) => f.country === '' && `${f.kind}|${measureUnit(f)}` === key);
          if (wide && got.derivedFrom === 'countries')
            mismatches.push(`${code} ${key}: derived from countries beside an operation-wide figure`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // 1,273 figures, 1,179 of them preferred, make several hundred operation totals: every one was compared.
    expect(compared).toBeGreaterThan(500);
  });
});
