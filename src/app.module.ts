import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ChangesModule } from './changes/changes.module';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import { CountriesModule } from './countries/countries.module';
import { DownloadsModule } from './downloads/downloads.module';
import { EmbedModule } from './embed/embed.module';
import { ExplorerModule } from './explorer/explorer.module';
import { Environment } from './config/environment';
import { requestIdFor } from './common/request-id';
import { SeedModule } from './database/seed/seed.module';
import { buildTypeOrmOptions } from './database/typeorm.options';
import { FiguresModule } from './figures/figures.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ImportsModule } from './imports/imports.module';
import { OperationsModule } from './operations/operations.module';
import { RegionsModule } from './regions/regions.module';
import { SeriesModule } from './series/series.module';
import { StatsModule } from './stats/stats.module';
import { SourcesModule } from './sources/sources.module';

@Module({
  imports: [
    ConfigModule,
    CommonModule,
    LoggerModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => ({
        pinoHttp: {
          level: env.LOG_LEVEL,
          genReqId: (req) => requestIdFor(req),
          customProps: () => ({ service: 'operation-results-api' }),
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          transport: env.logFormat === 'pretty' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
        },
      }),
    }),
    TypeOrmModule.forRootAsync({
      inject: [Environment],
      useFactory: (env: Environment) => {
        if (!env.DATABASE_URL) throw new Error('DATABASE_URL is not set and no embedded PostgreSQL was started.');
        return {
          ...buildTypeOrmOptions({
            url: env.DATABASE_URL,
            statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
            poolSize: env.DB_POOL_SIZE,
          }),
          // Pending migrations are applied at start, before the app listens.
          migrationsRun: true,
          retryAttempts: 3,
          retryDelay: 500,
        };
      },
    }),
    HealthModule,
    ApiKeysModule,
    IdempotencyModule,
    ChangesModule,
    FiguresModule,
    SeedModule,
    SeriesModule,
    RegionsModule,
    SourcesModule.register(FiguresModule),
    OperationsModule,
    CountriesModule,
    StatsModule,
    ImportsModule,
    EmbedModule,
    DownloadsModule,
    ExplorerModule,
  ],
})
export class AppModule {}
