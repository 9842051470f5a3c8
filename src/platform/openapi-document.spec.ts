import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenAPIObject } from '@nestjs/swagger';
import {
  addResponseExamples,
  addSharedResponses,
  addUrlFormats,
  describeProperties,
  exampleOf,
  tidyArrayParameters,
  toOpenApi31,
} from './openapi-document';

type Operation = {
  operationId: string;
  summary?: string;
  description?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
  security?: unknown[];
  parameters?: { in: string; schema: Record<string, unknown> }[];
};

const doc = (paths: Record<string, unknown>, schemas: Record<string, unknown> = {}) =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths,
    components: { schemas },
  }) as unknown as OpenAPIObject;

describe('OpenAPI document post-processing', () => {
  it('writes nullable values and references as OpenAPI 3.1 does', () => {
    const converted = toOpenApi31(
      doc(
        {},
        {
          A: {
            type: 'object',
            properties: {
              n: { type: 'number', nullable: true, example: null },
              e: { type: 'string', enum: ['x', 'y'], nullable: true },
              r: { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/B' }], description: 'b' },
              plain: { type: 'string', nullable: false },
              count: { type: 'integer', minimum: 0, maximum: 10 },
              big: { type: 'integer' },
            },
          },
        },
      ),
    );
    expect(converted.openapi).toBe('3.1.0');
    expect((converted.components!.schemas!.A as { properties: unknown }).properties).toEqual({
      n: { type: ['number', 'null'], example: null },
      e: { type: ['string', 'null'], enum: ['x', 'y', null] },
      r: { description: 'b', anyOf: [{ $ref: '#/components/schemas/B' }, { type: 'null' }] },
      plain: { type: 'string' },
      count: { type: 'integer', minimum: 0, maximum: 10, format: 'int32' },
      big: { type: 'integer', format: 'int64' },
    });
  });

  it('adds the responses every route shares, and says that reads are public', () => {
    const document = doc({
      '/v1/things/{id}': {
        get: {
          operationId: 'getThing',
          parameters: [{ in: 'path', name: 'id' }],
          responses: { 200: { description: 'ok' } },
        },
        delete: { operationId: 'deleteThing', security: [{ bearer: [] }], responses: { 204: { description: 'gone' } } },
      },
      '/health': { get: { operationId: 'getLiveness', responses: { 200: { description: 'ok' } } } },
    });
    addSharedResponses(document);
    const get = document.paths['/v1/things/{id}'].get as unknown as Operation;
    expect(Object.keys(get.responses).sort()).toEqual(['200', '304', '414', '429', '500', '503']);
    expect(get.security).toEqual([]);
    expect(Object.keys((get.responses[200] as { headers: object }).headers)).toEqual([
      'X-Request-Id',
      'ETag',
      'Cache-Control',
      'Vary',
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
    ]);
    expect(Object.keys((get.responses[304] as { headers: object }).headers)).toEqual(
      expect.arrayContaining(['ETag', 'Cache-Control', 'Vary']),
    );
    expect(Object.keys((get.responses[503] as { headers: object }).headers)).toEqual(
      expect.arrayContaining(['Retry-After', 'Cache-Control', 'X-Request-Id']),
    );
    expect((get as unknown as { parameters: object[] }).parameters).toContainEqual({
      $ref: '#/components/parameters/IfNoneMatch',
    });
    expect((document.components as { parameters: Record<string, object> }).parameters.IfNoneMatch).toMatchObject({
      in: 'header',
      name: 'If-None-Match',
    });
    const remove = document.paths['/v1/things/{id}'].delete as unknown as Operation;
    expect(Object.keys(remove.responses).sort()).toEqual(['204', '413', '415', '429', '500', '503']);
    expect(remove.security).toEqual([{ bearer: [] }]);
    const health = document.paths['/health'].get as unknown as Operation;
    expect(Object.keys(health.responses).sort()).toEqual(['200', '304', '500']);
  });

  it('bounds multi-value enum parameters by their enum and keeps value limits on the items', () => {
    const document = doc(
      {
        '/v1/things': {
          get: {
            operationId: 'listThings',
            parameters: [
              { in: 'query', name: 'kind', schema: { type: 'array', items: { $ref: '#/components/schemas/Kind' } } },
              {
                in: 'query',
                name: 'code',
                schema: { type: 'array', maxItems: 100, pattern: '^a$', items: { type: 'string', pattern: '^a$' } },
              },
            ],
            responses: {},
          },
        },
      },
      { Kind: { type: 'string', enum: ['a', 'b', 'c'] } },
    );
    tidyArrayParameters(document);
    const [kind, code] = (document.paths['/v1/things'].get as unknown as Operation).parameters!;
    expect(kind.schema.maxItems).toBe(3);
    expect(code.schema).toEqual({ type: 'array', maxItems: 100, items: { type: 'string', pattern: '^a$' } });
  });
});

describe('OpenAPI document: descriptions, URL formats and examples', () => {
  const schemas = {
    Thing: {
      type: 'object',
      properties: {
        id: { type: 'integer', minimum: 1 },
        href: { type: 'string', example: '/v1/things/1' },
        url: { type: ['string', 'null'], example: null },
        figuresHref: { type: 'string' },
        name: { type: 'string', description: 'Its own words.' },
        kind: { $ref: '#/components/schemas/Kind' },
        tags: { type: 'array', items: { type: 'string' } },
        sub: { anyOf: [{ $ref: '#/components/schemas/Sub' }, { type: 'null' }] },
      },
    },
    Sub: { type: 'object', properties: { at: { type: 'string', format: 'date-time' } } },
    Kind: { type: 'string', enum: ['b', 'a'] },
  };

  it('describes a property by schema and name, by name alone, and keeps its own description', () => {
    const document = doc(
      {},
      JSON.parse(
        JSON.stringify({ ...schemas, ApiKeyDto: { type: 'object', properties: { name: { type: 'string' } } } }),
      ),
    );
    describeProperties(document);
    const thing = (document.components!.schemas!.Thing as { properties: Record<string, { description?: string }> })
      .properties;
    expect(thing.name.description).toBe('Its own words.');
    expect(thing.href.description).toMatch(/relative to the API host/);
    expect(
      (document.components!.schemas!.ApiKeyDto as { properties: Record<string, { description?: string }> }).properties
        .name.description,
    ).toMatch(/key is for/);
  });

  it('formats published pages as uri and API addresses as uri-reference', () => {
    const document = doc({}, JSON.parse(JSON.stringify(schemas)));
    addUrlFormats(document);
    const thing = (document.components!.schemas!.Thing as { properties: Record<string, { format?: string }> })
      .properties;
    expect([thing.url.format, thing.href.format, thing.figuresHref.format, thing.name.format]).toEqual([
      'uri',
      'uri-reference',
      'uri-reference',
      undefined,
    ]);
  });

  it('makes an example of the examples of the parts, and a problem example for errors', () => {
    expect(exampleOf({ $ref: '#/components/schemas/Thing' }, schemas)).toEqual({
      id: 1,
      href: '/v1/things/1',
      url: null,
      figuresHref: 'text',
      name: 'text',
      kind: 'b',
      tags: ['text'],
      sub: { at: '2026-11-21T22:00:00.000Z' },
    });
    const document = doc(
      {
        '/v1/things': {
          get: {
            operationId: 'listThings',
            responses: {
              200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Sub' } } } },
              404: { content: { 'application/problem+json': { schema: {} } } },
            },
          },
        },
      },
      schemas,
    );
    addResponseExamples(document);
    const responses = (
      document.paths['/v1/things'].get as unknown as {
        responses: Record<string, { content: Record<string, { example: unknown }> }>;
      }
    ).responses;
    expect(responses[200].content['application/json'].example).toEqual({ at: '2026-11-21T22:00:00.000Z' });
    expect(responses[404].content['application/problem+json'].example).toMatchObject({
      type: '/problems/not-found',
      status: 404,
      title: 'Not Found',
      instance: '/v1/things',
    });
  });
});

describe('The committed contract (openapi/openapi.json)', () => {
  const document = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8')) as {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
  };
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, ...operation })),
  );

  it('is OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('names every operation with a unique camelCase verb', () => {
    const ids = operations.map((op) => op.operationId);
    expect(
      ids.filter((id) => !/^(list|get|create|correct|update|delete|add|remove|revoke|import)[A-Z][A-Za-z]*$/.test(id)),
    ).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['listSeizures', 'getSeizure', 'getStatsSummary', 'listSeizureRevisions']),
    );
  });

  it('gives every operation a summary and a description', () => {
    expect(operations.filter((op) => !op.summary || !op.description).map((op) => op.operationId)).toEqual([]);
  });

  it('declares the problem+json answers of every operation', () => {
    for (const op of operations) {
      expect([op.operationId, op.responses[500]?.content]).toEqual([
        op.operationId,
        { 'application/problem+json': expect.anything() },
      ]);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400)
          expect([op.operationId, status, Object.keys(response.content ?? {})]).toEqual([
            op.operationId,
            status,
            ['application/problem+json'],
          ]);
      }
    }
  });
});
