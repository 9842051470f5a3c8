import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { createApiKey } from '../api-keys/api-keys.service';
import { KEY_NAME, KEY_NAME_MESSAGE } from '../api-keys/dto/create-api-key.dto';
import { KEY_ROLES, KeyRole } from '../api-keys/roles';
import { ProblemException } from '../common/problem';
import { validateEnvironment } from '../config/environment';
import { openDatabase } from '../database/database-url';
import { buildTypeOrmOptions } from '../database/typeorm.options';

const USAGE = `usage: apikey.js create --role editor|admin --name "<who holds it>"
  e.g. npm run apikey:create -- --role admin --name "Data desk admin"`;

/**
 * Creates an API key in DATABASE_URL (or the project's embedded PostgreSQL
 * when it is unset), after applying pending migrations: the way to make the
 * first admin key. The key is printed once, alone on standard output; only
 * its hash is stored.
 */
async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== 'create') {
    console.error(USAGE);
    return 2;
  }
  let options: { role?: string; name?: string };
  try {
    options = parseArgs({
      args: rest,
      options: { role: { type: 'string' }, name: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!options.role || !(KEY_ROLES as readonly string[]).includes(options.role)) {
    console.error(`--role must be one of: ${KEY_ROLES.join(', ')}\n${USAGE}`);
    return 2;
  }
  const name = options.name ?? '';
  if (name.length > 128 || !KEY_NAME.test(name)) {
    console.error(`--name: ${KEY_NAME_MESSAGE}, at most 128 characters\n${USAGE}`);
    return 2;
  }

  const env = validateEnvironment(process.env);
  const db = await openDatabase(env, { log: (line) => console.error(line) });
  const dataSource = new DataSource(buildTypeOrmOptions({ url: db.url, statementTimeoutMs: 60000, poolSize: 2 }));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0)
      console.error(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    const created = await dataSource.transaction((manager) =>
      createApiKey(manager, { name, role: options.role as KeyRole, createdBy: 'cli' }),
    );
    console.error(
      `Created ${created.role} key ${created.id} for '${created.name}' (${created.prefix}…). Store it now: it is not shown again.`,
    );
    console.log(created.key);
    return 0;
  } catch (error) {
    if (error instanceof ProblemException) {
      console.error(error.detail);
      return 1;
    }
    throw error;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
