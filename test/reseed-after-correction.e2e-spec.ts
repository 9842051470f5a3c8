import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DEFAULT_SEED_DATA_DIR } from '../src/database/seed/seed-data';
import { SeedService } from '../src/database/seed/seed.service';
import { bearer, createSeededScratchApp, SeededScratchApp } from './utils/seeded-scratch';

/**
 * The old bug: seeding again after an editor corrected a seeded figure through the API added the file's row
 * back beside the correction (two figures for one row). The seed, the API and the imports now write through one
 * module and find a figure by one identity, so the corrected figure stays the row's only figure.
 */
const rows = parse(readFileSync(join(DEFAULT_SEED_DATA_DIR, 'results.csv'), 'utf8'), {
  columns: true,
  bom: true,
}) as Record<string, string>[];

describe('Seeding again after a correction (e2e)', () => {
  let seeded: SeededScratchApp;
  const live = async (sql: string, params: unknown[] = []): Promise<number> => {
    const [row] = await seeded.dataSource.query<{ n: string }[]>(sql, params);
    return Number(row.n);
  };

  beforeAll(async () => {
    seeded = await createSeededScratchApp('reseed-after-correction');
  });

  afterAll(async () => {
    await seeded?.close();
  });

  it('keeps one figure, the corrected one, for the corrected row', async () => {
    // pangea-x arrests of 400 people (The Portugal News): one row of results.csv.
    const row = rows.find((r) => r.operation_code === 'pangea-x' && r.metric === 'arrests' && r.quantity === '400');
    expect(row).toBeDefined();
    const sameRow = `SELECT count(*) AS n FROM figures f JOIN operations o ON o.id = f.operation_id JOIN sources s ON s.id = f.source_id
                     WHERE f.deleted_at IS NULL AND o.code = $1 AND f.kind = $2 AND f.unit = $3 AND s.url = $4 AND f.quantity = $5::numeric`;
    const key = [row!.operation_code, row!.metric, row!.unit, row!.source_url];
    const [{ id }] = await seeded.dataSource.query<{ id: number }[]>(
      `SELECT f.id FROM figures f JOIN operations o ON o.id = f.operation_id JOIN sources s ON s.id = f.source_id
       WHERE f.deleted_at IS NULL AND o.code = $1 AND f.kind = $2 AND f.unit = $3 AND s.url = $4 AND f.quantity = 400`,
      key,
    );
    expect(await live('SELECT count(*) AS n FROM figures WHERE deleted_at IS NULL')).toBe(rows.length);

    await request(seeded.server)
      .patch(`/v1/arrests/${id}`)
      .set(bearer(seeded.adminKey))
      .send({ quantity: '410', reason: 'the final report gives 410' })
      .expect(200);
    const outcome = await seeded.app.get(SeedService).seed();
    expect(outcome.seeded && outcome.report.release).toMatchObject({
      added: 0,
      corrected: 0,
      retired: 0,
      leftAlone: 1,
      leftAloneIds: [id],
    });

    expect(await live(sameRow, [...key, '400'])).toBe(0);
    expect(await live(sameRow, [...key, '410'])).toBe(1);
    expect(await live('SELECT count(*) AS n FROM figures WHERE deleted_at IS NULL')).toBe(rows.length);
    const versions = await seeded.dataSource.query<{ version: number; actor: string; quantity: string }[]>(
      'SELECT version, actor, quantity::text AS quantity FROM figure_revisions WHERE figure_id = $1 ORDER BY version',
      [id],
    );
    expect(versions).toEqual([
      { version: 1, actor: 'seed', quantity: '400' },
      { version: 2, actor: 'test admin', quantity: '410' },
    ]);
  });
});
