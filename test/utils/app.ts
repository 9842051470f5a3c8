import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.setup';
import { checkResponsesOf } from './contract';

/**
 * Boots the real application against the test database, with migrations applied.
 * Every response it sends is checked against openapi/openapi.json (test/utils/contract.ts).
 */
export async function createTestApp(): Promise<NestFastifyApplication> {
  const app = await createApp({ docs: true });
  checkResponsesOf(app.getHttpServer());
  return app;
}

export function dataSourceOf(app: NestFastifyApplication): DataSource {
  return app.get(DataSource);
}
