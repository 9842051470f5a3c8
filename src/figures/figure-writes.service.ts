import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WriteTransaction } from '../common/writes/write-transaction';
import { ConflictProblem, InvalidParam, NotFoundProblem, ValidationProblem } from '../common/problem';
import { applySource, planSource, SourceInput, SourcePlan } from '../sources/source-input';
import { FigureDetailDto } from './dto/figure-response.dto';
import { MAX_NOTES_LENGTH } from './dto/figure-write.dto';
import { FIGURE_ROLES, FigureKind, FigureRole, FigureType, KINDS_BY_TYPE, Qualifier, QUALIFIERS } from './figure-kinds';
import {
  deleteFigures,
  FigureValues,
  findSameFigure,
  insertFigures,
  rewriteFigures,
  settleFigures,
  StoredFigure,
} from './figure-store';
import { FIGURE_FIELD_LIMITS, quantityViolation, roleViolation, unitViolation } from './figure-rules';
import { figureHref, RESOURCE_OF_TYPE } from './figures.mapper';
import { FiguresService } from './figures.service';

/**
 * A figure as a write gives it (the body of POST /v1/seizures, …, or one row
 * of an import). Field names are those of the read API.
 */
export interface FigureFields {
  /** Operation code, any case. */
  operation: string;
  kind: FigureKind;
  /** Plain non-negative decimal. */
  quantity: string;
  unit: string;
  qualifier: Qualifier;
  category?: string | null;
  /** ISO 3166-1 alpha-2, any case. */
  country?: string | null;
  /** The source by URL (added when new) … */
  source?: SourceInput;
  /** … or by id: exactly one of the two. */
  sourceId?: number;
  notes?: string | null;
  preferredOverride?: boolean | null;
  /** `total`, `part` or null (README "Counting rules"); operation-wide figures only. */
  role?: FigureRole | null;
}

/** The fields a correction changes; absent fields keep their value, `null` clears an optional one. */
export type FigureCorrection = Partial<FigureFields>;

/** A live figure as a correction starts from: its stored values and its operation's code. */
type LiveFigure = Omit<StoredFigure, 'dataset_key' | 'deleted' | 'edited'> & { operation_code: string };

/** A figure that passed every rule, ready to write once its source page is added (when new). */
type CheckedFigure = Omit<FigureValues, 'sourceId'> & { source: SourcePlan };

const FIGURE_COLUMNS = `f.id, f.type, f.kind, f.operation_id, o.code AS operation_code, f.quantity::text AS quantity, f.unit, f.qualifier,
  f.category, f.country_iso2, f.source_id, f.notes, f.preferred_override, f.role, f.group_key`;

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

/**
 * Creates, corrects and deletes one figure per request (POST, PATCH, DELETE of
 * /v1/seizures, …), in one write transaction (`WriteTransaction.run`, which
 * moves the data version after the commit): checks the figure with the rules
 * of a results row, then writes it through figure-store.ts, which keeps its
 * history and change-feed entry and settles its groups and statistics.
 */
@Injectable()
export class FigureWritesService {
  constructor(
    private readonly transaction: WriteTransaction,
    private readonly figures: FiguresService,
  ) {}

  async createOne(type: FigureType, fields: FigureFields, actor: string): Promise<FigureDetailDto> {
    const id = await this.transaction.run((manager) => this.create(manager, type, fields, actor));
    return this.figures.get(type, id);
  }

  async correctOne(
    type: FigureType,
    id: number,
    changes: FigureCorrection,
    reason: string,
    actor: string,
  ): Promise<FigureDetailDto> {
    await this.transaction.run((manager) => this.correct(manager, type, id, changes, reason, actor));
    return this.figures.get(type, id);
  }

  async removeOne(type: FigureType, id: number, reason: string, actor: string): Promise<void> {
    await this.transaction.run((manager) => this.remove(manager, type, id, reason, actor));
  }

  /**
   * Records a new figure of `type`; returns its id. 400 (ValidationProblem) naming
   * each bad field, 409 (ConflictProblem with `existingId`) when a live figure has
   * the same natural key (operation, kind, unit, category, country, source, quantity).
   */
  private async create(manager: EntityManager, type: FigureType, fields: FigureFields, actor: string): Promise<number> {
    const figure = await this.resolve(manager, await this.check(manager, type, fields, null), actor);
    await this.refuseDuplicate(manager, type, figure, null);
    const written = await insertFigures(manager, [figure], { actor, reason: null });
    await settleFigures(manager, written);
    return written[0].id;
  }

  /**
   * Corrects a live figure of `type` and keeps the previous version (a seeded
   * figure first gets its version 1). Returns false, writing nothing, when the
   * correction changes no value. 404 when no live figure of `type` has the id.
   */
  private async correct(
    manager: EntityManager,
    type: FigureType,
    id: number,
    changes: FigureCorrection,
    reason: string,
    actor: string,
  ): Promise<boolean> {
    const current = await this.load(manager, type, id);
    const sourceGiven = changes.source !== undefined || changes.sourceId !== undefined;
    const merged: FigureFields = {
      operation: changes.operation ?? current.operation_code,
      kind: changes.kind ?? current.kind,
      quantity: changes.quantity ?? current.quantity,
      unit: changes.unit ?? current.unit,
      qualifier: changes.qualifier ?? current.qualifier,
      category: changes.category !== undefined ? changes.category : current.category,
      country: changes.country !== undefined ? changes.country : current.country_iso2,
      ...(sourceGiven ? { source: changes.source, sourceId: changes.sourceId } : { sourceId: current.source_id }),
      notes: changes.notes !== undefined ? changes.notes : current.notes,
      preferredOverride:
        changes.preferredOverride !== undefined ? changes.preferredOverride : current.preferred_override,
      role: changes.role !== undefined ? changes.role : current.role,
    };
    const checked = await this.check(manager, type, merged, current);
    const unchanged =
      checked.source.kind === 'existing' &&
      checked.source.id === current.source_id &&
      checked.operationId === current.operation_id &&
      checked.kind === current.kind &&
      checked.quantity === current.quantity &&
      checked.unit === current.unit &&
      checked.qualifier === current.qualifier &&
      checked.category === blankToNull(current.category) &&
      checked.countryIso2 === current.country_iso2 &&
      checked.notes === current.notes &&
      checked.preferredOverride === current.preferred_override &&
      checked.role === current.role;
    if (unchanged) return false;

    const figure = await this.resolve(manager, checked, actor);
    await this.refuseDuplicate(manager, type, figure, id);
    await settleFigures(manager, await rewriteFigures(manager, [{ ...figure, id }], { actor, reason }));
    return true;
  }

  /**
   * Soft-deletes a live figure of `type` (`deleted_at`): it leaves lists, detail
   * and statistics but keeps its history, whose last version says who deleted it
   * and why. 404 when no live figure of `type` has the id.
   */
  private async remove(
    manager: EntityManager,
    type: FigureType,
    id: number,
    reason: string,
    actor: string,
  ): Promise<void> {
    await this.load(manager, type, id);
    await settleFigures(manager, await deleteFigures(manager, [id], { actor, reason }));
  }

  /** The figure to write: the checked fields, with its source page added when new. */
  private async resolve(manager: EntityManager, checked: CheckedFigure, actor: string): Promise<FigureValues> {
    const { source: plan, ...fields } = checked;
    const source = await applySource(manager, plan, actor);
    return { ...fields, sourceId: source.id };
  }

  /** The live figure of `type` with this id, locked for the rest of the transaction. */
  private async load(manager: EntityManager, type: FigureType, id: number): Promise<LiveFigure> {
    const [row] = await manager.query<LiveFigure[]>(
      `SELECT ${FIGURE_COLUMNS} FROM figures f JOIN operations o ON o.id = f.operation_id
       WHERE f.id = $1 AND f.type = $2 AND f.deleted_at IS NULL FOR UPDATE OF f`,
      [id, type],
    );
    if (!row)
      throw new NotFoundProblem(`No ${type} figure has the id ${id}. See /v1/${RESOURCE_OF_TYPE[type]} for the list.`);
    return row;
  }

  /**
   * The seed's rules, on every field (all problems reported at once, each under
   * its field name): the kind belongs to the resource, the quantity is a plain
   * non-negative decimal, the unit fits the kind (a mass for weights, an ISO 4217
   * currency for values, a count for arrests and counts), the qualifier is known,
   * the operation and the country exist, the source is given (and, for a new page,
   * its publisher), and the source is not dated before the operation started.
   */
  private async check(
    manager: EntityManager,
    type: FigureType,
    fields: FigureFields,
    current: LiveFigure | null,
  ): Promise<CheckedFigure> {
    const errors: InvalidParam[] = [];
    const kinds: readonly string[] = KINDS_BY_TYPE[type];
    const kindOk = kinds.includes(fields.kind);
    if (!kindOk) errors.push({ name: 'kind', reason: `kind must be one of: ${kinds.join(', ')}` });

    const quantity = String(fields.quantity ?? '');
    const badQuantity = quantityViolation(quantity);
    if (badQuantity) errors.push({ name: 'quantity', reason: badQuantity });

    const unit = typeof fields.unit === 'string' ? fields.unit : '';
    if (unit.trim() === '' || unit !== unit.trim() || unit.length > FIGURE_FIELD_LIMITS.unit) {
      errors.push({
        name: 'unit',
        reason: `unit must be 1 to ${FIGURE_FIELD_LIMITS.unit} characters without surrounding spaces`,
      });
    } else if (kindOk) {
      const badUnit = unitViolation(fields.kind, unit);
      if (badUnit) errors.push({ name: 'unit', reason: badUnit });
    }

    if (!QUALIFIERS.includes(fields.qualifier))
      errors.push({ name: 'qualifier', reason: `qualifier must be one of: ${QUALIFIERS.join(', ')}` });

    const category = blankToNull(fields.category);
    if (category !== null && category.length > FIGURE_FIELD_LIMITS.category) {
      errors.push({ name: 'category', reason: `category must be at most ${FIGURE_FIELD_LIMITS.category} characters` });
    }

    const notes = fields.notes ?? null;
    if (notes !== null && notes.length > MAX_NOTES_LENGTH)
      errors.push({ name: 'notes', reason: `notes must be at most ${MAX_NOTES_LENGTH} characters` });
    const preferredOverride = fields.preferredOverride ?? null;
    const role = fields.role ?? null;
    if (role !== null && !FIGURE_ROLES.includes(role)) {
      errors.push({ name: 'role', reason: `role must be one of: ${FIGURE_ROLES.join(', ')}, or null` });
    }

    const code = String(fields.operation ?? '').toLowerCase();
    const [operation] = await manager.query<{ id: number; code: string; start_date: string | null }[]>(
      'SELECT id, code, start_date::text AS start_date FROM operations WHERE code = $1',
      [code],
    );
    if (!operation)
      errors.push({
        name: 'operation',
        reason: `unknown operation '${fields.operation}'; see /v1/operations for the codes`,
      });

    let countryIso2 = blankToNull(fields.country)?.toUpperCase() ?? null;
    if (countryIso2 !== null && countryIso2 !== current?.country_iso2) {
      const [country] = await manager.query<{ iso2: string }[]>('SELECT iso2 FROM countries WHERE iso2 = $1', [
        countryIso2,
      ]);
      if (!country) {
        errors.push({
          name: 'country',
          reason: `'${fields.country}' is not the ISO 3166-1 alpha-2 code of a country; see /v1/countries`,
        });
        countryIso2 = null;
      }
    }

    const source = await planSource(
      manager,
      fields,
      { source: 'source', sourceId: 'sourceId' },
      { requirePublisher: true },
      errors,
    );
    if (source?.publishedOn && operation?.start_date && source.publishedOn < operation.start_date) {
      errors.push({
        name: fields.sourceId !== undefined ? 'sourceId' : 'source.publishedOn',
        reason:
          `the source is dated ${source.publishedOn}, before operation ${operation.code} started (${operation.start_date}): ` +
          'a report of its results cannot be older than the operation',
      });
    }

    const roleProblem = role !== null ? roleViolation(role, countryIso2) : null;
    if (roleProblem) errors.push({ name: 'role', reason: roleProblem });

    if (errors.length > 0) throw new ValidationProblem(errors);
    return {
      type,
      kind: fields.kind,
      operationId: operation.id,
      quantity,
      unit,
      qualifier: fields.qualifier,
      category,
      countryIso2,
      source: source!,
      notes,
      preferredOverride,
      role,
    };
  }

  /** 409 naming the live figure that already reports the same thing from the same source (its natural key). */
  private async refuseDuplicate(
    manager: EntityManager,
    type: FigureType,
    figure: FigureValues,
    exceptId: number | null,
  ): Promise<void> {
    const existing = await findSameFigure(manager, figure, exceptId);
    if (existing) {
      const href = figureHref(existing.type, existing.id);
      throw new ConflictProblem(
        `The same ${type} figure (operation, kind, unit, category, country, source and quantity) is already recorded as ${href}.`,
        { existingId: existing.id, existingHref: href },
      );
    }
  }
}
