import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.setup';

/** Boots the real application against the test database, with migrations applied. */
export async function createTestApp(): Promise<NestFastifyApplication> {
  const app = await createApp({ docs: true });
  return app;
}

export function dataSourceOf(app: NestFastifyApplication): DataSource {
  return app.get(DataSource);
}
