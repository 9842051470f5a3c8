import { unzipSync } from 'fflate';
import { Server } from 'node:http';
import request from 'supertest';

/** Collects a binary body (supertest buffers only text by default). */
const binaryBody: Parameters<request.Test['parse']>[0] = (res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

export interface DatasetZip {
  res: request.Response;
  body: Buffer;
  /** File name → contents. */
  files: Record<string, Buffer>;
  text(name: string): string;
}

/** GET /v1/downloads/dataset.zip (200 expected), unzipped. */
export async function getDatasetZip(server: Server, headers: Record<string, string> = {}): Promise<DatasetZip> {
  const res = await request(server)
    .get('/v1/downloads/dataset.zip')
    .set(headers)
    .buffer(true)
    .parse(binaryBody)
    .expect(200);
  const body = res.body as Buffer;
  const files = Object.fromEntries(
    Object.entries(unzipSync(new Uint8Array(body))).map(([name, data]) => [name, Buffer.from(data)]),
  );
  return { res, body, files, text: (name) => files[name].toString('utf8') };
}
