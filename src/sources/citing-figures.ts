import { EntityManager } from 'typeorm';

/**
 * The figures citing a source: a change of the source's publisher or date ranks its figures differently, so
 * their groups must be re-decided. The figures feature provides it (figures.module.ts), wired by the app module
 * (`SourcesModule.register`): figures depend on sources, never the other way round.
 */
export abstract class CitingFigures {
  /** Re-decides, in the caller's transaction, the groups and statistics of the live figures citing `sourceId`. */
  abstract resettle(manager: EntityManager, sourceId: number): Promise<void>;
}
