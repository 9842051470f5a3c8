import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  url: string;
  statementTimeoutMs: number;
  poolSize: number;
}

/** Folder of the compiled (or, under Jest, the TypeScript) migrations. */
const MIGRATIONS_GLOB = join(__dirname, '..', '..', 'migrations', '*.{ts,js}');
const ENTITIES_GLOB = join(__dirname, '..', '**', '*.entity.{ts,js}');

/**
 * The one TypeORM options object: the Nest module and the migration CLI both
 * build their connection from it, so they cannot drift apart.
 */
export function buildTypeOrmOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: [ENTITIES_GLOB],
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error', 'warn', 'migration'],
    extra: {
      max: settings.poolSize,
      // Every connection cancels a statement that runs longer than this.
      options: `-c statement_timeout=${settings.statementTimeoutMs}`,
      application_name: 'operation-results-api',
      // A database that does not answer fails a request within this time (a 503), rather than holding it.
      connectionTimeoutMillis: 5000,
    },
  };
}
