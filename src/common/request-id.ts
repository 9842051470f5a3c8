import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A client's `X-Request-Id` when it is short and plain, otherwise a new UUID. */
export function requestIdFor(req: IncomingMessage): string {
  const existing = (req as IncomingMessage & { requestId?: string }).requestId;
  if (existing) return existing;
  const header = req.headers['x-request-id'];
  const given = Array.isArray(header) ? header[0] : header;
  const id = given && SAFE_REQUEST_ID.test(given) ? given : randomUUID();
  (req as IncomingMessage & { requestId?: string }).requestId = id;
  return id;
}
