import { HttpStatus, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ConflictProblem, ProblemException, ProblemType } from '../common/problem';
import { sortKeys } from '../common/sort-keys';

/** How long a key is remembered. A retry later than this runs again (and meets the natural-key 409s). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;

export interface RequestFingerprint {
  method: string;
  path: string;
  requestHash: string;
}

export type Claim =
  { kind: 'new'; id: number } | { kind: 'replay'; status: number; body: unknown; location: string | null };

/** 422: the key was first used for another request. */
export class IdempotencyKeyReusedProblem extends ProblemException {
  constructor(key: string) {
    super(
      HttpStatus.UNPROCESSABLE_ENTITY,
      `The Idempotency-Key '${key}' was first sent with another request (method, path or body); use a new key for a new request.`,
      { type: ProblemType.idempotencyKeyReused, title: 'Unprocessable Entity' },
    );
  }
}

/** SHA-256 of a JSON body with its object keys sorted, so that key order does not matter. */
export function hashRequestBody(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(sortKeys(body ?? null)))
    .digest('hex');
}

interface StoredRow {
  method: string;
  path: string;
  request_hash: string;
  status: number | null;
  response_body: string | null;
  location: string | null;
}

@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims `key` for this request: `new` when it is the first use (run the
   * request, then `complete` or `release`), `replay` with the stored answer when
   * the same request came before. The same key with another request is a 422;
   * a first request still running is a 409.
   */
  async claim(apiKeyId: number, key: string, request: RequestFingerprint): Promise<Claim> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [
      IDEMPOTENCY_RETENTION_HOURS,
    ]);
    const inserted = await this.dataSource.query<{ id: number }[]>(
      `INSERT INTO idempotency_keys (key, api_key_id, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (api_key_id, key) DO NOTHING RETURNING id`,
      [key, apiKeyId, request.method, request.path, request.requestHash],
    );
    if (inserted.length > 0) return { kind: 'new', id: inserted[0].id };

    const [stored] = await this.dataSource.query<StoredRow[]>(
      'SELECT method, path, request_hash, status, response_body, location FROM idempotency_keys WHERE api_key_id = $1 AND key = $2',
      [apiKeyId, key],
    );
    // Released between the two statements (the first request failed): claim it again.
    if (!stored) return this.claim(apiKeyId, key, request);
    if (
      stored.method !== request.method ||
      stored.path !== request.path ||
      stored.request_hash !== request.requestHash
    ) {
      throw new IdempotencyKeyReusedProblem(key);
    }
    if (stored.status === null) {
      throw new ConflictProblem(
        `A request with the Idempotency-Key '${key}' is still being processed; retry in a moment.`,
      );
    }
    return {
      kind: 'replay',
      status: stored.status,
      body: stored.response_body === null ? undefined : JSON.parse(stored.response_body),
      location: stored.location,
    };
  }

  /** Stores the answer of a claimed request, for its retries. */
  async complete(id: number, status: number, body: unknown, location: string | null): Promise<void> {
    await this.dataSource.query(
      'UPDATE idempotency_keys SET status = $2, response_body = $3, location = $4 WHERE id = $1',
      [id, status, body === undefined ? null : JSON.stringify(body), location],
    );
  }

  /**
   * Forgets a claimed key whose request failed: the write was rolled back, so a
   * retry with the same key may run it again.
   */
  async release(id: number): Promise<void> {
    await this.dataSource.query('DELETE FROM idempotency_keys WHERE id = $1', [id]);
  }
}
