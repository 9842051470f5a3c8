import { IncomingMessage, ServerResponse } from 'node:http';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ApiKeysService } from './api-keys/api-keys.service';
import { BEARER_SCHEME } from './api-keys/roles.decorator';
import { corsPolicy } from './platform/cors-policy';
import {
  addResponseExamples,
  addSharedResponses,
  addUrlFormats,
  describeProperties,
  setPathParameterExamples,
  tidyArrayParameters,
  toOpenApi31,
} from './platform/openapi-document';
import { ProblemDetailsDto } from './common/problem-details.dto';
import { rateLimitOptions } from './platform/rate-limit';
import { validateEnvironment } from './config/environment';
import { registerImportBodyParsing } from './imports/import-body';
import { frameworkErrorHandler, ProblemDetailsFilter } from './common/problem-details.filter';
import { DataVersion } from './common/data-version';
import { isCompressibleType, registerHttpCaching, setRepresentationKeyPart } from './common/http-cache';
import { languageKey } from './i18n/negotiate';
import { CachedResponses } from './common/response-cache';
import { requestIdFor } from './common/request-id';
import { createValidationPipe, dropIgnoredParameters } from './common/validation';

export const API_PREFIX = 'v1';

export interface CreateAppOptions {
  /** Serve Swagger UI at /docs and the document at /openapi.json. */
  docs?: boolean;
}

/** The tags of the document, in the order Swagger UI shows them. */
const TAGS: [name: string, description: string][] = [
  [
    'operations',
    'Operations: the editions of a series (Pangea XVI, Opson X, …) with their dates, region, participants and sources.',
  ],
  ['seizures', 'Seizure figures (items, value, weight, volume), each with its published source.'],
  ['arrests', 'Arrest figures (arrests, persons arrested or placed under investigation), each with its source.'],
  ['outcomes', 'Other results (websites shut down, packages inspected, raids, …), each with its source.'],
  ['stats', 'Statistics computed with the counting rules: preferred figures only, totals never double-counted.'],
  ['series', 'Operation series (Pangea, Opson, …).'],
  ['countries', 'ISO 3166-1 countries and areas with their UN M49 region.'],
  ['regions', 'UN M49 regions and the operational regions of the operations.'],
  ['sources', 'The published pages every figure cites, with their publisher.'],
  ['changes', 'The change feed, for mirrors.'],
  ['imports', 'Bulk import of figures (editor key).'],
  ['api-keys', 'API keys (admin key).'],
  ['embed', 'SVG cards and charts, and the script that places them on any page.'],
  ['downloads', 'The whole dataset as CSV files in one zip, with its Frictionless descriptor and citation.'],
  ['health', 'Liveness and readiness, for load balancers.'],
  ['problems', 'The problem types that errors carry in `type`, each described as JSON or as a page (outside /v1).'],
];

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Operation Results API')
    .setDescription(
      'Open data on the results of international law-enforcement operations against illicit goods and organised ' +
        'crime (INTERPOL Pangea, Opson, Jupiter, Wipeout and others): operations, seizures, arrests and other ' +
        'outcomes, every figure with its published source. Errors are RFC 9457 application/problem+json. ' +
        'Reads are public; writes need an API key. Clients must ignore response fields and enum values they do not know: ' +
        'adding them is not a breaking change. Breaking changes only come with a new major path (`/v2`); ' +
        'deprecated operations are marked `deprecated` here and answered with `Deprecation` and `Sunset` headers.',
    )
    .setVersion('1.0.0')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'This server (production, staging or local: wherever this document is served from)')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'API key',
        description:
          'API key (`ora_…`, an opaque secret, not a JWT) of an editor or admin: writes only; reads need none.',
      },
      BEARER_SCHEME,
    );
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ProblemDetailsDto],
    // Every handler names its operation in @ApiOperation({ operationId }); this is only the fallback.
    operationIdFactory: (controllerKey, methodKey) => `${methodKey}${controllerKey.replace(/Controller$/, '')}`,
  });
  // A public API, reached by anyone.
  document.servers = document.servers?.map((server) => ({ ...server, 'x-internal': false }));
  addSharedResponses(document);
  tidyArrayParameters(document);
  const converted = toOpenApi31(document);
  describeProperties(converted);
  addUrlFormats(converted);
  addResponseExamples(converted);
  setPathParameterExamples(converted);
  return converted;
}

const GLOBAL_PREFIX_OPTIONS = {
  exclude: [
    { path: 'health', method: RequestMethod.GET },
    { path: 'ready', method: RequestMethod.GET },
    // The landing page and the embed script live at the root, for people and for other sites' pages.
    { path: '/', method: RequestMethod.GET },
    { path: 'embed.js', method: RequestMethod.GET },
    // Problem type URIs (`/problems/validation-error`), as problems name them.
    { path: 'problems', method: RequestMethod.GET },
    { path: 'problems/:name', method: RequestMethod.GET },
  ],
};

/**
 * The OpenAPI document without a database or a port: the module graph is
 * built in preview mode (no provider runs), which is all the document needs.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX, GLOBAL_PREFIX_OPTIONS);
  const document = buildOpenApiDocument(app);
  await app.close();
  return document;
}

/** Builds the configured application without listening: used by main, the e2e tests and the OpenAPI script. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const env = validateEnvironment(process.env);
  const adapter = new FastifyAdapter({
    genReqId: (req: IncomingMessage) => requestIdFor(req),
    trustProxy: env.trustProxy,
    bodyLimit: env.BODY_LIMIT_BYTES,
    frameworkErrors: frameworkErrorHandler,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('X-Request-Id', request.id);
    // A cache-buster `_` and `utm_*` tracking parameters are ignored, not refused (README "Conventions").
    dropIgnoredParameters(request.query);
    done();
  });
  const dataVersion = app.get(DataVersion);
  const cachedResponses = app.get(CachedResponses);
  // Answers in a language Accept-Language chose are cached per language (see languageKey).
  setRepresentationKeyPart('language', (url, headers) => languageKey(url, headers['accept-language']));
  registerHttpCaching(fastify, () => dataVersion.current(), cachedResponses);
  await app.register(helmet, {
    // Swagger UI needs inline scripts and styles; the API itself serves JSON and CSV.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
      },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  await app.register(cors, { delegator: corsPolicy(env.corsWriteOrigins) });
  const limits = rateLimitOptions(
    { perMinute: env.RATE_LIMIT_PER_MINUTE, perMinuteWithKey: env.RATE_LIMIT_PER_MINUTE_WITH_KEY },
    app.get(ApiKeysService).keyIdOf,
  );
  if (limits) await app.register(rateLimit, limits);
  // gzip only: the caching hook gives each coding its own entity tag and gzips buffered bodies itself.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip'], customTypes: isCompressibleType });
  registerImportBodyParsing(fastify, { bodyLimit: env.BODY_LIMIT_BYTES, importBodyLimit: env.IMPORT_BODY_LIMIT_BYTES });

  app.setGlobalPrefix(API_PREFIX, GLOBAL_PREFIX_OPTIONS);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  if (options.docs ?? true) {
    const document = buildOpenApiDocument(app);
    SwaggerModule.setup('docs', app, document, {
      jsonDocumentUrl: 'openapi.json',
      yamlDocumentUrl: 'openapi.yaml',
      customSiteTitle: 'Operation Results API',
    });
  }
  await app.init();
  await fastify.ready();
  // Repeated public reads are answered before Fastify sees them (see CachedResponses.serveRaw).
  const server = app.getHttpServer();
  const [fastifyListener] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!cachedResponses.serveRaw(req, res)) fastifyListener(req, res);
  });
  return app;
}
