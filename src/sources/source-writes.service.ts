import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { recordChange } from '../common/writes/change-log';
import { WriteTransaction } from '../common/writes/write-transaction';
import { ConflictProblem, InvalidParam, NotFoundProblem, ValidationProblem } from '../common/problem';
import { CitingFigures } from './citing-figures';
import { SourceDetailDto } from './dto/source-response.dto';
import { SourceTier } from './entities/publisher.entity';
import { CreateSourceDto, UpdateSourceDto } from './dto/source-write.dto';
import { applyPublisher, applySource, checkSourceFields, planPublisher, planSource } from './source-input';
import { SourcesService } from './sources.service';

interface StoredSource {
  id: number;
  url: string;
  publisher_id: number | null;
  published_on: string | null;
}

function href(id: number): string {
  return `/v1/sources/${id}`;
}

/**
 * Adds, corrects and deletes sources, each in one transaction with its
 * change-feed entry. A correction of the publisher or the date re-decides the
 * preferred report of every group a figure of the source belongs to.
 */
@Injectable()
export class SourceWritesService {
  constructor(
    private readonly transaction: WriteTransaction,
    private readonly sources: SourcesService,
    private readonly citingFigures: CitingFigures,
  ) {}

  /** 409 naming the stored source when the URL is known. */
  async create(body: CreateSourceDto, actor: string): Promise<SourceDetailDto> {
    const id = await this.transaction.run(async (manager) => {
      await this.refuseKnownUrl(manager, body.url, null);
      const errors: InvalidParam[] = [];
      const plan = await planSource(
        manager,
        { source: body },
        { source: '', sourceId: 'sourceId' },
        { requirePublisher: false },
        errors,
      );
      if (errors.length > 0 || !plan) throw new ValidationProblem(errors);
      return (await applySource(manager, plan, actor)).id;
    });
    return this.sources.get(id);
  }

  async update(id: number, body: UpdateSourceDto, actor: string): Promise<SourceDetailDto> {
    await this.transaction.run(async (manager) => {
      const [current] = await manager.query<StoredSource[]>(
        'SELECT id, url, publisher_id, published_on::text AS published_on FROM sources WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!current) throw new NotFoundProblem(`No source has the id ${id}. See /v1/sources for the ids.`);
      const errors: InvalidParam[] = [];
      checkSourceFields(body, '', errors);
      if (errors.length > 0) throw new ValidationProblem(errors);
      const url = body.url ?? current.url;
      if (url !== current.url) await this.refuseKnownUrl(manager, url, id);

      // undefined: the publisher stays; null: no publisher; else a listed or a new one.
      let publisher: { id: number } | { name: string; tier: SourceTier } | null | undefined;
      if (body.publisher !== undefined && body.publisher !== null) {
        publisher =
          (await planPublisher(manager, body.publisher, body.tier, { publisher: 'publisher', tier: 'tier' }, errors)) ??
          undefined;
      } else if (body.publisher === null) {
        publisher = null;
        const [{ cited }] = await manager.query<{ cited: boolean }[]>(
          `SELECT EXISTS (SELECT 1 FROM operations WHERE source_id = $1) OR EXISTS (SELECT 1 FROM figures WHERE source_id = $1) AS cited`,
          [id],
        );
        if (cited)
          errors.push({
            name: 'publisher',
            reason: 'a source cited by an operation or a figure must keep a publisher',
          });
      } else if (body.tier !== undefined) {
        errors.push({ name: 'tier', reason: 'tier is only given with a publisher that is not listed yet' });
      }
      const publishedOn = body.publishedOn !== undefined ? body.publishedOn : current.published_on;
      if (publishedOn && publishedOn !== current.published_on) {
        const [early] = await manager.query<{ code: string; start_date: string }[]>(
          `SELECT o.code, o.start_date::text AS start_date FROM figures f JOIN operations o ON o.id = f.operation_id
           WHERE f.source_id = $1 AND f.deleted_at IS NULL AND o.start_date > $2::date ORDER BY o.start_date DESC LIMIT 1`,
          [id, publishedOn],
        );
        if (early) {
          errors.push({
            name: 'publishedOn',
            reason: `the source reports figures of operation ${early.code}, which started on ${early.start_date}: it cannot be dated ${publishedOn}`,
          });
        }
      }
      if (errors.length > 0) throw new ValidationProblem(errors);
      const publisherId =
        publisher === undefined
          ? current.publisher_id
          : publisher === null
            ? null
            : await applyPublisher(manager, publisher);
      if (url === current.url && publisherId === current.publisher_id && publishedOn === current.published_on) return;

      await manager.query(
        'UPDATE sources SET url = $2, publisher_id = $3, published_on = $4, updated_at = now() WHERE id = $1',
        [id, url, publisherId, publishedOn],
      );
      if (publisherId !== current.publisher_id || publishedOn !== current.published_on)
        await this.citingFigures.resettle(manager, id);
      await recordChange(manager, {
        entity: 'source',
        entityId: id,
        action: 'corrected',
        reason: body.reason ?? null,
        actor,
        href: href(id),
      });
    });
    return this.sources.get(id);
  }

  /**
   * Deletes a source that nothing cites. 409 when an operation, a participation
   * or a figure cites it, deleted figures included: their history refers to it.
   */
  async remove(id: number, reason: string | undefined, actor: string): Promise<void> {
    await this.transaction.run(async (manager) => {
      const [row] = await manager.query<
        { operations: string; figures: string; deleted_figures: string; participations: string }[]
      >(
        `SELECT (SELECT count(*) FROM operations WHERE source_id = s.id) AS operations,
                (SELECT count(*) FROM figures WHERE source_id = s.id AND deleted_at IS NULL) AS figures,
                (SELECT count(*) FROM figures WHERE source_id = s.id AND deleted_at IS NOT NULL) AS deleted_figures,
                (SELECT count(*) FROM operation_countries WHERE source_id = s.id) AS participations
         FROM sources s WHERE s.id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw new NotFoundProblem(`No source has the id ${id}. See /v1/sources for the ids.`);
      const citations = {
        operations: Number(row.operations),
        figures: Number(row.figures),
        deletedFigures: Number(row.deleted_figures),
        participations: Number(row.participations),
      };
      if (Object.values(citations).some((n) => n > 0)) {
        throw new ConflictProblem(
          `Source ${id} is still cited (operations: ${citations.operations}, figures: ${citations.figures}, ` +
            `deleted figures kept for their history: ${citations.deletedFigures}, participations: ${citations.participations}); ` +
            'cite another source in those records first.',
          { citations },
        );
      }
      await manager.query('DELETE FROM sources WHERE id = $1', [id]);
      await recordChange(manager, {
        entity: 'source',
        entityId: id,
        action: 'deleted',
        reason: reason ?? null,
        actor,
        href: href(id),
      });
    });
  }

  private async refuseKnownUrl(manager: EntityManager, url: string, exceptId: number | null): Promise<void> {
    const [existing] = await manager.query<{ id: number }[]>(
      'SELECT id FROM sources WHERE url = $1 AND ($2::int IS NULL OR id <> $2)',
      [url, exceptId],
    );
    if (existing) {
      throw new ConflictProblem(`A source with this URL is already recorded: ${href(existing.id)}.`, {
        existingId: existing.id,
        existingHref: href(existing.id),
      });
    }
  }
}
