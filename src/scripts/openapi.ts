import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateOpenApiDocument } from '../app.setup';
import { sortKeys } from '../common/sort-keys';

export const OPENAPI_FILE = join(process.cwd(), 'openapi', 'openapi.json');

/** Writes openapi/openapi.json: sorted keys, no timestamps, so the committed file only changes with the contract. */
async function main(): Promise<void> {
  const document = await generateOpenApiDocument();
  mkdirSync(dirname(OPENAPI_FILE), { recursive: true });
  writeFileSync(OPENAPI_FILE, `${JSON.stringify(sortKeys(document), null, 2)}\n`);
  console.log(`Wrote ${OPENAPI_FILE} (${Object.keys(document.paths).length} paths)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
