import { DataSource } from 'typeorm';
import { recomputePreferred } from '../src/figures/figure-preference';
import { createScratchDatabase, openMigratedDataSource, ScratchDatabase } from './utils/scratch-database';

/**
 * recomputePreferred against real PostgreSQL, on a small hand-made fixture:
 * one operation, sources of each tier, and groups that exercise each rule.
 */
describe('recomputePreferred (e2e)', () => {
  let database: ScratchDatabase;
  let dataSource: DataSource;
  const ids: Record<string, number> = {};
  const figureNames = new Map<number, string>();

  async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
    const rows = await dataSource.query(sql, params);
    return rows[0] as T;
  }

  let quantity = 0;
  /** Inserts a figure; quantities are all different, so that no two figures share a natural key. */
  async function figure(name: string, group: string, source: string, override: boolean | null = null) {
    quantity += 1;
    const row = await one<{ id: number }>(
      `INSERT INTO figures (type, kind, operation_id, qualifier, quantity, unit, unit_class, normalized_quantity, source_id, group_key, preferred_override)
       VALUES ('arrest', 'arrests', $1, 'exact', $2, 'people', 'count', $2, $3, $4, $5) RETURNING id`,
      [ids.operation, quantity, ids[source], group, override],
    );
    ids[name] = row.id;
    figureNames.set(row.id, name);
  }

  async function preferredOf(group: string): Promise<string[]> {
    const rows: { id: number }[] = await dataSource.query(
      `SELECT id FROM figures WHERE group_key = $1 AND preferred ORDER BY id`,
      [group],
    );
    return rows.map((row) => figureNames.get(row.id)!);
  }

  beforeAll(async () => {
    database = await createScratchDatabase('preference');
    dataSource = await openMigratedDataSource(database.url);
    for (const [name, tier] of [
      ['official', 'official'],
      ['regulator', 'regulator'],
      ['media', 'media'],
    ]) {
      ids[`publisher_${name}`] = (
        await one<{ id: number }>(`INSERT INTO publishers (name, tier) VALUES ($1, $2) RETURNING id`, [name, tier])
      ).id;
    }
    const sources: [string, string | null, string | null][] = [
      ['official_undated', 'official', null],
      ['regulator_2019', 'regulator', '2019-01-01'],
      ['media_2020', 'media', '2020-01-01'],
      ['media_2021', 'media', '2021-01-01'],
      ['media_2021b', 'media', '2021-01-01'],
      ['media_undated', 'media', null],
      ['no_publisher', null, null],
    ];
    for (const [name, publisher, date] of sources) {
      ids[name] = (
        await one<{ id: number }>(
          `INSERT INTO sources (url, publisher_id, published_on) VALUES ($1, $2, $3) RETURNING id`,
          [`https://example.org/${name}`, publisher === null ? null : ids[`publisher_${publisher}`], date],
        )
      ).id;
    }
    const series = await one<{ id: number }>(
      `INSERT INTO series (code, name, crime_area, description) VALUES ('s', 'S', 'c', 'd') RETURNING id`,
    );
    ids.operation = (
      await one<{ id: number }>(
        `INSERT INTO operations (code, name, series_id, year, crime_area, source_id) VALUES ('op', 'Op', $1, 2020, 'c', $2) RETURNING id`,
        [series.id, ids.official_undated],
      )
    ).id;

    await figure('tier_media_new', 'tier', 'media_2021');
    await figure('tier_regulator', 'tier', 'regulator_2019');
    await figure('tier_official', 'tier', 'official_undated');
    await figure('date_old', 'date', 'media_2020');
    await figure('date_new', 'date', 'media_2021');
    await figure('date_undated', 'date', 'media_undated');
    await figure('tie_first', 'tie', 'media_2021');
    await figure('tie_second', 'tie', 'media_2021b');
    await figure('out_new', 'ruled-out', 'media_2021', false);
    await figure('out_old', 'ruled-out', 'media_2020');
    await figure('all_out_a', 'all-out', 'official_undated', false);
    await figure('all_out_b', 'all-out', 'media_2021', false);
    await figure('forced_media', 'forced', 'media_2020', true);
    await figure('forced_official', 'forced', 'official_undated');
    await figure('nopub', 'no-publisher', 'no_publisher');
    await figure('nopub_media', 'no-publisher', 'media_undated');
    await figure('alone', 'alone', 'no_publisher');
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('picks one figure per group by override, tier, date and id', async () => {
    expect(await recomputePreferred(dataSource.manager)).toEqual({ preferred: 7, unpreferred: 0 });
    expect(await preferredOf('tier')).toEqual(['tier_official']);
    expect(await preferredOf('date')).toEqual(['date_new']);
    expect(await preferredOf('tie')).toEqual(['tie_first']);
    expect(await preferredOf('ruled-out')).toEqual(['out_old']);
    expect(await preferredOf('all-out')).toEqual([]); // every figure ruled out: none preferred
    expect(await preferredOf('forced')).toEqual(['forced_media']);
    expect(await preferredOf('no-publisher')).toEqual(['nopub_media']);
    expect(await preferredOf('alone')).toEqual(['alone']);
  });

  it('changes nothing when run again', async () => {
    expect(await recomputePreferred(dataSource.manager)).toEqual({ preferred: 0, unpreferred: 0 });
  });

  it('moves the preference inside a group in one statement (unique index respected)', async () => {
    await dataSource.query(`UPDATE figures SET preferred_override = true WHERE id = $1`, [ids.tier_media_new]);
    expect(await recomputePreferred(dataSource.manager)).toEqual({ preferred: 1, unpreferred: 1 });
    expect(await preferredOf('tier')).toEqual(['tier_media_new']);
  });

  it('passes over soft-deleted figures and clears their flag', async () => {
    await dataSource.query(`UPDATE figures SET deleted_at = now() WHERE id = $1`, [ids.date_new]);
    expect(await recomputePreferred(dataSource.manager)).toEqual({ preferred: 1, unpreferred: 1 });
    expect(await preferredOf('date')).toEqual(['date_old']);
  });

  it('touches only the groups it is given', async () => {
    await dataSource.query(`UPDATE figures SET preferred = false WHERE group_key = 'alone'`);
    expect(await recomputePreferred(dataSource.manager, ['tie', 'date'])).toEqual({ preferred: 0, unpreferred: 0 });
    expect(await preferredOf('alone')).toEqual([]);
    expect(await recomputePreferred(dataSource.manager, [])).toEqual({ preferred: 0, unpreferred: 0 });
    expect(await recomputePreferred(dataSource.manager, ['alone'])).toEqual({ preferred: 1, unpreferred: 0 });
    expect(await preferredOf('alone')).toEqual(['alone']);
  });

  it('works inside a caller transaction', async () => {
    await dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE figures SET preferred_override = false WHERE id = $1`, [ids.tier_media_new]);
      expect(await recomputePreferred(manager, ['tier'])).toEqual({ preferred: 1, unpreferred: 1 });
    });
    expect(await preferredOf('tier')).toEqual(['tier_official']);
  });
});
