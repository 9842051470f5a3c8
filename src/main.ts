import 'reflect-metadata';
import { createApp } from './app.setup';
import { ConfigurationError, validateEnvironment } from './config/environment';
import { EmbeddedDatabase, EmbeddedPostgresError, startEmbeddedPostgres } from './database/embedded-postgres';

const DATABASE_NAME = 'operation_results';

function say(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({
      dataDir: env.EMBEDDED_PG_DIR,
      port: env.EMBEDDED_PG_PORT,
      database: DATABASE_NAME,
      log: say,
    });
    process.env.DATABASE_URL = embedded.url;
  }

  let stopping = false;
  const stopEmbedded = async () => {
    if (embedded) await embedded.stop().catch(() => undefined);
  };
  try {
    const app = await createApp();
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      say(`${signal} received: closing the API${embedded ? ' and the embedded PostgreSQL' : ''}`);
      await app.close().catch(() => undefined);
      await stopEmbedded();
      process.exit(0);
    };
    // embedded-postgres stops its server on these signals by itself, racing the API's own shutdown
    // (open connections would be cut first): this process owns the order, API then database.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: env.PORT, host: env.HOST });
    say(`Operation Results API listening on http://localhost:${env.PORT} (docs at /docs)`);
  } catch (error) {
    await stopEmbedded();
    throw error;
  }
}

bootstrap().catch((error: unknown) => {
  const known = error instanceof ConfigurationError || error instanceof EmbeddedPostgresError;
  process.stderr.write(`${known ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
