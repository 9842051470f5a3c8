import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { basename, join } from 'node:path';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { SECURITY_HEADERS } from '../../src/common/http-cache';

/**
 * Contract tests: every response an e2e spec gets from the app (whatever sent
 * the request: supertest, fetch, a browser) is checked against the committed
 * openapi/openapi.json, the operation being found by method and path template.
 * An undocumented status code, an undocumented content type, a body that
 * does not match the schema, or a header that is not declared for the status
 * (but those of UNDECLARED_HEADERS) or whose value its schema refuses, is a violation; the spec's next afterEach throws
 * it (test/setup/contract-check.ts). Each checked response is also recorded as
 * a hit for the coverage check (test/contract-coverage.e2e-spec.ts).
 *
 * Bodies are checked strictly: an object schema with `properties` accepts no
 * other property here (clients are told to ignore unknown fields, but the
 * document must name every field the API sends), except the problem details,
 * whose extension members RFC 9457 allows.
 */

export const OPENAPI_FILE = join(__dirname, '..', '..', 'openapi', 'openapi.json');
export const DOCUMENT_ID = 'openapi.json';
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Json = Record<string, unknown>;

interface ResponseObject {
  content?: Record<string, { schema?: Json }>;
  headers?: Record<string, Json>;
}

/**
 * Headers a response may carry without the document declaring them: those of HTTP itself, of content coding and
 * of CORS (whose rules the README gives once for every route), and the security headers sent on every answer.
 * Any other header the API sends must be declared on the operation's response for that status, and its value
 * must match the declared schema.
 */
const UNDECLARED_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'date',
  'connection',
  'keep-alive',
  ...SECURITY_HEADERS,
]);

export interface ContractOperation {
  operationId: string;
  method: string;
  path: string;
  pattern: RegExp;
  responses: Record<string, ResponseObject>;
}

export interface ContractHit {
  operationId: string;
  status: number;
}

/** Every object schema that lists its properties refuses others (`unevaluatedProperties: false`), unless it says otherwise. */
export function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const object = Object.fromEntries(
    Object.entries(node as Json).map(([key, value]) => [key, key === 'example' ? value : closeObjects(value)]),
  );
  if (
    object.properties &&
    typeof object.properties === 'object' &&
    !('additionalProperties' in object) &&
    !('unevaluatedProperties' in object)
  ) {
    object.unevaluatedProperties = false;
  }
  return object;
}

/** `#/components/...` references resolved in the document registered as `openapi.json`. */
export function absoluteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(absoluteRefs);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Json).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${DOCUMENT_ID}${value}`
        : absoluteRefs(value),
    ]),
  );
}

function templatePattern(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0].trim().toLowerCase() || undefined;
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch ((encoding ?? '').toLowerCase()) {
    case 'gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      return body;
  }
}

export class ContractValidator {
  readonly operations: ContractOperation[] = [];
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: Json) {
    addFormats(this.ajv);
    const components = closeObjects(absoluteRefs(document.components)) as Json;
    this.ajv.addSchema({ $id: DOCUMENT_ID, components }, DOCUMENT_ID);
    for (const [path, item] of Object.entries(document.paths as Record<string, Json>)) {
      for (const method of HTTP_METHODS) {
        const operation = item[method] as
          { operationId: string; responses: Record<string, ResponseObject> } | undefined;
        if (!operation) continue;
        this.operations.push({
          operationId: operation.operationId,
          method,
          path,
          pattern: templatePattern(path),
          responses: operation.responses,
        });
      }
    }
  }

  /** The operation of a request, or undefined for a path the document does not describe (/docs, /, unknown routes). */
  match(method: string, url: string): ContractOperation | undefined {
    const lower = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    const path = url.split('?')[0];
    return this.operations.find((op) => op.method === lower && op.pattern.test(path));
  }

  private validator(operation: ContractOperation, status: string, mediaType: string, schema: Json): ValidateFunction {
    return this.compiled(`${operation.operationId} ${status} ${mediaType}`, schema);
  }

  /** The validator of `schema`, compiled once under `key`. */
  private compiled(key: string, schema: Json): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(closeObjects(absoluteRefs(schema)) as Json);
      this.validators.set(key, validate);
    }
    return validate;
  }

  /**
   * Checks one response. Returns the hit (or undefined when the path is not in
   * the document) and the violations found, each a sentence.
   */
  check(response: {
    method: string;
    url: string;
    status: number;
    contentType?: string;
    contentEncoding?: string;
    /** The headers sent, by lower-case name (checked when given). */
    headers?: Record<string, unknown>;
    body: Buffer;
  }): { hit?: ContractHit; violations: string[] } {
    const operation = this.match(response.method, response.url);
    if (!operation) return { violations: [] };
    const hit = { operationId: operation.operationId, status: response.status };
    const status = String(response.status);
    const documented =
      operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
    if (!documented) {
      return {
        hit,
        violations: [
          `${response.method} ${response.url} → ${status}: status ${status} is not documented for ${operation.operationId} (documented: ${Object.keys(operation.responses).join(', ')})`,
        ],
      };
    }
    return {
      hit,
      violations: [
        ...this.checkBody(operation, status, documented, response),
        ...this.checkHeaders(operation, status, documented, response),
      ],
    };
  }

  /** Every header sent but those of UNDECLARED_HEADERS is declared for this status, with a value its schema allows. */
  private checkHeaders(
    operation: ContractOperation,
    status: string,
    documented: ResponseObject,
    response: { method: string; url: string; status: number; headers?: Record<string, unknown> },
  ): string[] {
    if (!response.headers) return [];
    const what = `${response.method} ${response.url} → ${response.status}`;
    const declared = new Map(
      Object.entries(documented.headers ?? {}).map(([name, header]) => [name.toLowerCase(), this.headerObject(header)]),
    );
    const violations: string[] = [];
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined || UNDECLARED_HEADERS.has(name) || name.startsWith('access-control-')) continue;
      const header = declared.get(name);
      if (!header) {
        violations.push(
          `${what}: header ${name} (${JSON.stringify(String(value))}) is sent but not declared for ${operation.operationId} ${status}`,
        );
        continue;
      }
      if (!header.schema) continue;
      const schema = header.schema;
      const validate = this.compiled(`header ${JSON.stringify(schema)}`, schema);
      const text = Array.isArray(value) ? value.join(', ') : String(value);
      const typed = schema.type === 'integer' || schema.type === 'number' ? Number(text) : text;
      if (!validate(typed))
        violations.push(
          `${what}: header ${name} (${JSON.stringify(text)}) does not match its schema for ${operation.operationId} ${status}: ` +
            (validate.errors ?? []).map((e) => e.message).join('; '),
        );
    }
    return violations;
  }

  /** A response header object, its `$ref` (to components.headers) followed. */
  private headerObject(header: Json): { schema?: Json } {
    const ref = header.$ref;
    if (typeof ref !== 'string') return header as { schema?: Json };
    const name = ref.split('/').pop()!;
    return ((this.document.components as Json).headers as Record<string, { schema?: Json }>)[name];
  }

  /** The body against the documented content of its status. */
  private checkBody(
    operation: ContractOperation,
    status: string,
    documented: ResponseObject,
    response: {
      method: string;
      url: string;
      status: number;
      contentType?: string;
      contentEncoding?: string;
      body: Buffer;
    },
  ): string[] {
    const what = `${response.method} ${response.url} → ${response.status}`;
    const head = response.method.toUpperCase() === 'HEAD';
    const mediaType = mediaTypeOf(response.contentType);
    const bodyless = head || response.status === 204 || response.status === 304;
    if (bodyless) {
      return !head && response.body.length > 0 ? [`${what}: a ${status} answer must have no body`] : [];
    }
    if (!documented.content) {
      return response.body.length > 0
        ? [`${what}: ${operation.operationId} documents no body for ${status}, got ${mediaType}`]
        : [];
    }
    const media = mediaType ? documented.content[mediaType] : undefined;
    if (!media) {
      return [
        `${what}: content type ${mediaType ?? '(none)'} is not documented for ${operation.operationId} ${status} (documented: ${Object.keys(documented.content).join(', ')})`,
      ];
    }
    if (!media.schema) return [];
    const text = decode(response.body, response.contentEncoding).toString('utf8');
    let body: unknown = text;
    if (mediaType === 'application/json' || mediaType!.endsWith('+json')) {
      try {
        body = JSON.parse(text);
      } catch {
        return [`${what}: the ${mediaType} body is not JSON: ${text.slice(0, 120)}`];
      }
    }
    const validate = this.validator(operation, status, mediaType!, media.schema);
    if (validate(body)) return [];
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (e) =>
          `${e.instancePath || '(body)'} ${e.message}${e.keyword === 'unevaluatedProperties' ? `: ${JSON.stringify(e.params)}` : ''}`,
      );
    return [`${what}: the body does not match ${operation.operationId} ${status} ${mediaType}: ${errors.join('; ')}`];
  }
}

let shared: ContractValidator | undefined;

/** The validator of the committed document, read once per spec file. */
export function contractValidator(): ContractValidator {
  shared ??= new ContractValidator(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as Json);
  return shared;
}

const violations: string[] = [];
const hits = new Map<string, Set<number>>();

/** The violations found since the last call (and forgets them). */
export function takeContractViolations(): string[] {
  return violations.splice(0, violations.length);
}

/** Operation id → statuses answered, for this spec file. */
export function contractHits(): Record<string, number[]> {
  return Object.fromEntries([...hits].map(([operationId, statuses]) => [operationId, [...statuses].sort()]));
}

/**
 * What one e2e spec tells the coverage check (test/contract-coverage.e2e-spec.ts): the operations it exercised, or
 * why it ran none of its tests. Written to CONTRACT_COVERAGE_DIR/<spec file>.json.
 */
export interface ContractRecord {
  spec: string;
  hits: Record<string, number[]>;
  /** Why the spec skipped all its tests, e.g. "Chromium not found at /usr/bin/chromium". */
  skipped?: string;
}

export function writeContractRecord(record: ContractRecord): void {
  const dir = process.env.CONTRACT_COVERAGE_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${basename(record.spec)}.json`), JSON.stringify(record));
}

/**
 * For a spec that skips all its tests (its hooks then never run): its record says why, so that the coverage check
 * neither waits for it nor passes over what it would have exercised in silence.
 */
export function recordSkippedSpec(specFile: string, reason: string): void {
  writeContractRecord({ spec: specFile, hits: {}, skipped: reason });
}

function record(result: { hit?: ContractHit; violations: string[] }): void {
  if (result.hit) {
    const statuses = hits.get(result.hit.operationId) ?? new Set<number>();
    statuses.add(result.hit.status);
    hits.set(result.hit.operationId, statuses);
  }
  violations.push(...result.violations);
}

function lowerCaseKeys(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

/**
 * Checks every response of `server` against the document: the bytes written
 * are collected and checked when the response ends, before the client can
 * read them.
 */
export function checkResponsesOf(server: Server): void {
  const marked = server as Server & { contractChecked?: boolean };
  if (marked.contractChecked) return;
  marked.contractChecked = true;
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    };
    // Fastify passes its headers to writeHead, which need not store them where getHeader looks.
    const headers: Record<string, unknown> = {};
    const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
    response.writeHead = (...args: unknown[]) => {
      // An object of headers (Fastify) or a flat [name, value, …] list (the response cache's fast path).
      const given = args.find((arg, index) => index > 0 && arg && typeof arg === 'object') as
        Record<string, unknown> | unknown[] | undefined;
      if (Array.isArray(given))
        for (let i = 0; i + 1 < given.length; i += 2) headers[String(given[i]).toLowerCase()] = given[i + 1];
      else for (const [name, value] of Object.entries(given ?? {})) headers[name.toLowerCase()] = value;
      return writeHead(...args);
    };
    const header = (name: string) => String(response.getHeader(name) ?? headers[name] ?? '') || undefined;
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.write = ((...args: unknown[]) => {
      collect(args[0], args[1]);
      return write(...args);
    }) as ServerResponse['write'];
    response.end = ((...args: unknown[]) => {
      collect(args[0], args[1]);
      const result = end(...args);
      try {
        record(
          contractValidator().check({
            method: request.method ?? 'GET',
            url: request.url ?? '/',
            status: response.statusCode,
            contentType: header('content-type'),
            contentEncoding: header('content-encoding'),
            headers: { ...headers, ...lowerCaseKeys(response.getHeaders()) },
            body: Buffer.concat(chunks),
          }),
        );
      } catch (error) {
        violations.push(`${request.method} ${request.url}: the contract check failed: ${(error as Error).message}`);
      }
      return result;
    }) as ServerResponse['end'];
  });
}
