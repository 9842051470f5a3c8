// For the contract coverage check (test/contract-coverage.e2e-spec.ts), in the main Jest process:
// - when an e2e spec has ended, writes CONTRACT_COVERAGE_DIR/<spec file>.ended.json, so that the check never waits
//   for the record of a spec that ended without writing one (it failed to load, or skipped its tests);
// - at the end of the run, names each spec that skipped itself and why, just above the totals line.
const { existsSync, readdirSync, readFileSync, writeFileSync, writeSync } = require('node:fs');
const { basename, join, relative } = require('node:path');

class ContractReporter {
  onTestFileResult(test, result) {
    const dir = process.env.CONTRACT_COVERAGE_DIR;
    if (!dir || !existsSync(dir) || !test.path.endsWith('.e2e-spec.ts')) return;
    const error = result.testExecError?.message;
    writeFileSync(join(dir, `${basename(test.path)}.ended.json`), JSON.stringify({ spec: test.path, ...(error ? { error } : {}) }));
  }

  onRunComplete() {
    const dir = process.env.CONTRACT_COVERAGE_DIR;
    if (!dir || !existsSync(dir)) return;
    const skipped = readdirSync(dir)
      .filter((name) => name.endsWith('.json') && !name.endsWith('.ended.json'))
      .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')))
      .filter((record) => record.skipped);
    for (const { spec, skipped: reason } of skipped) {
      writeSync(1, `\nSKIPPED ${relative(process.cwd(), spec)}: ${reason}`);
    }
    if (skipped.length > 0) writeSync(1, '\n');
  }
}

module.exports = ContractReporter;
