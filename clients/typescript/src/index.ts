/**
 * A typed client of the Operation Results API: openapi-fetch over the types
 * that openapi-typescript generates from openapi/openapi.json
 * (`npm run client:generate` writes ./schema.d.ts).
 *
 * Copy this folder into your project, `npm install openapi-fetch`, and:
 *
 *     const api = createOperationResultsClient({ baseUrl: 'https://api.example.org' });
 *     const { data, error } = await api.GET('/v1/stats/arrests', { params: { query: { series: ['pangea'], groupBy: ['year'] } } });
 *
 * Every path, parameter and response body is typed; an error answer comes back
 * as `error`, an RFC 9457 problem (`ProblemDetails`).
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };
export type ProblemDetails = components['schemas']['ProblemDetailsDto'];
/** JSON answers and problem+json errors; CSV and SVG are there for browsers and spreadsheets, not for this client. */
export type JsonMedia = 'application/json' | 'application/problem+json';
export type OperationResultsClient = Client<paths, JsonMedia>;

export interface ClientOptions {
  /** The server, e.g. `https://api.example.org` (no trailing `/v1`). */
  baseUrl: string;
  /** An editor or admin API key (`ora_…`), for writes only; reads need none. */
  apiKey?: string;
  /** Another fetch (tests, proxies); the global one by default. */
  fetch?: typeof globalThis.fetch;
  /** Sent as `User-Agent`-like identification in `X-Client`, to help the operators. */
  clientName?: string;
}

/** Arrays in the query are sent comma-separated (`?series=pangea,opson`), as the API documents them. */
const querySerializer = { array: { style: 'form', explode: false } } as const;

export function createOperationResultsClient(options: ClientOptions): OperationResultsClient {
  const client = createClient<paths, JsonMedia>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: options.fetch,
    querySerializer,
  });
  const headers: Middleware = {
    onRequest({ request }) {
      if (options.apiKey) request.headers.set('Authorization', `Bearer ${options.apiKey}`);
      if (options.clientName) request.headers.set('X-Client', options.clientName);
      return request;
    },
  };
  client.use(headers);
  return client;
}
