import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DataVersion } from '../data-version';
import { ValidationProblem } from '../problem';

interface Catalog {
  version: string;
  series: Map<string, number>;
  operations: Map<string, number>;
  regions: Map<string, { id: number; parentId: number | null }>;
  regionCountries: Map<number, string[]>;
  countries: Set<string>;
  /** Crime areas of the operations and series, by their lower case. */
  crimeAreas: Map<string, string>;
}

/** A region filter resolved to the regions it covers (itself and below) and their countries. */
export interface RegionScope {
  regionIds: number[];
  countryIso2s: string[];
}

const LISTED_IN_ERROR = 20;

/**
 * Resolves public codes used in filters (`series=pangea`, `region=europe`, …)
 * to ids, refusing unknown ones with a 400 that names the parameter and the
 * allowed values. The small catalogue is cached until the data changes.
 */
@Injectable()
export class ReferenceCodes {
  private catalog?: Promise<Catalog>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dataVersion: DataVersion,
  ) {}

  async seriesIds(param: string, codes: string[]): Promise<number[]> {
    const { series } = await this.load();
    return this.resolve(param, codes, series, (id) => id);
  }

  async operationIds(param: string, codes: string[]): Promise<number[]> {
    const { operations } = await this.load();
    return this.resolve(param, codes, operations, (id) => id, 'see /v1/operations for the codes');
  }

  async countryCodes(param: string, codes: string[]): Promise<string[]> {
    const { countries } = await this.load();
    const upper = codes.map((c) => c.toUpperCase());
    const unknown = upper.filter((c) => !countries.has(c));
    if (unknown.length > 0) {
      throw new ValidationProblem([
        {
          name: param,
          reason: `unknown ISO 3166-1 alpha-2 code(s) ${unknown.map((c) => `'${c}'`).join(', ')}; see /v1/countries`,
        },
      ]);
    }
    return upper;
  }

  /**
   * Crime areas as stored (`firearms trafficking`), matched ignoring case; an unknown one is a 400 that lists
   * those in the data.
   */
  async crimeAreas(param: string, values: string[]): Promise<string[]> {
    const { crimeAreas } = await this.load();
    const unknown = values.filter((v) => !crimeAreas.has(v.trim().toLowerCase()));
    if (unknown.length > 0) {
      const allowed = [...crimeAreas.values()].sort();
      throw new ValidationProblem([
        {
          name: param,
          reason: `unknown crime area(s) ${unknown.map((a) => `'${a}'`).join(', ')}; allowed: ${allowed.join(', ')}`,
        },
      ]);
    }
    return [...new Set(values.map((v) => crimeAreas.get(v.trim().toLowerCase())!))];
  }

  async regionScope(param: string, codes: string[]): Promise<RegionScope> {
    const catalog = await this.load();
    const roots = this.resolve(param, codes, catalog.regions, (r) => r.id);
    const children = new Map<number, number[]>();
    for (const { id, parentId } of catalog.regions.values()) {
      if (parentId !== null) children.set(parentId, [...(children.get(parentId) ?? []), id]);
    }
    const regionIds = new Set<number>();
    const stack = [...roots];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (regionIds.has(id)) continue;
      regionIds.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    const countryIso2s = new Set<string>();
    for (const id of roots) for (const iso2 of catalog.regionCountries.get(id) ?? []) countryIso2s.add(iso2);
    return { regionIds: [...regionIds], countryIso2s: [...countryIso2s] };
  }

  private resolve<V, R>(
    param: string,
    codes: string[],
    known: Map<string, V>,
    pick: (value: V) => R,
    hint?: string,
  ): R[] {
    const lower = codes.map((c) => c.toLowerCase());
    const unknown = lower.filter((c) => !known.has(c));
    if (unknown.length > 0) {
      const allowed = [...known.keys()].sort();
      const list = hint && allowed.length > LISTED_IN_ERROR ? hint : `allowed: ${allowed.join(', ')}`;
      throw new ValidationProblem([
        { name: param, reason: `unknown code(s) ${unknown.map((c) => `'${c}'`).join(', ')}; ${list}` },
      ]);
    }
    return lower.map((c) => pick(known.get(c)!));
  }

  private load(): Promise<Catalog> {
    const version = this.dataVersion.current();
    if (!this.catalog) {
      this.catalog = this.fetch(version);
    } else {
      this.catalog = this.catalog.then((c) => (c.version === version ? c : this.fetch(version)));
    }
    this.catalog.catch(() => (this.catalog = undefined));
    return this.catalog;
  }

  private async fetch(version: string): Promise<Catalog> {
    const [series, operations, regions, regionCountries, countries, crimeAreas] = await Promise.all([
      this.dataSource.query<{ id: number; code: string }[]>('SELECT id, code FROM series'),
      this.dataSource.query<{ id: number; code: string }[]>('SELECT id, code FROM operations'),
      this.dataSource.query<{ id: number; code: string; parent_id: number | null }[]>(
        'SELECT id, code, parent_id FROM regions',
      ),
      this.dataSource.query<{ region_id: number; country_iso2: string }[]>(
        'SELECT region_id, country_iso2 FROM region_countries',
      ),
      this.dataSource.query<{ iso2: string }[]>('SELECT iso2 FROM countries'),
      this.dataSource.query<{ crime_area: string }[]>(
        'SELECT crime_area FROM operations UNION SELECT crime_area FROM series',
      ),
    ]);
    const byRegion = new Map<number, string[]>();
    for (const row of regionCountries)
      byRegion.set(row.region_id, [...(byRegion.get(row.region_id) ?? []), row.country_iso2]);
    return {
      version,
      series: new Map(series.map((s) => [s.code, s.id])),
      operations: new Map(operations.map((o) => [o.code, o.id])),
      regions: new Map(regions.map((r) => [r.code, { id: r.id, parentId: r.parent_id }])),
      regionCountries: byRegion,
      countries: new Set(countries.map((c) => c.iso2)),
      crimeAreas: new Map(crimeAreas.map((c) => [c.crime_area.toLowerCase(), c.crime_area])),
    };
  }
}
