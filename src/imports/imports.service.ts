import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { lockWrites } from '../common/writes/change-log';
import { DataVersion } from '../common/data-version';
import { ProblemException, ProblemType, ValidationProblem } from '../common/problem';
import { Environment } from '../config/environment';
import { RowCheck } from '../common/csv';
import { figureNaturalKey } from '../figures/figure-rules';
import {
  correctRulings,
  FigureRulings,
  insertFigures,
  readStoredFigures,
  settleFigures,
  StoredFigure,
} from '../figures/figure-store';
import { checkResultRow, FigureRow, ResultRowReferences } from '../figures/result-row';
import { insertSources } from '../sources/source-input';
import { ImportReportDto } from './dto/import-response.dto';
import { ImportRows, jsonRowsArray, rowsFromCsv, rowsFromJson, RowProblem } from './import-rows';

/** Errors listed in a report or a 400; `errorCount` gives the total. */
export const MAX_LISTED_ERRORS = 1000;
const DEFAULT_REASON = 'import';

export type ImportFormat = 'csv' | 'json';

interface StoredSource {
  id: number;
  url: string;
  publisher: string | null;
  published_on: string | null;
}

/** What an import will write, worked out from the rows and the database without writing. */
interface ImportPlan {
  rows: number;
  errors: RowProblem[];
  newSources: { url: string; publisherId: number; publishedOn: string | null }[];
  inserts: (FigureRow & { operationId: number })[];
  updates: FigureRulings[];
  unchanged: number;
  keptDeleted: number;
}

/**
 * Bulk import of figures in the columns of results.csv (CSV or JSON), all or
 * nothing: every row is checked with the seed's rules against the database
 * first; one bad row refuses the whole import (400 listing each bad line).
 * A row matches a stored figure by its natural key (operation, metric, unit,
 * category, country, source, quantity): equal → unchanged; other qualifier,
 * notes or preferred ruling → corrected, with a revision; no match → created.
 * New source pages are added (their publisher must be listed). Importing the
 * same rows again changes nothing.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dataVersion: DataVersion,
    private readonly env: Environment,
  ) {}

  async import(
    body: unknown,
    format: ImportFormat,
    options: { dryRun: boolean; actor: string; reason?: string },
  ): Promise<ImportReportDto> {
    const parsed = this.read(body, format);
    if (options.dryRun) {
      // A read-only transaction: one consistent view of the database, and certainly nothing written.
      const plan = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        await manager.query('SET TRANSACTION READ ONLY');
        return this.plan(manager, parsed);
      });
      return report(plan, true);
    }
    const plan = await this.dataSource.transaction(async (manager) => {
      await lockWrites(manager);
      const planned = await this.plan(manager, parsed);
      if (planned.errors.length > 0) throw rejected(planned.errors);
      await this.write(manager, planned, options.actor, options.reason ?? DEFAULT_REASON);
      return planned;
    });
    // After the commit: cached statistics and entity tags must not outlive the old data.
    if (plan.inserts.length + plan.updates.length + plan.newSources.length > 0) await this.dataVersion.bump();
    return report(plan, false);
  }

  /** The rows of the body; 413 beyond IMPORT_MAX_ROWS, 400 for a body that is not an import at all. */
  private read(body: unknown, format: ImportFormat): ImportRows {
    let parsed: ImportRows;
    if (format === 'csv') {
      parsed = rowsFromCsv(typeof body === 'string' ? body : '');
    } else {
      const items = jsonRowsArray(body);
      if (!items)
        throw new ValidationProblem([
          { name: 'rows', reason: 'the body must be a JSON object { "rows": [ … ] } and nothing else' },
        ]);
      if (items.length > this.env.IMPORT_MAX_ROWS) throw tooManyRows(items.length, this.env.IMPORT_MAX_ROWS);
      parsed = rowsFromJson(items);
    }
    if (parsed.count > this.env.IMPORT_MAX_ROWS) throw tooManyRows(parsed.count, this.env.IMPORT_MAX_ROWS);
    if (parsed.count === 0 && parsed.problems.length === 0) {
      throw new ValidationProblem([{ name: 'rows', reason: 'the import holds no rows' }]);
    }
    return parsed;
  }

  /** Checks every row against the database and decides, row by row, what to write. */
  private async plan(manager: EntityManager, parsed: ImportRows): Promise<ImportPlan> {
    const errors: RowProblem[] = [...parsed.problems];
    const urls = [...new Set(parsed.rows.map((r) => r.values.source_url))];
    // One after the other: the queries share the transaction's connection.
    const operations = await manager.query<{ code: string; id: number }[]>('SELECT code, id FROM operations');
    const countries = await manager.query<{ iso2: string }[]>('SELECT iso2 FROM countries');
    const publishers = await manager.query<{ name: string; id: number }[]>('SELECT name, id FROM publishers');
    const sources = await manager.query<StoredSource[]>(
      `SELECT s.id, s.url, p.name AS publisher, s.published_on::text AS published_on
       FROM sources s LEFT JOIN publishers p ON p.id = s.publisher_id WHERE s.url = ANY($1::text[])`,
      [urls],
    );
    const operationIds = new Map(operations.map((o) => [o.code, o.id]));
    const countryCodes = new Set(countries.map((c) => c.iso2));
    const publisherIds = new Map(publishers.map((p) => [p.name, p.id]));
    const storedSources = new Map(sources.map((s) => [s.url, s]));
    const references: ResultRowReferences = {
      hasOperation: (code) => operationIds.has(code),
      hasCountry: (iso2) => countryCodes.has(iso2),
      hasPublisher: (name) => publisherIds.has(name),
      operationsIn: '/v1/operations',
      publishersIn: 'the publishers of this database (see /v1/sources)',
    };

    const figures: { line: number; figure: FigureRow; keepRole: boolean }[] = [];
    const firstLineOfKey = new Map<string, number>();
    const claims = new Map<string, { publisher: string; date: string | null; line: number }>();
    for (const row of parsed.rows) {
      const c = new RowCheck(row);
      const checked = checkResultRow(c, references);
      const first = firstLineOfKey.get(checked.key);
      if (first !== undefined)
        c.fail(`same figure (operation, metric, unit, category, country, source, quantity) as line ${first}`);
      else firstLineOfKey.set(checked.key, row.line);
      if (c.ok) {
        const stored = storedSources.get(checked.sourceUrl);
        const claim = claims.get(checked.sourceUrl);
        if (stored && (stored.publisher !== checked.publisherName || stored.published_on !== checked.sourceDate)) {
          c.fail(
            `source ${checked.sourceUrl} is stored as "${stored.publisher ?? '(no publisher)'}" ${stored.published_on ?? '(no date)'} ` +
              `(/v1/sources/${stored.id}), but this row gives "${checked.publisherName}" ${checked.sourceDate ?? '(no date)'}`,
          );
        } else if (claim && (claim.publisher !== checked.publisherName || claim.date !== checked.sourceDate)) {
          c.fail(
            `source ${checked.sourceUrl} is given as "${checked.publisherName}" ${checked.sourceDate ?? '(no date)'} ` +
              `but line ${claim.line} gives "${claim.publisher}" ${claim.date ?? '(no date)'}`,
          );
        } else if (!claim) {
          claims.set(checked.sourceUrl, { publisher: checked.publisherName, date: checked.sourceDate, line: row.line });
        }
      }
      if (c.ok && checked.figure)
        figures.push({ line: row.line, figure: checked.figure, keepRole: row.absent?.includes('role') ?? false });
      else errors.push(...c.reasons.map((reason) => ({ line: row.line, reason })));
    }
    errors.sort((a, b) => a.line - b.line);
    const plan: ImportPlan = {
      rows: parsed.count,
      errors,
      newSources: [],
      inserts: [],
      updates: [],
      unchanged: 0,
      keptDeleted: 0,
    };
    if (errors.length > 0) return plan;

    for (const [url, claim] of claims) {
      if (!storedSources.has(url))
        plan.newSources.push({ url, publisherId: publisherIds.get(claim.publisher)!, publishedOn: claim.date });
    }
    const touchedOperations = [...new Set(figures.map(({ figure }) => operationIds.get(figure.operationCode)!))];
    const stored = await readStoredFigures(manager, { operationIds: touchedOperations });
    const live = new Map<string, StoredFigure>();
    const deleted = new Set<string>();
    for (const f of stored) {
      const key = figureNaturalKey(f.operation_id, f.kind, f.unit, f.category, f.country_iso2, f.source_id, f.quantity);
      if (f.deleted) deleted.add(key);
      else live.set(key, f);
    }
    for (const { figure: given, keepRole } of figures) {
      const operationId = operationIds.get(given.operationCode)!;
      const source = storedSources.get(given.sourceUrl);
      const key = figureNaturalKey(
        operationId,
        given.kind,
        given.unit,
        given.category,
        given.countryIso2,
        source ? source.id : given.sourceUrl,
        given.quantity,
      );
      const match = live.get(key);
      // A row without the role column keeps the stored figure's role (files written before it existed).
      const figure = keepRole && match ? { ...given, role: match.role } : given;
      if (match) {
        if (
          match.qualifier === figure.qualifier &&
          match.notes === figure.notes &&
          match.preferred_override === figure.preferredOverride &&
          match.role === figure.role
        ) {
          plan.unchanged += 1;
        } else {
          plan.updates.push({
            id: match.id,
            qualifier: figure.qualifier,
            notes: figure.notes,
            preferredOverride: figure.preferredOverride,
            role: figure.role,
          });
        }
      } else if (deleted.has(key)) {
        // As in the seed: an editor's deletion is not undone by loading the row again.
        plan.keptDeleted += 1;
      } else {
        plan.inserts.push({ ...figure, operationId });
      }
    }
    return plan;
  }

  private async write(manager: EntityManager, plan: ImportPlan, actor: string, reason: string): Promise<void> {
    const sourceIds = await insertSources(manager, plan.newSources, actor);
    const stored = await manager.query<{ id: number; url: string }[]>(
      'SELECT id, url FROM sources WHERE url = ANY($1::text[])',
      [[...new Set(plan.inserts.map((f) => f.sourceUrl))]],
    );
    for (const s of stored) sourceIds.set(s.url, s.id);
    const created = await insertFigures(
      manager,
      plan.inserts.map((f) => ({ ...f, sourceId: sourceIds.get(f.sourceUrl)! })),
      { actor, reason: null },
    );
    const corrected = await correctRulings(manager, plan.updates, { actor, reason });
    await settleFigures(manager, [...created, ...corrected]);
  }
}

function report(plan: ImportPlan, dryRun: boolean): ImportReportDto {
  return {
    dryRun,
    valid: plan.errors.length === 0,
    rows: plan.rows,
    created: plan.inserts.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    keptDeleted: plan.keptDeleted,
    sourcesCreated: plan.newSources.length,
    errors: plan.errors.slice(0, MAX_LISTED_ERRORS),
    errorCount: plan.errors.length,
  };
}

/** 400 listing each bad line; nothing was written. */
function rejected(errors: RowProblem[]): ProblemException {
  const lines = new Set(errors.map((e) => e.line)).size;
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    `${lines} row(s) are invalid, so nothing was imported. Each is listed in 'errors' with its line; ?dryRun=true checks a file without writing.`,
    {
      type: ProblemType.validation,
      title: 'Invalid request',
      errors: errors
        .slice(0, MAX_LISTED_ERRORS)
        .map((e) => ({ name: `line ${e.line}`, line: e.line, reason: e.reason })),
      extensions: { errorCount: errors.length },
    },
  );
}

function tooManyRows(count: number, max: number): ProblemException {
  return new ProblemException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    `The import holds ${count} rows; at most ${max} are accepted in one request. Split it into several imports.`,
  );
}
