import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { absoluteRefs, closeObjects, DOCUMENT_ID, OPENAPI_FILE } from './utils/contract';

/**
 * The committed document explains itself: every property of every schema has a description, every JSON response
 * has an example, and every example in the document (of a schema, a property, a parameter or a response)
 * validates against its own schema, strictly (an object example may not carry a property its schema does not
 * name), with formats checked.
 */
type Json = Record<string, unknown>;
const document = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as Json & {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ $id: DOCUMENT_ID, components: closeObjects(absoluteRefs(document.components)) }, DOCUMENT_ID);

/** Whether `example` is valid for `schema` (without its own `example`); the errors when not. */
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
function check(schema: Json, example: unknown): string | undefined {
  const { example: _own, ...rest } = schema;
  const key = JSON.stringify(rest);
  const validate = compiled.get(key) ?? ajv.compile(closeObjects(absoluteRefs(rest)) as Json);
  compiled.set(key, validate);
  if (validate(example)) return undefined;
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '(value)'} ${e.message}`)
    .join('; ');
}

/** Every schema node with an `example`, wherever it is, with where it is. */
function schemasWithExamples(
  node: unknown,
  where: string,
  found: { where: string; schema: Json }[] = [],
): { where: string; schema: Json }[] {
  if (Array.isArray(node)) node.forEach((child, i) => schemasWithExamples(child, `${where}/${i}`, found));
  else if (node && typeof node === 'object') {
    const object = node as Json;
    if (
      object.example !== undefined &&
      ('type' in object || '$ref' in object || 'anyOf' in object || 'allOf' in object || 'enum' in object)
    )
      found.push({ where, schema: object });
    for (const [key, value] of Object.entries(object))
      if (key !== 'example' && key !== 'examples') schemasWithExamples(value, `${where}/${key}`, found);
  }
  return found;
}

const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  HTTP_METHODS.filter((m) => item[m]).map((method) => ({
    path,
    method,
    ...(item[method] as {
      operationId: string;
      parameters?: Json[];
      responses: Record<string, { content?: Record<string, Json> }>;
    }),
  })),
);

describe('The examples and descriptions of the contract (openapi/openapi.json)', () => {
  it('describes every property of every schema', () => {
    const missing: string[] = [];
    const visit = (schema: Json, where: string) => {
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        if (typeof property.description !== 'string' || property.description.trim() === '')
          missing.push(`${where}.${name}`);
        if (property.properties) visit(property, `${where}.${name}`);
      }
    };
    for (const [name, schema] of Object.entries(document.components.schemas)) visit(schema, name);
    expect(missing).toEqual([]);
  });

  it('has an example on every JSON response (2xx and errors)', () => {
    const without = operations.flatMap((op) =>
      Object.entries(op.responses).flatMap(([status, response]) =>
        Object.entries(response.content ?? {})
          .filter(([type, media]) => /json$/.test(type) && media.example === undefined && media.examples === undefined)
          .map(([type]) => `${op.operationId} ${status} ${type}`),
      ),
    );
    expect(without).toEqual([]);
  });

  it('every response example validates against its own schema', () => {
    const invalid = operations.flatMap((op) =>
      Object.entries(op.responses).flatMap(([status, response]) =>
        Object.entries(response.content ?? {})
          .filter(([, media]) => media.example !== undefined && media.schema)
          .map(([type, media]) => [`${op.operationId} ${status} ${type}`, check(media.schema as Json, media.example)])
          .filter(([, error]) => error !== undefined),
      ),
    );
    expect(invalid).toEqual([]);
  });

  it('every parameter example validates against the parameter schema', () => {
    const parameters = [
      ...operations.flatMap((op) =>
        (op.parameters ?? []).map((p) => ({ where: `${op.operationId} ${String(p.name ?? p.$ref)}`, parameter: p })),
      ),
      ...Object.entries((document.components as { parameters?: Record<string, Json> }).parameters ?? {}).map(
        ([name, parameter]) => ({ where: name, parameter }),
      ),
    ];
    const invalid = parameters
      .filter(({ parameter }) => parameter.example !== undefined && parameter.schema)
      .map(({ where, parameter }) => [where, check(parameter.schema as Json, parameter.example)])
      .filter(([, error]) => error !== undefined);
    expect(invalid).toEqual([]);
    expect(parameters.length).toBeGreaterThan(100);
  });

  it('every schema and property example validates against its schema', () => {
    const found = schemasWithExamples(document, '#');
    const invalid = found
      .map(({ where, schema }) => [where, check(schema, schema.example)])
      .filter(([, error]) => error !== undefined);
    expect(invalid).toEqual([]);
    expect(found.length).toBeGreaterThan(300);
  });

  it('gives URLs a format: absolute pages as uri, API addresses as uri-reference', () => {
    const unformatted: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      for (const [property, value] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
        if (!/(^url$|Url$|^href$|Href$)/.test(property)) continue;
        const expected = /(^url$|Url$)/.test(property) ? 'uri' : 'uri-reference';
        if (value.format !== expected) unformatted.push(`${name}.${property}: ${String(value.format)}`);
      }
    }
    expect(unformatted).toEqual([]);
  });
});
