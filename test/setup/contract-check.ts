import { contractHits, takeContractViolations, writeContractRecord } from '../utils/contract';

/**
 * Every e2e spec: a response that breaks the committed OpenAPI document fails
 * the test that caused it (see test/utils/contract.ts), and the operations the
 * spec exercised are written down for the coverage check.
 */
function failOnViolations(): void {
  const violations = takeContractViolations();
  if (violations.length === 0) return;
  const shown = violations.slice(0, 10).join('\n  ');
  const more = violations.length > 10 ? `\n  … and ${violations.length - 10} more` : '';
  throw new Error(`Responses that break openapi/openapi.json:\n  ${shown}${more}`);
}

afterEach(failOnViolations);

afterAll(() => {
  const testPath = expect.getState().testPath;
  if (testPath) writeContractRecord({ spec: testPath, hits: contractHits() });
  failOnViolations();
});
