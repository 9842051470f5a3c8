import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Browser, chromium } from 'playwright-core';

// The browser of the rendering specs: Debian's Chromium (or the one CHROMIUM_PATH names), driven by
// playwright-core, which never downloads a browser. Without it a spec skips itself and says so (the contract
// coverage check and the end of the run name a spec that skipped all its tests); with CI set, a missing browser fails it.

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const hasChromium = existsSync(CHROMIUM);
export const inCi = Boolean(process.env.CI);

/**
 * Says loudly, once per spec file, that its browser tests are skipped for want of a browser. A spec that skips
 * all its tests also calls `recordSkippedSpec` (test/utils/contract.ts); one whose HTTP tests still run does not,
 * since its record then says what those exercised.
 */
export function noticeMissingChromium(specFile: string): void {
  if (hasChromium || inCi) return;
  console.warn(
    `\n**********************************************************************\n` +
      `  SKIPPED test/${basename(specFile)}: Chromium not found at ${CHROMIUM}.\n` +
      `  Install it with: apt-get update && apt-get install -y chromium\n` +
      `  or set CHROMIUM_PATH to a Chromium or Chrome binary.\n` +
      `  (with CI set, a missing Chromium fails this suite instead)\n` +
      `**********************************************************************\n`,
  );
}

/** The browser, or (with CI set and none found) the error that fails the suite. */
export function launchChromium(): Promise<Browser> {
  if (!hasChromium)
    throw new Error(
      `CI is set and Chromium is not found at ${CHROMIUM}: .ci/run installs Debian's chromium before npm test.`,
    );
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
