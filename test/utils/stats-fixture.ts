import { DataSource, EntityManager } from 'typeorm';
import { FigureKind, Qualifier, typeOfKind } from '../../src/figures/figure-kinds';
import { recomputePreferred } from '../../src/figures/figure-preference';
import { deriveFigureColumns } from '../../src/figures/figure-rules';
import { refreshFigureRollups } from '../../src/figures/figure-rollups';

export interface FixtureFigure {
  op: string;
  kind: FigureKind;
  quantity: string;
  unit: string;
  country?: string;
  category?: string;
  qualifier?: Qualifier;
  role?: 'total' | 'part';
  source: 'S1' | 'S2' | 'S3';
}

/** Reference rows every fixture needs: regions, countries, series, publishers, sources. */
export async function insertReferenceRows(manager: EntityManager): Promise<void> {
  await manager.query(`INSERT INTO regions (id, code, name, kind, m49_code, parent_id) VALUES
    (1, 'world', 'World', 'world', '001', NULL), (2, 'europe', 'Europe', 'region', '150', 1), (3, 'africa', 'Africa', 'region', '002', 1)`);
  await manager.query(`INSERT INTO countries (iso2, iso3, numeric_code, name, region_id) VALUES
    ('GB', 'GBR', '826', 'United Kingdom', 2), ('FR', 'FRA', '250', 'France', 2), ('KE', 'KEN', '404', 'Kenya', 3)`);
  await manager.query(`INSERT INTO region_countries (region_id, country_iso2) VALUES
    (1, 'GB'), (1, 'FR'), (1, 'KE'), (2, 'GB'), (2, 'FR'), (3, 'KE')`);
  await manager.query(`INSERT INTO series (id, code, name, crime_area, description) VALUES
    (1, 'alpha', 'Alpha', 'test', 'fixture'), (2, 'beta', 'Beta', 'test', 'fixture')`);
  await manager.query(
    `INSERT INTO publishers (id, name, tier) VALUES (1, 'Agency', 'official'), (2, 'Daily', 'media')`,
  );
  await manager.query(`INSERT INTO sources (id, url, publisher_id, published_on) VALUES
    (1, 'https://agency.example/s1', 1, '2016-01-01'), (2, 'https://daily.example/s2', 2, '2017-01-01'),
    (3, 'https://agency.example/s3', 1, '2017-06-01')`);
}

/** Inserts figures with every derived column, then applies the preference rule and rebuilds the rollups. */
export async function insertFigures(dataSource: DataSource, figures: FixtureFigure[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const ops = new Map<string, number>(
      (await manager.query<{ id: number; code: string }[]>('SELECT id, code FROM operations')).map((o) => [
        o.code,
        o.id,
      ]),
    );
    for (const f of figures) {
      const operationId = ops.get(f.op)!;
      const derived = deriveFigureColumns({
        operationId,
        kind: f.kind,
        quantity: f.quantity,
        unit: f.unit,
        category: f.category ?? null,
        countryIso2: f.country ?? null,
      });
      await manager.query(
        `INSERT INTO figures (type, kind, operation_id, country_iso2, category, category_key, qualifier, quantity, unit,
                              unit_class, normalized_quantity, currency, source_id, group_key, role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          typeOfKind(f.kind),
          f.kind,
          operationId,
          f.country ?? null,
          f.category ?? null,
          derived.categoryKey,
          f.qualifier ?? 'exact',
          f.quantity,
          f.unit,
          derived.unitClass,
          derived.normalizedQuantity,
          derived.currency,
          Number(f.source.slice(1)),
          derived.groupKey,
          f.role ?? null,
        ],
      );
    }
    await recomputePreferred(manager);
    await refreshFigureRollups(manager);
  });
}
