import { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_RESPONSE_DESCRIPTIONS, problemResponse } from '../common/api-problem-responses.decorator';
import { PROPERTY_DESCRIPTIONS, SCHEMA_PROPERTY_DESCRIPTIONS } from './openapi-descriptions';
import { PROBLEM_TYPES, problemTypeOfStatus } from '../common/problem';
import { SKIP_IDEMPOTENCY_EXTENSION } from '../common/idempotency.decorator';
import { LANGUAGES } from '../i18n/languages';

type Json = Record<string, unknown>;

/** Operations that load balancers poll: never rate limited (see rate-limit.ts). */
const RATE_LIMIT_EXEMPT = new Set(['getLiveness', 'getReadiness']);
/** Operations that answer without asking the database. */
const NO_DATABASE = new Set(['getLiveness', 'getEmbedScript']);

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A response header whose value is text of at most `maxLength` characters. */
const textHeader = (description: string, maxLength: number) => ({ description, schema: { type: 'string', maxLength } });

const RETRY_AFTER = {
  description: 'Seconds to wait before trying again.',
  schema: { type: 'integer', minimum: 1, maximum: 3600, example: 30 },
};
const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': {
    description: 'Requests allowed in the current one-minute window.',
    schema: { type: 'integer', minimum: 0, maximum: 1000000 },
  },
  'RateLimit-Remaining': {
    description: 'Requests left in the current window.',
    schema: { type: 'integer', minimum: 0, maximum: 1000000 },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the window resets.',
    schema: { type: 'integer', minimum: 0, maximum: 60 },
  },
};

/** Sent by a route marked `@Deprecated()` (deprecation.ts). */
const DEPRECATION_HEADERS = {
  Deprecation: textHeader('RFC 9745: when the operation was deprecated, e.g. `@1796083200`.', 32),
  Sunset: textHeader('RFC 8594: the HTTP-date after which the operation may stop answering.', 64),
  Link: textHeader('Includes `rel="deprecation"`: where the replacement is explained.', 2048),
};

const REQUEST_ID = textHeader(
  'The request id (given as `X-Request-Id`, or made by the API): quote it when reporting a problem.',
  128,
);
const CACHING_HEADERS = {
  ETag: textHeader(
    'Entity tag of this representation: the same data, URL and representation give the same tag in every process; ' +
      'a gzip body has its own (`"…-gzip"`). Send it back in `If-None-Match` for a 304.',
    128,
  ),
  'Cache-Control': textHeader('`public, max-age=60` on reads; `no-store` on errors (README "Caching").', 64),
  Vary: textHeader('`Accept, Accept-Encoding`: the format and the content coding; never `Origin`.', 128),
};
const LIST_LINK = textHeader('RFC 8288 links to the `first`, `prev`, `next` and `last` pages.', 8192);
const LOCATION = {
  description: 'The path of what was created (or of the operation a country was added to).',
  schema: { type: 'string', format: 'uri-reference', maxLength: 2048 },
};
const IDEMPOTENT_REPLAYED = {
  description:
    '`true` when this answer repeats the first answer to the same `Idempotency-Key` and request: nothing was written again.',
  schema: { type: 'string', enum: ['true'] },
};
const CONTENT_DISPOSITION = textHeader(
  'On a CSV or zip download: `attachment` with a file name made of the path and the query.',
  256,
);
const CONTENT_LANGUAGE = {
  description:
    'The language of the answer: `lang` if given, else the first supported one of `Accept-Language`, else `en`.',
  schema: { type: 'string', enum: [...LANGUAGES] },
};
const VARY_LANGUAGE = textHeader(
  '`Accept, Accept-Encoding`, and `Accept-Language` when that header chose the language (no `lang` parameter); never `Origin`.',
  128,
);
const VARY_WRITE = textHeader(
  '`Origin`: writes answer the origins of `CORS_WRITE_ORIGINS` with their own origin; ' +
    'with `Accept-Encoding` when the body may be compressed.',
  128,
);
const ERROR_VARY = textHeader('`Accept-Encoding` when the problem is compressed; never `Origin` on a read.', 128);
const WWW_AUTHENTICATE = textHeader(
  'RFC 6750: `Bearer realm="…"`, with `error="invalid_token"` when a key was sent but is not valid.',
  256,
);
const ERROR_CACHE_CONTROL = textHeader('`no-store`: an error is never cached.', 64);
const IF_NONE_MATCH = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'An `ETag` received earlier: a 304 without a body answers when the representation is unchanged.',
  schema: { type: 'string', maxLength: 1024 },
};
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A key of your choosing (1 to 255 visible ASCII characters) that makes a retry safe: the same key with the same ' +
    'request answers the first answer again (`Idempotent-Replayed: true`) and writes nothing; with another request, 422.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

/** Shared header and parameter definitions, in `components`, referred to from each operation. */
const COMPONENT_HEADERS: Record<string, Json> = {
  RequestId: REQUEST_ID,
  ETag: CACHING_HEADERS.ETag,
  CacheControl: CACHING_HEADERS['Cache-Control'],
  Vary: CACHING_HEADERS.Vary,
  ListLink: LIST_LINK,
  ErrorCacheControl: ERROR_CACHE_CONTROL,
  Location: LOCATION,
  IdempotentReplayed: IDEMPOTENT_REPLAYED,
  ContentDisposition: CONTENT_DISPOSITION,
  ContentLanguage: CONTENT_LANGUAGE,
  VaryLanguage: VARY_LANGUAGE,
  VaryWrite: VARY_WRITE,
  ErrorVary: ERROR_VARY,
  WwwAuthenticate: WWW_AUTHENTICATE,
};
const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

/**
 * The headers of the HTTP layer, on the responses that carry them:
 * - `X-Request-Id` on every response; `Cache-Control: no-store` and `Vary` on errors; `WWW-Authenticate` on a 401;
 * - on a GET's 200 and 304, the caching headers (`ETag`, `Cache-Control`, `Vary`); on a localised GET (one that
 *   takes `lang`), `Content-Language` on the 200 and a `Vary` that names `Accept-Language`;
 * - `Link` on a list's 200; `Content-Disposition` on a 200 that may be a CSV or zip download;
 * - on a write, `Vary` (naming `Origin`) on every response; `Location` on a 201; on a POST that honours
 *   `Idempotency-Key`, the parameter, and `Idempotent-Replayed` on its 2xx.
 */
function addHttpHeaders(
  method: string,
  operation: { responses: Json; parameters?: Json[]; [SKIP_IDEMPOTENCY_EXTENSION]?: boolean },
): void {
  const hasQuery = (name: string) =>
    operation.parameters?.some((parameter) => parameter.in === 'query' && parameter.name === name) ?? false;
  const isList = hasQuery('limit');
  const localised = hasQuery('lang');
  const idempotent = method === 'post' && operation[SKIP_IDEMPOTENCY_EXTENSION] !== true;
  delete operation[SKIP_IDEMPOTENCY_EXTENSION];
  for (const [status, response] of Object.entries(operation.responses)) {
    const headers: Json = { ...((response as Json).headers as Json), 'X-Request-Id': ref('RequestId') };
    const content = ((response as Json).content ?? {}) as Json;
    if (method === 'get' && (status === '200' || status === '304')) {
      Object.assign(headers, {
        ETag: ref('ETag'),
        'Cache-Control': ref('CacheControl'),
        Vary: ref(localised ? 'VaryLanguage' : 'Vary'),
      });
    }
    if (method === 'get' && status === '200') {
      if (isList) headers.Link = headers.Link ?? ref('ListLink');
      if (localised) headers['Content-Language'] = ref('ContentLanguage');
      if ('text/csv' in content || 'application/zip' in content)
        headers['Content-Disposition'] = ref('ContentDisposition');
    }
    const error = /^[45]\d\d$/.test(status);
    if (method !== 'get') headers.Vary = ref('VaryWrite');
    else if (error) headers.Vary = ref('ErrorVary');
    if (status === '201') headers.Location = ref('Location');
    if (idempotent && /^2\d\d$/.test(status)) headers['Idempotent-Replayed'] = ref('IdempotentReplayed');
    if (status === '401') headers['WWW-Authenticate'] = ref('WwwAuthenticate');
    if (error) headers['Cache-Control'] = ref('ErrorCacheControl');
    (response as Json).headers = headers;
  }
  const hasHeader = (name: string) =>
    operation.parameters?.some((parameter) => parameter.in === 'header' && parameter.name === name) ?? false;
  if (method === 'get' && !hasHeader('If-None-Match')) {
    operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IfNoneMatch' }];
  }
  if (idempotent && !hasHeader('Idempotency-Key')) {
    operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
  }
}

/**
 * The responses that every route shares because of the HTTP layer rather than
 * its handler, added to the document in one place:
 * - 429 wherever the rate limit applies (every route but the health checks), with `Retry-After`,
 *   and the `RateLimit-*` headers on its other 2xx, 3xx and 4xx answers;
 * - 503 wherever the database is asked (unreachable, or a query cancelled by the statement timeout);
 * - 500 everywhere: an unexpected error, answered as problem+json without internals;
 * - 304 on every GET, since each successful GET carries an `ETag`;
 * - 413 and 415 on every method that may carry a body (Fastify's body limit and content-type parsers);
 * - 414 on every route with a path parameter (longer than the router accepts).
 */
export function addSharedResponses(document: OpenAPIObject): void {
  const components = (document.components ??= {}) as Json;
  components.headers = { ...(components.headers as Json), ...COMPONENT_HEADERS };
  components.parameters = {
    ...(components.parameters as Json),
    IfNoneMatch: IF_NONE_MATCH,
    IdempotencyKey: IDEMPOTENCY_KEY,
  };
  for (const item of Object.values(document.paths) as Json[]) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as
        { operationId: string; responses: Json; parameters?: { in: string }[]; security?: unknown[] } | undefined;
      if (!operation) continue;
      const responses = operation.responses;
      const add = (status: number, response: Json = problemResponse(status)) => {
        if (!responses[status]) responses[status] = response;
      };
      if ((operation as { deprecated?: boolean }).deprecated) {
        for (const [status, response] of Object.entries(responses)) {
          if (/^2\d\d$/.test(status))
            (response as Json).headers = { ...((response as Json).headers as Json), ...DEPRECATION_HEADERS };
        }
      }
      // Reads are public: say so (an empty requirement), rather than leave it unsaid.
      if (!operation.security) operation.security = [];
      if (method === 'get') add(304, { description: PROBLEM_RESPONSE_DESCRIPTIONS[304] });
      if (['post', 'put', 'patch', 'delete'].includes(method)) {
        add(413);
        add(415);
      }
      if (operation.parameters?.some((parameter) => parameter.in === 'path')) add(414);
      if (!NO_DATABASE.has(operation.operationId)) {
        add(503);
        (responses[503] as Json).headers = { 'Retry-After': RETRY_AFTER };
      }
      add(500);
      const rateLimited = !RATE_LIMIT_EXEMPT.has(operation.operationId);
      if (rateLimited) {
        add(429);
        (responses[429] as Json).headers = { 'Retry-After': RETRY_AFTER };
      }
      addHttpHeaders(method, operation);
      if (rateLimited) {
        for (const [status, response] of Object.entries(responses)) {
          if (/^[234]\d\d$/.test(status))
            (response as Json).headers = { ...((response as Json).headers as Json), ...RATE_LIMIT_HEADERS };
        }
      }
    }
  }
}

/** Keywords of a value that the class-validator shim copies from `@Matches(…, { each: true })` & co. onto the array itself. */
const ITEM_KEYWORDS = ['pattern', 'maxLength', 'minLength', 'minimum', 'maximum', 'format'];

/**
 * Multi-value parameters (`?kind=a,b`): the limits of each value stay on the
 * items only; and an enum list, being de-duplicated, holds at most as many
 * values as its enum has: its `maxItems`, which Nest does not carry from the
 * DTO to a parameter whose items are a named enum.
 */
export function tidyArrayParameters(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, { enum?: unknown[] }>;
  for (const item of Object.values(document.paths) as Json[]) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as { parameters?: { schema?: Json }[] } | undefined;
      for (const parameter of operation?.parameters ?? []) {
        const schema = parameter.schema;
        const ref = (schema?.items as Json | undefined)?.$ref;
        if (schema?.type !== 'array') continue;
        for (const keyword of ITEM_KEYWORDS) delete schema[keyword];
        if (schema.maxItems !== undefined || typeof ref !== 'string') continue;
        const values = schemas[ref.replace('#/components/schemas/', '')]?.enum;
        if (values) schema.maxItems = values.length;
      }
    }
  }
}

function isSchemaLike(node: Json): boolean {
  return 'type' in node || '$ref' in node || 'allOf' in node || 'oneOf' in node || 'anyOf' in node || 'enum' in node;
}

/** One schema with `nullable: true` in the words of OpenAPI 3.1 (JSON Schema 2020-12). */
function withoutNullable(schema: Json): Json {
  const { nullable: _nullable, ...rest } = schema;
  const type = rest.type;
  if (typeof type === 'string' && !rest.allOf && !rest.$ref) {
    const converted: Json = { ...rest, type: [type, 'null'] };
    if (Array.isArray(rest.enum)) converted.enum = [...(rest.enum as unknown[]), null];
    return converted;
  }
  // A nullable reference: `allOf: [{ $ref }]` (Nest's form) or a bare `$ref`.
  const { description, example, type: _objectType, ...target } = rest;
  const ref =
    Array.isArray(target.allOf) && target.allOf.length === 1 && Object.keys(target).length === 1
      ? (target.allOf[0] as Json)
      : target;
  return {
    ...(description === undefined ? {} : { description }),
    ...(example === undefined ? {} : { example }),
    anyOf: [ref, { type: 'null' }],
  };
}

function convertNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (!node || typeof node !== 'object') return node;
  let object = node as Json;
  if (object.nullable === true && isSchemaLike(object)) object = withoutNullable(object);
  else if ('nullable' in object && isSchemaLike(object)) {
    const { nullable: _nullable, ...rest } = object;
    object = rest;
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => [key, key === 'example' ? value : convertNullable(value)]),
  );
}

const INT32_MAX = 2_147_483_647;

/**
 * Every integer says whether it fits in 32 bits (`int32`: its bounds say so)
 * or not (`int64`), for generators of typed clients.
 */
function addIntegerFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(addIntegerFormats);
  if (!node || typeof node !== 'object') return node;
  const object = Object.fromEntries(
    Object.entries(node as Json).map(([key, value]) => [key, key === 'example' ? value : addIntegerFormats(value)]),
  );
  const type = object.type;
  const integer = type === 'integer' || (Array.isArray(type) && type.includes('integer'));
  if (integer && object.format === undefined) {
    const { minimum, maximum } = object as { minimum?: number; maximum?: number };
    const bounded = minimum !== undefined && maximum !== undefined && minimum >= -INT32_MAX - 1 && maximum <= INT32_MAX;
    object.format = bounded ? 'int32' : 'int64';
  }
  return object;
}

/**
 * @nestjs/swagger 11 writes OpenAPI 3.0 schemas (`nullable: true`). The
 * document is published as 3.1, whose schemas are JSON Schema 2020-12: a
 * nullable value is a type array (`["number", "null"]`, with `null` in its
 * `enum`), a nullable reference `anyOf: [{ $ref }, { type: "null" }]`.
 * Nothing else that Nest emits differs between the two versions here
 * (no boolean `exclusiveMinimum`, no `x-nullable`, `example` is still allowed).
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  const converted = addIntegerFormats(convertNullable(document)) as OpenAPIObject;
  converted.openapi = '3.1.0';
  return converted;
}

type SchemaMap = Record<string, Json>;

/** The component a property refers to (directly, as its items, or as the non-null branch of `anyOf`). */
function refTarget(property: Json): string | undefined {
  const candidates = [
    property,
    property.items as Json | undefined,
    ...((property.anyOf ?? property.allOf ?? []) as Json[]),
  ];
  const ref = candidates.find((c) => c && typeof c.$ref === 'string')?.$ref as string | undefined;
  return ref?.replace('#/components/schemas/', '');
}

/**
 * Every property gets a description: its own (JSDoc on the DTO), else the one of its name in
 * openapi-descriptions.ts (by schema, by the schema it refers to, or by name alone).
 */
export function describeProperties(document: OpenAPIObject): void {
  for (const [name, schema] of Object.entries((document.components?.schemas ?? {}) as SchemaMap)) {
    for (const [property, value] of Object.entries((schema.properties ?? {}) as SchemaMap)) {
      if (value.description) continue;
      const target = refTarget(value);
      const description =
        SCHEMA_PROPERTY_DESCRIPTIONS[`${name}.${property}`] ??
        (target ? PROPERTY_DESCRIPTIONS[`${property}:${target}`] : undefined) ??
        PROPERTY_DESCRIPTIONS[property];
      if (description) value.description = description;
    }
  }
}

/** Links of an operation to its figure lists: relative, like every `href`. */
const RELATIVE_LINK_SCHEMAS = new Set(['OperationLinksDto']);

/**
 * Addresses say what they are: a published page (`url`, `…Url`: an absolute URL, `format: uri`) or a place in this
 * API (`href`, `…Href`, the operation links: a path relative to the API host, `format: uri-reference`).
 */
export function addUrlFormats(document: OpenAPIObject): void {
  for (const [name, schema] of Object.entries((document.components?.schemas ?? {}) as SchemaMap)) {
    for (const [property, value] of Object.entries((schema.properties ?? {}) as SchemaMap)) {
      const target = value.type === 'array' ? (value.items as Json) : value;
      if (!target || target.format !== undefined || target.$ref) continue;
      const type = target.type;
      if (!(type === 'string' || (Array.isArray(type) && type.includes('string')))) continue;
      if (property === 'url' || property.endsWith('Url')) target.format = 'uri';
      else if (property === 'href' || property.endsWith('Href') || RELATIVE_LINK_SCHEMAS.has(name))
        target.format = 'uri-reference';
    }
  }
}

const EXAMPLE_STRINGS: Record<string, string> = {
  'date-time': '2026-11-21T22:00:00.000Z',
  date: '2015-06-09',
  uri: 'https://www.interpol.int/News-and-Events/News/2015/example',
  'uri-reference': '/v1/sources/17',
};

/**
 * An example of a schema made of the examples of its parts: a property's own `example` first, else that of the
 * schema it refers to, else a value of its type (the first of an enum, the minimum of a number). Arrays get one
 * item; a nullable value its non-null form. The contract tests check that every example validates.
 */
export function exampleOf(schema: Json | undefined, schemas: SchemaMap, depth = 0): unknown {
  if (!schema || depth > 40) return null;
  if (schema.example !== undefined) return schema.example;
  if (typeof schema.$ref === 'string')
    return exampleOf(schemas[schema.$ref.replace('#/components/schemas/', '')], schemas, depth + 1);
  if (Array.isArray(schema.anyOf))
    return exampleOf(
      (schema.anyOf as Json[]).find((s) => s.type !== 'null'),
      schemas,
      depth + 1,
    );
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as Json[]).map((s) => exampleOf(s, schemas, depth + 1));
    return parts.every((p) => p && typeof p === 'object' && !Array.isArray(p)) ? Object.assign({}, ...parts) : parts[0];
  }
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null) ?? null;
  const type = Array.isArray(schema.type)
    ? (schema.type as string[]).find((t) => t !== 'null')
    : (schema.type as string | undefined);
  switch (type) {
    case 'object':
    case undefined: {
      if (!schema.properties) return {};
      return Object.fromEntries(
        Object.entries(schema.properties as SchemaMap).map(([name, property]) => [
          name,
          exampleOf(property, schemas, depth + 1),
        ]),
      );
    }
    case 'array':
      return [exampleOf(schema.items as Json, schemas, depth + 1)];
    case 'string':
      return EXAMPLE_STRINGS[schema.format as string] ?? 'text';
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** A problem+json example for one status: the type and title of its kind, a detail and the request. */
function problemExample(status: number, path: string): Json {
  const type = problemTypeOfStatus(status);
  const kind = PROBLEM_TYPES.find((p) => p.type === type);
  const example: Json = {
    type,
    title: kind?.title ?? PROBLEM_RESPONSE_DESCRIPTIONS[status] ?? 'Error',
    status,
    detail: PROBLEM_RESPONSE_DESCRIPTIONS[status] ?? kind?.description ?? 'See the type.',
    instance: path.replace(/\{[^}]+\}/g, 'x'),
    requestId: '7b0e7f9e-3f0b-4a8e-9d51-1f0a5e3c2b11',
  };
  if (status === 400) example.errors = [{ name: 'limit', reason: 'limit must not be greater than 1000' }];
  return example;
}

/**
 * Every JSON response gets an `example` (unless it has one): a problem of its status for errors, else one made of
 * the examples of its schema's properties (exampleOf).
 */
export function addResponseExamples(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as SchemaMap;
  for (const [path, item] of Object.entries(document.paths) as [string, Json][]) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as { responses?: Record<string, { content?: Record<string, Json> }> } | undefined;
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        for (const [mediaType, media] of Object.entries(response.content ?? {})) {
          if (media.example !== undefined || media.examples !== undefined) continue;
          if (mediaType === 'application/problem+json') media.example = problemExample(Number(status), path);
          else if (mediaType === 'application/json') media.example = exampleOf(media.schema as Json, schemas);
        }
      }
    }
  }
}

/**
 * Path parameter examples that name records of the seeded data, per route (a code or id means another record on
 * each resource: figures share one id space), so that Swagger UI's "Try it out" answers 200. A test requests every
 * GET route with these examples (test/examples-work.e2e-spec.ts).
 */
const PATH_PARAMETER_EXAMPLES: [route: RegExp, examples: Record<string, string | number>][] = [
  [/^\/v1\/series\//, { code: 'pangea' }],
  [/^\/v1\/(operations|embed\/operations)\//, { code: 'pangea-viii', iso2: 'GB' }],
  [/^\/v1\/regions\//, { code: 'eastern-africa' }],
  [/^\/v1\/seizures\//, { id: 2 }],
  [/^\/v1\/arrests\//, { id: 1 }],
  [/^\/v1\/outcomes\//, { id: 4 }],
  [/^\/v1\/sources\//, { id: 1 }],
];

/** `sort` examples of the lists whose shared one (`-year,name`, ListQueryDto) names a field they do not sort on. */
const SORT_EXAMPLES: Record<string, string> = {
  listSeizures: '-year,operation',
  listArrests: '-year,operation',
  listOutcomes: '-quantity',
  listCountries: '-figuresCount,name',
  listRegions: 'kind,name',
  listSeries: '-lastYear,name',
  listSources: '-figuresCount',
  listApiKeys: 'name',
  listSeizureRevisions: 'at',
  listArrestRevisions: 'at',
  listOutcomeRevisions: 'at',
};

export function setPathParameterExamples(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths) as [string, Json][]) {
    const examples = PATH_PARAMETER_EXAMPLES.find(([route]) => route.test(path))?.[1] ?? {};
    for (const method of HTTP_METHODS) {
      const operation = item[method] as
        { operationId?: string; parameters?: { in?: string; name?: string; schema?: Json }[] } | undefined;
      for (const parameter of operation?.parameters ?? []) {
        const example =
          parameter.in === 'path' && parameter.name
            ? examples[parameter.name]
            : parameter.in === 'query' && parameter.name === 'sort'
              ? SORT_EXAMPLES[operation!.operationId ?? '']
              : undefined;
        if (example !== undefined && parameter.schema) parameter.schema.example = example;
      }
    }
  }
}
