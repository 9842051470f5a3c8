import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { validateEnvironment } from '../config/environment';
import { openDatabase } from '../database/database-url';
import { buildTypeOrmOptions } from '../database/typeorm.options';

/**
 * Migration commands on the one TypeORM options object:
 *   run       apply pending migrations
 *   revert    undo the last migration
 *   generate  write migrations/<timestamp>-<Name>.ts with what the entities add to the migrated schema
 *   check     fail when the entities and the migrations disagree
 * Without DATABASE_URL, `run` and `revert` use the project's embedded server,
 * `generate` and `check` a throw-away one (migrated from scratch).
 */
async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  if (!['run', 'revert', 'generate', 'check'].includes(command)) {
    console.error('usage: migration.js run|revert|check|generate <Name>');
    return 2;
  }
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
    console.error('generate needs a PascalCase name, e.g. npm run migration:generate -- AddSources');
    return 2;
  }
  const env = validateEnvironment(process.env);
  const db = await openDatabase(env, { ephemeral: command === 'generate' || command === 'check', log: console.log });
  const dataSource = new DataSource(buildTypeOrmOptions({ url: db.url, statementTimeoutMs: 600000, poolSize: 2 }));
  try {
    await dataSource.initialize();
    if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      return 0;
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      `Applied ${applied.length} migration(s)${applied.length ? ': ' + applied.map((m) => m.name).join(', ') : ''}`,
    );
    if (command === 'run') return 0;

    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (command === 'check') {
      if (sql.upQueries.length === 0) {
        console.log('Entities and migrations agree: no migration to generate.');
        return 0;
      }
      console.error('The entities differ from the migrated schema. Missing statements:');
      for (const q of sql.upQueries) console.error(`  ${q.query}`);
      return 1;
    }
    if (sql.upQueries.length === 0) {
      console.log('Nothing to generate.');
      return 0;
    }
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const quote = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
    const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
    const down = [...sql.downQueries]
      .reverse()
      .map((q) => `    await queryRunner.query(${quote(q.query)});`)
      .join('\n');
    const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
    writeFileSync(
      file,
      `import { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${className} implements MigrationInterface {\n  name = '${className}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    console.log(`Wrote ${file}`);
    return 0;
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
