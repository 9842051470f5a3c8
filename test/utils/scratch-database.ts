import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildTypeOrmOptions } from '../../src/database/typeorm.options';
import { createTestApp } from './app';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

function adminClient(url: URL): Client {
  const admin = new URL(url.href);
  admin.pathname = '/postgres';
  return new Client({ connectionString: admin.href });
}

/**
 * A database of its own, on the test server, for specs that need exact counts
 * or an empty schema without racing the other e2e files on the shared one.
 * Its name keeps the "test" of the shared database's name.
 */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set: run the e2e specs through Jest (global setup)');
  const url = new URL(base);
  const name = `${url.pathname.replace(/^\//, '')}_${label}_${process.pid}_${Date.now() % 100000}`.replace(
    /[^a-z0-9_]/gi,
    '_',
  );
  if (!name.includes('test')) throw new Error(`Refusing to create database "${name}": its name must contain "test".`);
  const admin = adminClient(url);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const scratch = new URL(url.href);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.href,
    drop: async () => {
      const client = adminClient(url);
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A plain TypeORM DataSource (no Nest) on `url`, with the migrations applied. */
export async function openMigratedDataSource(url: string): Promise<DataSource> {
  const dataSource = new DataSource(buildTypeOrmOptions({ url, statementTimeoutMs: 60000, poolSize: 2 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** Boots the app on another database: migrated at start, not seeded. */
export async function createAppOn(url: string): Promise<NestFastifyApplication> {
  const saved = { url: process.env.DATABASE_URL, seed: process.env.SEED_ON_START };
  process.env.DATABASE_URL = url;
  process.env.SEED_ON_START = 'false';
  try {
    return await createTestApp();
  } finally {
    process.env.DATABASE_URL = saved.url;
    if (saved.seed === undefined) delete process.env.SEED_ON_START;
    else process.env.SEED_ON_START = saved.seed;
  }
}
