import { Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { DataSource, EntityManager } from 'typeorm';
import { orderBySql, parseSort } from '../common/list/sort';
import { ConflictProblem, NotFoundProblem } from '../common/problem';
import { bearerToken, generateApiKey, hashApiKey, isWellFormedApiKey } from './api-key-secret';
import { ApiKeyCreatedDto, ApiKeyDto } from './dto/api-key-response.dto';
import { API_KEY_SORT_FIELDS } from './dto/api-key-query.dto';
import { KeyRole } from './roles';

/** The key a request was made with, once checked. Its `name` is the actor of the changes it makes. */
export interface AuthenticatedKey {
  id: number;
  name: string;
  role: KeyRole;
  prefix: string;
}

/** What the `Authorization` header of a request amounts to. */
export type Authentication = { status: 'missing' } | { status: 'invalid' } | { status: 'valid'; key: AuthenticatedKey };

interface ApiKeyRow {
  id: number;
  name: string;
  role: KeyRole;
  prefix: string;
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const SORTABLE: Record<(typeof API_KEY_SORT_FIELDS)[number], string> = {
  id: 'id',
  name: 'name',
  createdAt: 'created_at',
  lastUsedAt: 'last_used_at',
};

const SELECT_KEYS = 'SELECT id, name, role, prefix, created_by, created_at, last_used_at, revoked_at FROM api_keys';

export function toApiKeyResponse(row: ApiKeyRow): ApiKeyDto {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    href: `/v1/api-keys/${row.id}`,
  };
}

/**
 * Creates a key and returns it with its secret, which is not stored and cannot
 * be shown again. Shared by the admin endpoint and the `apikey` command.
 */
export async function createApiKey(
  manager: EntityManager,
  input: { name: string; role: KeyRole; createdBy: string },
): Promise<ApiKeyCreatedDto> {
  const [active] = await manager.query<{ id: number }[]>(
    'SELECT id FROM api_keys WHERE name = $1 AND revoked_at IS NULL',
    [input.name],
  );
  if (active) {
    throw new ConflictProblem(
      `An active key is already named '${input.name}' (id ${active.id}); revoke it first or choose another name.`,
      {
        existingId: active.id,
      },
    );
  }
  const generated = generateApiKey();
  const [row] = await manager.query<ApiKeyRow[]>(
    `INSERT INTO api_keys (name, role, prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, name, role, prefix, created_by, created_at, last_used_at, revoked_at`,
    [input.name, input.role, generated.prefix, generated.hash, input.createdBy],
  );
  return { ...toApiKeyResponse(row), key: generated.key };
}

@Injectable()
export class ApiKeysService {
  /** One lookup per request, however many hooks and guards ask (the rate limiter, then the guard). */
  private readonly checked = new WeakMap<object, Promise<Authentication>>();

  constructor(private readonly dataSource: DataSource) {}

  /** Checks the request's `Authorization: Bearer` key against the stored hashes; revoked keys are invalid. */
  authenticate(request: FastifyRequest): Promise<Authentication> {
    let result = this.checked.get(request);
    if (!result) {
      result = this.lookUp(request.headers.authorization);
      this.checked.set(request, result);
    }
    return result;
  }

  /**
   * The id of the request's valid key, or null: for the rate limiter, which
   * counts keyed requests per key. Never throws.
   */
  readonly keyIdOf = async (request: FastifyRequest): Promise<string | null> => {
    try {
      const result = await this.authenticate(request);
      return result.status === 'valid' ? String(result.key.id) : null;
    } catch {
      return null;
    }
  };

  /** Records that the key was used, at most once a minute, so that idle keys can be found and revoked. */
  async touch(id: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }

  create(input: { name: string; role: KeyRole; createdBy: string }): Promise<ApiKeyCreatedDto> {
    return this.dataSource.transaction((manager) => createApiKey(manager, input));
  }

  async list(sort: string | undefined, limit: number, offset: number): Promise<{ items: ApiKeyDto[]; total: number }> {
    const order = orderBySql(parseSort(sort, SORTABLE, 'id', 'id'));
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query<ApiKeyRow[]>(`${SELECT_KEYS} ORDER BY ${order} LIMIT $1 OFFSET $2`, [limit, offset]),
      this.dataSource.query<{ count: string }[]>('SELECT count(*) FROM api_keys'),
    ]);
    return { items: rows.map(toApiKeyResponse), total: Number(count) };
  }

  /** Revokes a key: from now on it is refused with 401. Revoking a revoked key changes nothing. */
  async revoke(id: number): Promise<void> {
    // An UPDATE answers [rows, affected count] through TypeORM's PostgreSQL driver.
    const [, revoked] = await this.dataSource.query<[unknown[], number]>(
      'UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1',
      [id],
    );
    if (!revoked) throw new NotFoundProblem(`No API key has the id ${id}. See /v1/api-keys for the ids.`);
  }

  private async lookUp(header: string | undefined): Promise<Authentication> {
    const token = bearerToken(header);
    if (token === undefined) return { status: 'missing' };
    // A malformed key cannot match a stored hash: no need to ask the database.
    if (token === null || !isWellFormedApiKey(token)) return { status: 'invalid' };
    const [row] = await this.dataSource.query<AuthenticatedKey[]>(
      'SELECT id, name, role, prefix FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashApiKey(token)],
    );
    return row ? { status: 'valid', key: row } : { status: 'invalid' };
  }
}
