/**
 * `npm run bench`: the statistics benchmark. It builds a synthetic database
 * (its own throw-away PostgreSQL, never the real data), then prints, next to
 * each target and a baseline measured in the same run:
 *   1. the time to generate 1,000,000 seizure and 200,000 arrest figures;
 *   2. every groupBy of /v1/stats/seizures, with and without filters: the naive
 *      SQL (the counting rules computed on the raw figures) against the stored
 *      rollups, checking that both give exactly the same rows, and the HTTP p95 latency;
 *   3. /v1/stats/summary under load (autocannon, 50 connections, 10 s) against a
 *      bare node:http server returning the same bytes.
 * Sizes can be lowered for a quick try: BENCH_OPERATIONS, BENCH_SEIZURES, BENCH_ARRESTS, BENCH_LOAD_SECONDS.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { findFreePort, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { buildTypeOrmOptions } from '../../src/database/typeorm.options';
import { GroupDimension, ResolvedStatsFilters, StatsRepository, StatsSelection } from '../../src/stats/stats.repository';
import { generateSyntheticData } from './synthetic-data';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';

interface LoadResult {
  requests: { average: number };
  non2xx: number;
  errors: number;
}
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: { url: string; connections: number; duration: number }) => Promise<LoadResult>;

const SIZE = {
  operations: Number(process.env.BENCH_OPERATIONS ?? 5000),
  seizures: Number(process.env.BENCH_SEIZURES ?? 1_000_000),
  arrests: Number(process.env.BENCH_ARRESTS ?? 200_000),
};
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const ROOT = join(__dirname, '..', '..', '..');

interface Row {
  check: string;
  measured: string;
  target: string;
  baseline: string;
  verdict: string;
}
const table: Row[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

function startProcess(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

async function waitFor(url: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

async function load(url: string): Promise<number> {
  const result = await autocannon({ url, connections: 50, duration: LOAD_SECONDS });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors under load`);
  return result.requests.average;
}

const BARE_SERVER = `
const http = require('node:http');
const body = Buffer.from(process.env.BODY, 'base64');
const headers = JSON.parse(process.env.HEADERS);
http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); }).listen(Number(process.env.PORT), '127.0.0.1');
`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'operation-results-bench-'));
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await findFreePort(), database: 'operation_results_bench', ephemeral: true });
  const children: ChildProcess[] = [];
  const dataSource = new DataSource(buildTypeOrmOptions({ url: pg.url, statementTimeoutMs: 600000, poolSize: 4 }));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });

    say(`Generating ${SIZE.operations} operations, ${SIZE.seizures} seizure and ${SIZE.arrests} arrest figures…`);
    const [report, generationMs] = await time(() => dataSource.transaction((manager) => generateSyntheticData(manager, SIZE)));
    await dataSource.query('ANALYZE');
    say(`  ${report.figures} figures, ${report.preferred} preferred, ${report.rollups} rollup rows; ` +
      `phases (s): reference ${report.seconds.reference.toFixed(1)}, figures ${report.seconds.figures.toFixed(1)}, ` +
      `preference ${report.seconds.preference.toFixed(1)}, rollups ${report.seconds.rollups.toFixed(1)}`);
    table.push({
      check: `generate ${report.figures.toLocaleString('en')} figures`,
      measured: `${(generationMs / 1000).toFixed(1)} s`,
      target: '< 120 s',
      baseline: '-',
      verdict: generationMs < 120_000 ? 'ok' : 'MISSED',
    });

    // Start the API on the synthetic database, with logging and rate limiting out of the way.
    const apiPort = await findFreePort();
    children.push(startProcess(['dist/src/main.js'], {
      DATABASE_URL: pg.url, PORT: String(apiPort), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn',
      SEED_ON_START: 'false', RATE_LIMIT_PER_MINUTE: '0',
    }));
    const api = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${api}/ready`, 60);

    const repository = new StatsRepository(dataSource);
    const [series] = await dataSource.query<{ id: number; code: string }[]>("SELECT id, code FROM series ORDER BY id LIMIT 1");
    const europe = await dataSource.query<{ id: number }[]>(
      "WITH RECURSIVE r AS (SELECT id FROM regions WHERE code = 'europe' UNION ALL SELECT g.id FROM regions g JOIN r ON g.parent_id = r.id) SELECT id FROM r",
    );
    const europeCountries = (await dataSource.query<{ country_iso2: string }[]>(
      "SELECT country_iso2 FROM region_countries rc JOIN regions g ON g.id = rc.region_id WHERE g.code = 'europe'",
    )).map((c) => c.country_iso2);
    const filterCases: { name: string; query: string; filters: ResolvedStatsFilters }[] = [
      { name: 'no filter', query: '', filters: {} },
      { name: `series=${series.code}`, query: `series=${series.code}`, filters: { seriesIds: [series.id] } },
      { name: 'yearFrom=2010&yearTo=2015&region=europe', query: 'yearFrom=2010&yearTo=2015&region=europe',
        filters: { yearFrom: 2010, yearTo: 2015, regionIds: europe.map((r) => r.id), regionCountries: europeCountries } },
    ];
    const dimensions: GroupDimension[] = ['year', 'series', 'operation', 'region', 'country', 'category'];
    for (const groupBy of dimensions) {
      for (const filterCase of filterCases) {
        const scope = groupBy === 'country' ? 'country' : groupBy === 'category' ? 'category' : 'operation';
        const selection: StatsSelection = { scope, type: 'seizure', groupBy: [groupBy], filters: filterCase.filters };
        const [naive, naiveMs] = await time(() => repository.aggregate(selection, 'raw'));
        const rollupSamples: number[] = [];
        let fast = await repository.aggregate(selection, 'rollups');
        for (let i = 0; i < 5; i += 1) {
          const [rows, ms] = await time(() => repository.aggregate(selection, 'rollups'));
          rollupSamples.push(ms);
          fast = rows;
        }
        const equal = isDeepStrictEqual(fast, naive);
        const url = `${api}/v1/stats/seizures?groupBy=${groupBy}${filterCase.query ? `&${filterCase.query}` : ''}`;
        const [, coldMs] = await time(async () => {
          const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
          if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        });
        // Uncompressed, so the figure is the server's answer time, not the client's gunzip of a large body.
        const warm: number[] = [];
        for (let i = 0; i < 100; i += 1) {
          const [, ms] = await time(async () => (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
          warm.push(ms);
        }
        const p95 = percentile(warm, 95);
        const rollupP95 = percentile(rollupSamples, 95);
        table.push({
          check: `seizures groupBy=${groupBy}, ${filterCase.name} (${fast.length} rows)`,
          measured: `warm p95 ${p95.toFixed(1)} ms; first ${coldMs.toFixed(0)} ms; rollup SQL p95 ${rollupP95.toFixed(0)} ms`,
          target: 'p95 <= 50 ms, < naive, equal rows',
          baseline: `naive SQL ${naiveMs.toFixed(0)} ms`,
          verdict: p95 <= 50 && rollupP95 < naiveMs && coldMs < naiveMs && equal ? 'ok' : `MISSED${equal ? '' : ' (rows differ)'}`,
        });
        say(`  ${table[table.length - 1].check}: ${table[table.length - 1].measured} | ${table[table.length - 1].baseline} | ${table[table.length - 1].verdict}`);
      }
    }

    // Summary under load, against a bare node:http server returning the same bytes.
    const summaryUrl = `${api}/v1/stats/summary`;
    const sample = await fetch(summaryUrl, { headers: { 'accept-encoding': 'identity' } });
    const body = Buffer.from(await sample.arrayBuffer());
    // The same bytes on the wire: the body and every header the API sent (Node adds date and connection itself).
    const headers: Record<string, string> = {};
    sample.headers.forEach((value, name) => {
      if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name)) headers[name] = value;
    });
    const barePort = await findFreePort();
    children.push(startProcess(['-e', BARE_SERVER], { PORT: String(barePort), BODY: body.toString('base64'), HEADERS: JSON.stringify(headers) }));
    const bare = `http://127.0.0.1:${barePort}/`;
    await waitFor(bare, 10);
    say(`Load: /v1/stats/summary (${body.length} bytes) and a bare node:http server, 50 connections, ${LOAD_SECONDS} s each, 3 alternating rounds…`);
    const apiRounds: number[] = [];
    const bareRounds: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      apiRounds.push(await load(summaryUrl));
      bareRounds.push(await load(bare));
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const apiRps = median(apiRounds);
    const bareRps = median(bareRounds);
    say(`  rounds (req/s): API ${apiRounds.map(Math.round).join(', ')}; bare ${bareRounds.map(Math.round).join(', ')}`);
    const ratio = apiRps / bareRps;
    table.push({
      check: `summary under load (${body.length} bytes, median of 3 rounds)`,
      measured: `${Math.round(apiRps).toLocaleString('en')} req/s`,
      target: '>= 60% of bare node:http',
      baseline: `bare node:http ${Math.round(bareRps).toLocaleString('en')} req/s (${(ratio * 100).toFixed(0)}%)`,
      verdict: ratio >= 0.6 ? 'ok' : 'MISSED',
    });
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await dataSource.destroy().catch(() => undefined);
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }

  const widths = (['check', 'measured', 'target', 'baseline', 'verdict'] as const).map((k) => Math.max(k.length, ...table.map((r) => r[k].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  say('');
  say(`Statistics benchmark, ${new Date().toISOString().slice(0, 10)}, ${require('node:os').cpus().length} cores, Node ${process.version}`);
  say(line(['check', 'measured', 'target', 'baseline', 'verdict']));
  say(line(widths.map((w) => '-'.repeat(w))));
  for (const row of table) say(line([row.check, row.measured, row.target, row.baseline, row.verdict]));
  if (table.some((r) => r.verdict !== 'ok')) process.exitCode = 1;
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with status 0.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
