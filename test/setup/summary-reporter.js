// Ends every run with the plain totals line that CI reads: "N passed, N failed".
class SummaryReporter {
  onRunComplete(_testContexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
    require('node:fs').writeSync(1, `\n${line}\n`);
  }
}
module.exports = SummaryReporter;
