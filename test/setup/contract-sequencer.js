// Runs the contract coverage spec after every other one, and tells it which e2e specs this run holds.
const Sequencer = require('@jest/test-sequencer').default;

const COVERAGE_SPEC = 'contract-coverage.e2e-spec.ts';

class ContractSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const last = sorted.filter((test) => test.path.endsWith(COVERAGE_SPEC));
    const rest = sorted.filter((test) => !test.path.endsWith(COVERAGE_SPEC));
    process.env.CONTRACT_RUN_SPECS = JSON.stringify(rest.map((test) => test.path).filter((path) => path.endsWith('.e2e-spec.ts')));
    return [...rest, ...last];
  }
}

module.exports = ContractSequencer;
