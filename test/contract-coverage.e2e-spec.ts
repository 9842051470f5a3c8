import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ContractRecord, contractValidator } from './utils/contract';

/**
 * Runs after every other e2e spec (test/setup/contract-sequencer.js) and reads
 * what each one exercised (test/setup/contract-check.ts), or why it skipped
 * all its tests (`recordSkippedSpec`, e.g. the browser suite without
 * Chromium): every operation of openapi/openapi.json must have been called at
 * least once. What a skipped spec would have exercised is reported as not
 * checked, never counted as passed. The route check is only meaningful for a
 * run of all the e2e specs; a partial run skips it.
 */

const dir = process.env.CONTRACT_COVERAGE_DIR ?? '';
const runSpecs = (JSON.parse(process.env.CONTRACT_RUN_SPECS ?? '[]') as string[]).map((path) => basename(path));
const allSpecs = readdirSync(__dirname).filter(
  (name) => name.endsWith('.e2e-spec.ts') && name !== basename(__filename),
);
const fullRun = dir !== '' && allSpecs.every((name) => runSpecs.includes(name));

/**
 * With several workers the other specs may still be running: their records are waited for, at most this long.
 * A spec that has ended (test/setup/contract-reporter.js) or skipped itself is never waited for; with --runInBand
 * every other spec has ended before this one starts.
 */
const WAIT_MS = 600_000;

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined; // not written yet (or being written)
  }
}

/** The records of `specs`, and the specs that ended without one (each with what happened). */
async function recordsOf(specs: string[]): Promise<{ records: ContractRecord[]; missing: string[] }> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const records: ContractRecord[] = [];
    const missing: string[] = [];
    const running: string[] = [];
    for (const name of specs) {
      const record = readJson<ContractRecord>(join(dir, `${name}.json`));
      const ended = record ? undefined : readJson<{ error?: string }>(join(dir, `${name}.ended.json`));
      if (record) records.push(record);
      else if (ended)
        missing.push(
          `${name} (${ended.error ? `failed to run: ${ended.error.split('\n')[0]}` : 'ended without running a test or saying why'})`,
        );
      else running.push(name);
    }
    if (running.length === 0) return { records, missing };
    if (Date.now() > deadline)
      return {
        records,
        missing: [...missing, ...running.map((name) => `${name} (no record within ${WAIT_MS / 1000} s)`)],
      };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const skippedSpecs = (records: ContractRecord[]) =>
  records.filter((record) => record.skipped).map((record) => `${basename(record.spec)} (${record.skipped})`);

function notice(lines: string[]): void {
  const rule = '*'.repeat(70);
  console.warn(`\n${rule}\n${lines.map((line) => `  ${line}`).join('\n')}\n${rule}\n`);
}

describe('Contract coverage (e2e)', () => {
  // Specs that had skipped themselves when this file was loaded (with --runInBand: all of them) show up as skipped here.
  for (const file of dir && existsSync(dir)
    ? readdirSync(dir).filter((name) => /\.e2e-spec\.ts\.json$/.test(name))
    : []) {
    const skipped = readJson<ContractRecord>(join(dir, file))?.skipped;
    if (skipped) it.skip(`what ${basename(file, '.json')} exercises (skipped: ${skipped})`, () => undefined);
  }

  it(
    'every e2e spec of the run says what it exercised, or why it skipped',
    async () => {
      const { records, missing } = await recordsOf(runSpecs);
      const skipped = skippedSpecs(records);
      if (skipped.length > 0) notice([`Contract coverage runs without the specs that skipped themselves:`, ...skipped]);
      expect(missing).toEqual([]);
    },
    WAIT_MS + 30_000,
  );

  (fullRun ? it : it.skip)(
    'Contract tests cover every route',
    async () => {
      const { records } = await recordsOf(allSpecs);
      const statuses = new Map<string, Set<number>>();
      for (const { hits } of records) {
        for (const [operationId, answered] of Object.entries(hits)) {
          const set = statuses.get(operationId) ?? new Set<number>();
          answered.forEach((status) => set.add(status));
          statuses.set(operationId, set);
        }
      }
      const operations = contractValidator().operations;
      const documentedStatuses = operations.reduce((sum, op) => sum + Object.keys(op.responses).length, 0);
      const answeredStatuses = operations.reduce(
        (sum, op) =>
          sum + Object.keys(op.responses).filter((status) => statuses.get(op.operationId)?.has(Number(status))).length,
        0,
      );
      const uncovered = operations
        .filter((op) => !statuses.has(op.operationId))
        .map((op) => `${op.method.toUpperCase()} ${op.path} (${op.operationId})`);
      const skipped = skippedSpecs(records);
      console.log(
        `Contract coverage: ${operations.length - uncovered.length}/${operations.length} operations exercised, ` +
          `${answeredStatuses}/${documentedStatuses} documented responses seen` +
          (skipped.length > 0 ? `, without ${skipped.join(', ')}` : ''),
      );
      if (skipped.length > 0 && uncovered.length > 0) {
        // Not a pass: the operations are named as not checked, and a run with every spec (CI) checks them.
        notice([
          `NOT CHECKED: ${uncovered.length} operation(s) that no spec of this run exercised:`,
          ...uncovered,
          `because these specs skipped themselves: ${skipped.join(', ')}`,
        ]);
        return;
      }
      expect(uncovered).toEqual([]);
    },
    WAIT_MS + 30_000,
  );
});
