import { DataSource } from 'typeorm';
import { FigureKind } from '../src/figures/figure-kinds';
import { recomputePreferred } from '../src/figures/figure-preference';
import { deriveFigureColumns } from '../src/figures/figure-rules';
import { refreshFigureRollups } from '../src/figures/figure-rollups';
import { GroupDimension, ResolvedStatsFilters, StatsRepository, StatsSelection } from '../src/stats/stats.repository';
import { generateSyntheticData } from './bench/synthetic-data';
import { createScratchDatabase, openMigratedDataSource, ScratchDatabase } from './utils/scratch-database';

/**
 * The fast path (sums of the stored rollups) must return exactly what the
 * counting rules computed directly on the raw figures return, on a few
 * thousand random figures, before and after changes that refresh only the
 * operations they touch.
 */
describe('Statistics: rollups equal the rules computed on raw figures (e2e)', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;
  let repository: StatsRepository;

  beforeAll(async () => {
    database = await createScratchDatabase('stats_equivalence');
    dataSource = await openMigratedDataSource(database.url);
    await dataSource.transaction((manager) =>
      generateSyntheticData(manager, { operations: 60, seizures: 4000, arrests: 1000, seed: 0.17 }),
    );
    repository = new StatsRepository(dataSource);
  }, 120000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const GROUPINGS: { scope: StatsSelection['scope']; groupBy: GroupDimension[] }[] = [
    { scope: 'operation', groupBy: [] },
    { scope: 'operation', groupBy: ['year'] },
    { scope: 'operation', groupBy: ['series'] },
    { scope: 'operation', groupBy: ['operation'] },
    { scope: 'operation', groupBy: ['region'] },
    { scope: 'operation', groupBy: ['series', 'year'] },
    { scope: 'country', groupBy: ['country'] },
    { scope: 'country', groupBy: ['country', 'year'] },
    { scope: 'country', groupBy: ['region', 'country'] },
    { scope: 'category', groupBy: ['category'] },
    { scope: 'category', groupBy: ['category', 'series'] },
  ];

  async function filterSets(): Promise<ResolvedStatsFilters[]> {
    const [series] = await dataSource.query<{ id: number }[]>('SELECT id FROM series ORDER BY id LIMIT 1');
    const ops = await dataSource.query<{ id: number }[]>('SELECT id FROM operations ORDER BY id LIMIT 5');
    const regions = await dataSource.query<{ id: number }[]>(
      "SELECT id FROM regions WHERE code IN ('europe', 'africa', 'southern-europe')",
    );
    return [
      {},
      { seriesIds: [series.id] },
      { operationIds: ops.map((o) => o.id) },
      { yearFrom: 2005, yearTo: 2015 },
      { years: [2001, 2010, 2020] },
      { regionIds: regions.map((r) => r.id), regionCountries: ['FR', 'DE', 'KE', 'IT'] },
    ];
  }

  /** TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affected count]. */
  type Touched = { operation_id: number; group_key: string };
  const returned = (result: [Touched[], number]): Touched[] => result[0];

  async function expectEqual(): Promise<number> {
    let compared = 0;
    for (const type of ['seizure', 'arrest'] as const) {
      for (const grouping of GROUPINGS) {
        for (const filters of await filterSets()) {
          const selection: StatsSelection = { ...grouping, type, filters };
          const fast = await repository.aggregate(selection, 'rollups');
          const naive = await repository.aggregate(selection, 'raw');
          expect(fast).toEqual(naive);
          compared += fast.length;
        }
      }
    }
    return compared;
  }

  it('generates figures whose derived columns follow the same rules as the API', async () => {
    const sample = await dataSource.query<Record<string, string | null>[]>(
      'SELECT operation_id, kind, quantity, unit, category, country_iso2, unit_class, normalized_quantity, currency, category_key, group_key FROM figures ORDER BY id LIMIT 400',
    );
    for (const row of sample) {
      const derived = deriveFigureColumns({
        operationId: Number(row.operation_id),
        kind: row.kind as FigureKind,
        quantity: row.quantity!,
        unit: row.unit!,
        category: row.category,
        countryIso2: row.country_iso2,
      });
      expect({
        ...derived,
        normalizedQuantity: derived.normalizedQuantity === null ? null : Number(derived.normalizedQuantity),
      }).toEqual({
        unitClass: row.unit_class,
        normalizedQuantity: row.normalized_quantity === null ? null : Number(row.normalized_quantity),
        currency: row.currency,
        categoryKey: row.category_key,
        groupKey: row.group_key,
      });
    }
    const [{ figures, groups, conflicts }] = await dataSource.query(
      `SELECT count(*)::int AS figures, count(DISTINCT group_key)::int AS groups,
              (SELECT count(*)::int FROM (SELECT 1 FROM figures GROUP BY group_key HAVING count(*) > 1) c) AS conflicts FROM figures`,
    );
    expect(figures).toBe(5000);
    expect(conflicts).toBeGreaterThan(50);
    expect(groups).toBeLessThan(figures);
  });

  it('answers every grouping and filter the same way', async () => {
    expect(await expectEqual()).toBeGreaterThan(1000);
  }, 120000);

  it('stays equal after corrections, deletions and overrides that refresh only the operations they touch', async () => {
    await dataSource.transaction(async (manager) => {
      const changed = returned(
        await manager.query(
          `UPDATE figures SET quantity = quantity * 3, normalized_quantity = normalized_quantity * 3, updated_at = now()
         WHERE id IN (SELECT id FROM figures WHERE preferred ORDER BY id LIMIT 40) RETURNING operation_id, group_key`,
        ),
      );
      const deleted = returned(
        await manager.query(
          `UPDATE figures SET deleted_at = now() WHERE id IN (SELECT id FROM figures WHERE preferred ORDER BY id DESC LIMIT 30)
         RETURNING operation_id, group_key`,
        ),
      );
      const overridden = returned(
        await manager.query(
          `UPDATE figures SET preferred_override = true WHERE id IN (
           SELECT id FROM figures WHERE NOT preferred AND deleted_at IS NULL ORDER BY id LIMIT 20) RETURNING operation_id, group_key`,
        ),
      );
      const touched = [...changed, ...deleted, ...overridden];
      expect(touched).toHaveLength(90);
      await recomputePreferred(manager, [...new Set(touched.map((t) => t.group_key))]);
      await refreshFigureRollups(manager, [...new Set(touched.map((t) => t.operation_id))]);
    });
    expect(await expectEqual()).toBeGreaterThan(1000);
  }, 120000);
});
