import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { contractValidator } from './utils/contract';

/**
 * Runs after every other e2e spec (test/setup/contract-sequencer.js) and reads
 * what each one exercised (test/setup/contract-check.ts): every operation of
 * openapi/openapi.json must have been called at least once. Only meaningful
 * for a run of all the e2e specs; a partial run skips it.
 */

const dir = process.env.CONTRACT_COVERAGE_DIR ?? '';
const runSpecs: string[] = JSON.parse(process.env.CONTRACT_RUN_SPECS ?? '[]');
const allSpecs = readdirSync(__dirname).filter((name) => name.endsWith('.e2e-spec.ts') && name !== basename(__filename));
const fullRun = dir !== '' && allSpecs.every((name) => runSpecs.some((path) => basename(path) === name));

/** With several workers the other specs may still be running: wait for each one's record (at most 10 minutes). */
async function recordsOfEverySpec(): Promise<Record<string, number[]>[]> {
  const deadline = Date.now() + 600_000;
  const file = (name: string) => join(dir, `${name}.json`);
  while (!allSpecs.every((name) => existsSync(file(name)))) {
    if (Date.now() > deadline) throw new Error(`No contract record from: ${allSpecs.filter((name) => !existsSync(file(name))).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return allSpecs.map((name) => (JSON.parse(readFileSync(file(name), 'utf8')) as { hits: Record<string, number[]> }).hits);
}

describe('Contract coverage (e2e)', () => {
  (fullRun ? it : it.skip)(
    'Contract tests cover every route',
    async () => {
      const records = await recordsOfEverySpec();
      const statuses = new Map<string, Set<number>>();
      for (const hits of records) {
        for (const [operationId, answered] of Object.entries(hits)) {
          const set = statuses.get(operationId) ?? new Set<number>();
          answered.forEach((status) => set.add(status));
          statuses.set(operationId, set);
        }
      }
      const operations = contractValidator().operations;
      const documentedStatuses = operations.reduce((sum, op) => sum + Object.keys(op.responses).length, 0);
      const answeredStatuses = operations.reduce(
        (sum, op) => sum + Object.keys(op.responses).filter((status) => statuses.get(op.operationId)?.has(Number(status))).length,
        0,
      );
      const uncovered = operations.filter((op) => !statuses.has(op.operationId)).map((op) => `${op.method.toUpperCase()} ${op.path} (${op.operationId})`);
      console.log(
        `Contract coverage: ${operations.length - uncovered.length}/${operations.length} operations exercised, ` +
          `${answeredStatuses}/${documentedStatuses} documented responses seen`,
      );
      expect(uncovered).toEqual([]);
    },
    660_000,
  );
});
