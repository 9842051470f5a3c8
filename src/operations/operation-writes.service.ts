import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { recordChange } from '../common/writes/change-log';
import { WriteTransaction } from '../common/writes/write-transaction';
import { ConflictProblem, InvalidParam, NotFoundProblem, ValidationProblem } from '../common/problem';
import { isHttpUrl, isValidDate } from '../common/values';
import { refreshFigureRollups } from '../figures/figure-rollups';
import { applySource, planSource, SourcePlan } from '../sources/source-input';
import { OperationDetailDto, ParticipatingCountryDto } from './dto/operation-response.dto';
import { AddParticipationDto, CreateOperationDto, UpdateOperationDto } from './dto/operation-write.dto';
import { OperationsService } from './operations.service';

interface StoredOperation {
  id: number;
  code: string;
  name: string;
  series_id: number;
  series_code: string;
  edition: string | null;
  year: number;
  start_date: string | null;
  end_date: string | null;
  region_id: number | null;
  region_code: string | null;
  crime_area: string;
  countries_count: number | null;
  agencies_count: number | null;
  source_id: number;
  notes: string | null;
}

/** The stored columns of an operation, checked. */
interface OperationColumns {
  name: string;
  seriesId: number;
  edition: string | null;
  year: number;
  startDate: string | null;
  endDate: string | null;
  regionId: number | null;
  crimeArea: string;
  countriesCount: number | null;
  agenciesCount: number | null;
  source: SourcePlan;
  notes: string | null;
}

type OperationValues = Omit<CreateOperationDto, 'code'>;

const SELECT_STORED = `
  SELECT o.id, o.code, o.name, o.series_id, s.code AS series_code, o.edition, o.year, o.start_date::text AS start_date,
         o.end_date::text AS end_date, o.region_id, r.code AS region_code, o.crime_area, o.countries_count, o.agencies_count,
         o.source_id, o.notes
  FROM operations o JOIN series s ON s.id = o.series_id LEFT JOIN regions r ON r.id = o.region_id`;

function href(code: string): string {
  return `/v1/operations/${code}`;
}

/**
 * Adds, corrects and deletes operations and their participating countries,
 * each in one transaction with its change-feed entry, checked with the seed's
 * rules for operations.csv and participating_countries.csv.
 */
@Injectable()
export class OperationWritesService {
  constructor(
    private readonly transaction: WriteTransaction,
    private readonly operations: OperationsService,
  ) {}

  /** 409 naming the operation when the code is taken. */
  async create(body: CreateOperationDto, actor: string): Promise<OperationDetailDto> {
    await this.transaction.run(async (manager) => {
      const [taken] = await manager.query<{ id: number }[]>('SELECT id FROM operations WHERE code = $1', [body.code]);
      if (taken)
        throw new ConflictProblem(`An operation with the code '${body.code}' already exists: ${href(body.code)}.`, {
          existingHref: href(body.code),
        });
      const checked = await this.check(manager, body, null);
      const source = await applySource(manager, checked.source, actor);
      await manager.query(
        `INSERT INTO operations (code, name, series_id, edition, year, start_date, end_date, region_id, crime_area,
                                 countries_count, agencies_count, source_id, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          body.code,
          checked.name,
          checked.seriesId,
          checked.edition,
          checked.year,
          checked.startDate,
          checked.endDate,
          checked.regionId,
          checked.crimeArea,
          checked.countriesCount,
          checked.agenciesCount,
          source.id,
          checked.notes,
        ],
      );
      await recordChange(manager, {
        entity: 'operation',
        entityId: body.code,
        action: 'created',
        actor,
        href: href(body.code),
      });
    });
    return this.operations.get(body.code);
  }

  /** Corrects an operation (not its code); its statistics are rebuilt, since the year sets the exchange rates. */
  async update(code: string, body: UpdateOperationDto, actor: string): Promise<OperationDetailDto> {
    await this.transaction.run(async (manager) => {
      const current = await this.load(manager, code);
      const pick = <K extends keyof UpdateOperationDto>(key: K, stored: UpdateOperationDto[K]) =>
        body[key] !== undefined ? body[key] : stored;
      const sourceGiven = body.source !== undefined || body.sourceId !== undefined;
      const merged: OperationValues = {
        name: pick('name', current.name)!,
        series: pick('series', current.series_code)!,
        edition: pick('edition', current.edition),
        year: pick('year', current.year)!,
        startDate: pick('startDate', current.start_date),
        endDate: pick('endDate', current.end_date),
        region: pick('region', current.region_code),
        crimeArea: body.crimeArea ?? (body.series !== undefined ? undefined : current.crime_area),
        countriesCount: pick('countriesCount', current.countries_count),
        agenciesCount: pick('agenciesCount', current.agencies_count),
        ...(sourceGiven ? { source: body.source, sourceId: body.sourceId } : { sourceId: current.source_id }),
        notes: pick('notes', current.notes),
      };
      const checked = await this.check(manager, merged, current);
      const source = await applySource(manager, checked.source, actor);
      const next = [
        checked.name,
        checked.seriesId,
        checked.edition,
        checked.year,
        checked.startDate,
        checked.endDate,
        checked.regionId,
        checked.crimeArea,
        checked.countriesCount,
        checked.agenciesCount,
        source.id,
        checked.notes,
      ];
      const before = [
        current.name,
        current.series_id,
        current.edition,
        current.year,
        current.start_date,
        current.end_date,
        current.region_id,
        current.crime_area,
        current.countries_count,
        current.agencies_count,
        current.source_id,
        current.notes,
      ];
      if (next.every((value, i) => value === before[i])) return;
      await manager.query(
        `UPDATE operations SET name = $2, series_id = $3, edition = $4, year = $5, start_date = $6, end_date = $7, region_id = $8,
                crime_area = $9, countries_count = $10, agencies_count = $11, source_id = $12, notes = $13, updated_at = now()
         WHERE id = $1`,
        [current.id, ...next],
      );
      await refreshFigureRollups(manager, [current.id]);
      await recordChange(manager, {
        entity: 'operation',
        entityId: current.code,
        action: 'corrected',
        reason: body.reason ?? null,
        actor,
        href: href(current.code),
      });
    });
    return this.operations.get(code);
  }

  /**
   * Deletes an operation that has no live figures (409 otherwise). Its
   * participations go with it (each in the change feed); figures deleted earlier
   * are removed with it, their versions staying readable under `revisions`.
   */
  async remove(code: string, reason: string | undefined, actor: string): Promise<void> {
    await this.transaction.run(async (manager) => {
      const current = await this.load(manager, code);
      const [{ live }] = await manager.query<{ live: string }[]>(
        'SELECT count(*) AS live FROM figures WHERE operation_id = $1 AND deleted_at IS NULL',
        [current.id],
      );
      if (Number(live) > 0) {
        throw new ConflictProblem(
          `Operation '${current.code}' still has ${live} figure(s); delete them first (see /v1/seizures, /v1/arrests and /v1/outcomes?operation=${current.code}).`,
          { liveFigures: Number(live) },
        );
      }
      const participants = await manager.query<{ country_iso2: string }[]>(
        'SELECT country_iso2 FROM operation_countries WHERE operation_id = $1 ORDER BY country_iso2',
        [current.id],
      );
      await manager.query('DELETE FROM figures WHERE operation_id = $1 AND deleted_at IS NOT NULL', [current.id]);
      await manager.query('DELETE FROM operations WHERE id = $1', [current.id]);
      for (const { country_iso2 } of participants) {
        await recordChange(manager, {
          entity: 'participation',
          entityId: `${current.code}/${country_iso2}`,
          action: 'deleted',
          reason: reason ?? null,
          actor,
          href: href(current.code),
        });
      }
      await recordChange(manager, {
        entity: 'operation',
        entityId: current.code,
        action: 'deleted',
        reason: reason ?? null,
        actor,
        href: href(current.code),
      });
    });
  }

  /** Adds a participating country, citing the page that lists it (a new URL is added as a source). */
  async addParticipation(code: string, body: AddParticipationDto, actor: string): Promise<ParticipatingCountryDto> {
    const iso2 = body.iso2.toUpperCase();
    const name = await this.transaction.run(async (manager) => {
      const operation = await this.load(manager, code);
      const errors: InvalidParam[] = [];
      const [country] = await manager.query<{ name: string }[]>('SELECT name FROM countries WHERE iso2 = $1', [iso2]);
      if (!country)
        errors.push({
          name: 'iso2',
          reason: `'${body.iso2}' is not the ISO 3166-1 alpha-2 code of a country; see /v1/countries`,
        });
      if (!isHttpUrl(body.sourceUrl))
        errors.push({ name: 'sourceUrl', reason: `sourceUrl "${body.sourceUrl}" is not an http(s) URL` });
      if (errors.length > 0) throw new ValidationProblem(errors);
      const [listed] = await manager.query<unknown[]>(
        'SELECT 1 FROM operation_countries WHERE operation_id = $1 AND country_iso2 = $2',
        [operation.id, iso2],
      );
      if (listed) throw new ConflictProblem(`${iso2} is already listed as a participant of '${operation.code}'.`);
      const [stored] = await manager.query<{ id: number }[]>('SELECT id FROM sources WHERE url = $1', [body.sourceUrl]);
      const sourceId = stored
        ? stored.id
        : (await applySource(manager, { kind: 'new', url: body.sourceUrl, publishedOn: null, publisher: null }, actor))
            .id;
      await manager.query(
        'INSERT INTO operation_countries (operation_id, country_iso2, source_id) VALUES ($1, $2, $3)',
        [operation.id, iso2, sourceId],
      );
      await recordChange(manager, {
        entity: 'participation',
        entityId: `${operation.code}/${iso2}`,
        action: 'created',
        actor,
        href: href(operation.code),
      });
      return country.name;
    });
    return { iso2, name, sourceUrl: body.sourceUrl };
  }

  /** Removes a participating country; 404 when it is not listed. */
  async removeParticipation(code: string, iso2: string, reason: string | undefined, actor: string): Promise<void> {
    const country = iso2.toUpperCase();
    await this.transaction.run(async (manager) => {
      const operation = await this.load(manager, code);
      const [, deleted] = await manager.query<[unknown[], number]>(
        'DELETE FROM operation_countries WHERE operation_id = $1 AND country_iso2 = $2',
        [operation.id, country],
      );
      if (!deleted) throw new NotFoundProblem(`${country} is not listed as a participant of '${operation.code}'.`);
      await recordChange(manager, {
        entity: 'participation',
        entityId: `${operation.code}/${country}`,
        action: 'deleted',
        reason: reason ?? null,
        actor,
        href: href(operation.code),
      });
    });
  }

  private async load(manager: EntityManager, code: string): Promise<StoredOperation> {
    const [row] = await manager.query<StoredOperation[]>(`${SELECT_STORED} WHERE o.code = $1 FOR UPDATE OF o`, [
      code.toLowerCase(),
    ]);
    if (!row) throw new NotFoundProblem(`No operation has the code '${code}'. See /v1/operations for the codes.`);
    return row;
  }

  /**
   * The seed's rules for operations.csv: a known series whose crime area the
   * operation shares, a roman edition, real dates with the end not before the
   * start, an operational region, counts in range, a source with its publisher.
   * And for an existing operation: no figure's source dated before a new start.
   */
  private async check(
    manager: EntityManager,
    values: OperationValues,
    current: StoredOperation | null,
  ): Promise<OperationColumns> {
    const errors: InvalidParam[] = [];
    const [series] = await manager.query<{ id: number; crime_area: string }[]>(
      'SELECT id, crime_area FROM series WHERE code = $1',
      [values.series.toLowerCase()],
    );
    if (!series)
      errors.push({ name: 'series', reason: `unknown series '${values.series}'; see /v1/series for the codes` });
    const crimeArea = values.crimeArea ?? series?.crime_area ?? '';
    if (series && crimeArea !== series.crime_area) {
      errors.push({
        name: 'crimeArea',
        reason: `crimeArea "${crimeArea}" differs from the series' "${series.crime_area}"`,
      });
    }

    const startDate = values.startDate ?? null;
    const endDate = values.endDate ?? null;
    if (startDate !== null && !isValidDate(startDate))
      errors.push({ name: 'startDate', reason: `startDate "${startDate}" is not a valid YYYY-MM-DD date` });
    if (endDate !== null && !isValidDate(endDate))
      errors.push({ name: 'endDate', reason: `endDate "${endDate}" is not a valid YYYY-MM-DD date` });
    if (startDate && endDate && isValidDate(startDate) && isValidDate(endDate) && endDate < startDate) {
      errors.push({ name: 'endDate', reason: `endDate ${endDate} is before startDate ${startDate}` });
    }
    if (
      current &&
      startDate &&
      isValidDate(startDate) &&
      (current.start_date === null || startDate > current.start_date)
    ) {
      const [early] = await manager.query<{ published_on: string }[]>(
        `SELECT min(s.published_on)::text AS published_on FROM figures f JOIN sources s ON s.id = f.source_id
         WHERE f.operation_id = $1 AND f.deleted_at IS NULL AND s.published_on < $2::date`,
        [current.id, startDate],
      );
      if (early?.published_on) {
        errors.push({
          name: 'startDate',
          reason: `a figure of the operation cites a source dated ${early.published_on}, before startDate ${startDate}`,
        });
      }
    }

    let regionId: number | null = null;
    if (values.region !== undefined && values.region !== null) {
      const [region] = await manager.query<{ id: number }[]>(
        'SELECT id FROM regions WHERE code = $1 AND operational_label IS NOT NULL',
        [values.region.toLowerCase()],
      );
      if (region) regionId = region.id;
      else {
        const allowed = await manager.query<{ code: string }[]>(
          'SELECT code FROM regions WHERE operational_label IS NOT NULL ORDER BY code',
        );
        errors.push({ name: 'region', reason: `region must be one of: ${allowed.map((r) => r.code).join(', ')}` });
      }
    }

    const source = await planSource(
      manager,
      values,
      { source: 'source', sourceId: 'sourceId' },
      { requirePublisher: true },
      errors,
    );
    if (errors.length > 0) throw new ValidationProblem(errors);
    return {
      name: values.name,
      seriesId: series.id,
      edition: values.edition ?? null,
      year: values.year,
      startDate,
      endDate,
      regionId,
      crimeArea,
      countriesCount: values.countriesCount ?? null,
      agenciesCount: values.agenciesCount ?? null,
      source: source!,
      notes: values.notes ?? null,
    };
  }
}
