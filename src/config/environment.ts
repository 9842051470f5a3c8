import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;

const toBoolean = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no'].includes(v)) return false;
  return value;
};

/**
 * Every environment variable the application reads, with its default.
 * `.env.example` and the README's configuration table list the same variables.
 */
export class Environment {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL connection string. Unset: an embedded PostgreSQL is started. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @IsIn(LOG_FORMATS)
  LOG_FORMAT?: (typeof LOG_FORMATS)[number];

  /** Longest time one SQL statement may run before PostgreSQL cancels it. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(100)
  @Max(600000)
  DB_STATEMENT_TIMEOUT_MS = 10000;

  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  /** Total bytes of answers the response cache keeps per process (least recently used go first); 0 turns it off. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(16 * 1024 * 1024 * 1024)
  RESPONSE_CACHE_MAX_BYTES = 256 * 1024 * 1024;

  /** Largest answer (bytes) the response cache keeps; bigger ones are computed every time. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(1024 * 1024 * 1024)
  RESPONSE_CACHE_MAX_ENTRY_BYTES = 32 * 1024 * 1024;

  /** Load the bundled real dataset when the database has no operations yet. */
  @Transform(toBoolean)
  @IsBoolean()
  SEED_ON_START = true;

  /**
   * Requests a minute from one anonymous client (IP address) before 429; 0 turns the limit off
   * (behind a CDN that limits, or for a load benchmark). Health checks are never limited.
   */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE = 300;

  /** Requests a minute for one valid API key (counted per key, not per address); 0 exempts keyed clients. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE_WITH_KEY = 3000;

  /**
   * Which proxies' `X-Forwarded-For` to believe when telling clients apart: `true`, `false`, a hop count,
   * or comma-separated addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
   */
  @Matches(/^[0-9A-Za-z.:/, ]+$/, {
    message: 'TRUST_PROXY must be true, false, a hop count or comma-separated addresses',
  })
  TRUST_PROXY = 'loopback,linklocal,uniquelocal';

  /** Largest request body (bytes) of every route but the import. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Largest request body (bytes) of POST /v1/imports. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  IMPORT_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

  /** Most rows one import may hold; more is refused with 413. */
  @Transform(({ value }: { value: unknown }) => (value === undefined ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  IMPORT_MAX_ROWS = 50_000;

  /**
   * Browser origins (e.g. `https://editor.example.org`), comma-separated, allowed to send writes
   * (POST, PUT, PATCH, DELETE) cross-origin. Reads are open to every origin.
   */
  @IsString()
  @Matches(/^(https?:\/\/[^\s,/]+(\s*,\s*https?:\/\/[^\s,/]+)*)?$/, {
    message:
      'CORS_WRITE_ORIGINS must be comma-separated origins such as https://editor.example.org (scheme, host, optional port)',
  })
  CORS_WRITE_ORIGINS = '';

  get corsWriteOrigins(): string[] {
    return this.CORS_WRITE_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== '');
  }

  /** The `trustProxy` option of Fastify. */
  get trustProxy(): boolean | number | string {
    const value = this.TRUST_PROXY.trim();
    if (value === 'true' || value === 'false') return value === 'true';
    if (/^[0-9]+$/.test(value)) return Number(value);
    return value;
  }

  get logFormat(): (typeof LOG_FORMATS)[number] {
    return this.LOG_FORMAT ?? (this.NODE_ENV === 'development' ? 'pretty' : 'json');
  }
}

export class ConfigurationError extends Error {}

/** Validates raw environment values; throws a one-line error naming each bad variable. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.keys(new Environment());
  const picked: Record<string, unknown> = {};
  for (const key of [...known, 'LOG_FORMAT', 'DATABASE_URL']) {
    const value = raw[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const env = plainToInstance(Environment, picked, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const parts = errors.map((e) => {
      const shown = e.property === 'DATABASE_URL' ? '(hidden)' : JSON.stringify(picked[e.property] ?? e.value);
      return `${e.property}=${shown}: ${Object.values(e.constraints ?? {}).join('; ')}`;
    });
    throw new ConfigurationError(`Invalid configuration: ${parts.join(' | ')}`);
  }
  return env;
}
