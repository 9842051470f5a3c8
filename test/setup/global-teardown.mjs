import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const server = globalThis.__EMBEDDED_PG__;
  if (server) await server.stop();
  if (process.env.CONTRACT_COVERAGE_DIR) await rm(process.env.CONTRACT_COVERAGE_DIR, { recursive: true, force: true });
}
