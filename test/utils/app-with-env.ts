import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from './app';

/**
 * Boots the app with some environment variables set for its boot only (the
 * configuration is read when the app is created), e.g. a low rate limit or a
 * scratch database's DATABASE_URL; the previous values are restored after.
 */
export async function createAppWithEnv(vars: Record<string, string>): Promise<NestFastifyApplication> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  Object.assign(process.env, vars);
  try {
    return await createTestApp();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
