/**
 * `npm run bench`: the statistics benchmark. It builds a synthetic database
 * (its own throw-away PostgreSQL, never the real data), then prints, next to
 * each target and a baseline measured in the same run:
 *   1. the time to generate 1,000,000 seizure and 200,000 arrest figures;
 *   2. every groupBy of /v1/stats/seizures, with and without filters: the naive
 *      SQL (the counting rules computed on the raw figures) against the stored
 *      rollups, checking that both give exactly the same rows, and the HTTP p95 latency;
 *   3. cached answers under load (autocannon, 50 connections, ten paired rounds of 5 s):
 *      /v1/stats/summary, /v1/operations?limit=50 and /v1/operations/{code}, each against a bare
 *      node:http server sending the same bytes and headers;
 *   4. the time from a write on one API process (a PATCH with an editor key) to the new answer on a
 *      second process on the same database, against the writing process's own new answer.
 * Sizes can be lowered for a quick try: BENCH_OPERATIONS, BENCH_SEIZURES, BENCH_ARRESTS, BENCH_LOAD_SECONDS,
 * BENCH_LOAD_ROUNDS, BENCH_WRITES.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { findFreePort, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { buildTypeOrmOptions } from '../../src/database/typeorm.options';
import { createApiKey } from '../../src/api-keys/api-keys.service';
import {
  GroupDimension,
  ResolvedStatsFilters,
  StatsRepository,
  StatsSelection,
} from '../../src/stats/stats.repository';
import { generateSyntheticData } from './synthetic-data';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';

interface LoadResult {
  requests: { average: number };
  non2xx: number;
  errors: number;
}
// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
}) => Promise<LoadResult>;

const SIZE = {
  operations: Number(process.env.BENCH_OPERATIONS ?? 5000),
  seizures: Number(process.env.BENCH_SEIZURES ?? 1_000_000),
  arrests: Number(process.env.BENCH_ARRESTS ?? 200_000),
};
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const LOAD_ROUNDS = Number(process.env.BENCH_LOAD_ROUNDS ?? 10);
const WRITES = Number(process.env.BENCH_WRITES ?? 40);
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
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

/** Sends SIGTERM and resolves once the process has exited (or after 10 s). */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
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
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors under load`);
  return result.requests.average;
}

const BARE_SERVER = `
const http = require('node:http');
const body = Buffer.from(process.env.BODY, 'base64');
const headers = JSON.parse(process.env.HEADERS);
http.createServer((req, res) => { res.writeHead(200, headers); res.end(body); }).listen(Number(process.env.PORT), '127.0.0.1');
`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Requests per second of a cached answer of the API and of a bare node:http server sending the same body and
 * headers, in LOAD_ROUNDS pairs of rounds. The ratio is the median of each pair's API/bare ratio, so that a
 * change in the machine's load between pairs (it may be shared) weighs on both sides alike; short rounds keep the
 * two of a pair close in time, and ten pairs make the median steadier than five (in five pairs of 10 s, the
 * list's median moved between 71 % and 91 % from one run to the next with the fast path unchanged). The answer is asked
 * twice first: the first computes and stores it, the second comes from the cache, and its headers are the ones copied.
 */
async function againstBare(
  url: string,
  children: ChildProcess[],
): Promise<{
  bytes: number;
  apiRps: number;
  bareRps: number;
  ratio: number;
  apiRounds: number[];
  bareRounds: number[];
}> {
  await (await fetch(url, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer();
  const sample = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  if (!sample.ok) throw new Error(`${url}: ${sample.status} ${await sample.text()}`);
  const body = Buffer.from(await sample.arrayBuffer());
  // The same bytes on the wire: the body and every header the API sent (Node adds date and connection itself).
  const headers: Record<string, string> = {};
  sample.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'].includes(name))
      headers[name] = value;
  });
  const barePort = await findFreePort();
  const bareServer = startProcess(['-e', BARE_SERVER], {
    PORT: String(barePort),
    BODY: body.toString('base64'),
    HEADERS: JSON.stringify(headers),
  });
  children.push(bareServer);
  const bare = `http://127.0.0.1:${barePort}/`;
  await waitFor(bare, 10);
  const apiRounds: number[] = [];
  const bareRounds: number[] = [];
  for (let round = 0; round < LOAD_ROUNDS; round += 1) {
    // Each server goes first in every other round, so that neither gains from its place in the pair.
    if (round % 2 === 0) {
      apiRounds.push(await load(url));
      bareRounds.push(await load(bare));
    } else {
      bareRounds.push(await load(bare));
      apiRounds.push(await load(url));
    }
  }
  await stopProcess(bareServer);
  const ratio = median(apiRounds.map((rps, i) => rps / bareRounds[i]));
  return { bytes: body.length, apiRps: median(apiRounds), bareRps: median(bareRounds), ratio, apiRounds, bareRounds };
}

/**
 * Times `count` GETs of `url` one after the other (uncompressed, on one keep-alive connection), from sending each
 * request to the last byte of its answer, in a process of its own: a client that counts the bytes and keeps none,
 * with a small heap of its own. In this process, `fetch` and `arrayBuffer()` cost the client itself 40 to 110 ms
 * (p95) on the 18 MB of every operation's statistics, which curl receives in 6 ms, and the collections of a heap
 * that holds the naive and rollup results landed in the timings: the figure would be the client's, not the server's.
 */
const TIMER = `
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const once = () => new Promise((resolve, reject) => {
  const start = performance.now();
  http.get(process.env.URL, { agent, headers: { 'accept-encoding': 'identity' } }, (res) => {
    const failed = res.statusCode !== 200;
    const chunks = [];
    res.on('data', (chunk) => { if (failed) chunks.push(chunk); });
    res.on('error', reject);
    res.on('end', () => failed ? reject(new Error(res.statusCode + ' ' + Buffer.concat(chunks))) : resolve(performance.now() - start));
  }).on('error', reject);
});
(async () => {
  const times = [];
  for (let i = 0; i < Number(process.env.COUNT); i += 1) times.push(await once());
  agent.destroy();
  process.stdout.write(JSON.stringify(times));
})().catch((error) => { process.stderr.write(String(error.message)); process.exit(1); });
`;

function answerTimes(url: string, count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', TIMER], {
      env: { ...process.env, URL: url, COUNT: String(count) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`${url}: ${err || `exit ${code}`}`)),
    );
  });
}

async function text(url: string): Promise<string> {
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.text();
}

/** Asks `url` until its body differs from `before`; the time it first does (performance.now()), or undefined after `timeoutMs`. */
async function changedAt(url: string, before: string, timeoutMs: number): Promise<number | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if ((await text(url)) !== before) return performance.now();
    await new Promise((r) => setTimeout(r, 2));
  }
  return undefined;
}

/**
 * `count` corrections of an arrest figure through process A (PATCH with an editor key, quantity + 1), each on
 * another operation. Before each, process B has cached the figure, its operation's arrest list and its
 * operation's arrest statistics; the time is from sending the write to B answering every one of the three
 * anew (and from A's answer to the write, when it has committed), and, as the baseline, to A answering the
 * figure anew.
 */
async function writeThenRead(
  dataSource: DataSource,
  a: string,
  b: string,
  count: number,
): Promise<{
  writes: number;
  urls: number;
  writeMs: number[];
  ownMs: number[];
  otherMs: number[];
  afterAnswerMs: number[];
  stale: number;
}> {
  const editor = await dataSource.transaction((manager) =>
    createApiKey(manager, { name: 'Benchmark editor', role: 'editor', createdBy: 'bench' }),
  );
  // Preferred operation-level arrest counts, one an operation: a correction moves the operation's total.
  const figures = await dataSource.query<{ id: number; quantity: string; code: string }[]>(
    `SELECT DISTINCT ON (o.id) f.id, f.quantity::text AS quantity, o.code FROM figures f JOIN operations o ON o.id = f.operation_id
      WHERE f.type = 'arrest' AND f.kind = 'arrests' AND f.preferred AND f.deleted_at IS NULL AND f.country_iso2 IS NULL AND f.category IS NULL
      ORDER BY o.id, f.id LIMIT $1`,
    [count * 2],
  );
  const writeMs: number[] = [];
  const ownMs: number[] = [];
  const otherMs: number[] = [];
  const afterAnswerMs: number[] = [];
  let stale = 0;
  let urls = 0;
  for (const figure of figures) {
    if (writeMs.length >= count) break;
    const paths = [
      `/v1/arrests/${figure.id}`,
      `/v1/arrests?operation=${figure.code}&limit=1000`,
      `/v1/stats/arrests?operation=${figure.code}`,
    ];
    urls = paths.length;
    const before: string[] = [];
    // Twice: the second answer is B's cached one, the one that must not outlive the write.
    for (const path of paths) {
      await text(`${b}${path}`);
      before.push(await text(`${b}${path}`));
    }
    const ownBefore = await text(`${a}${paths[0]}`);
    const sent = performance.now();
    const res = await fetch(`${a}/v1/arrests/${figure.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${editor.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        quantity: String(BigInt(figure.quantity) + 1n),
        reason: 'benchmark: a correction on one process, read on another',
      }),
    });
    const answered = performance.now();
    const problem = res.ok ? undefined : await res.text();
    if (!res.ok) {
      // A synthetic figure the rules refuse to correct (e.g. a source dated before its operation): take the next.
      if (res.status === 422 || res.status === 409) continue;
      throw new Error(`PATCH /v1/arrests/${figure.id}: ${res.status} ${problem}`);
    }
    await res.arrayBuffer();
    writeMs.push(answered - sent);
    const [own, ...others] = await Promise.all([
      changedAt(`${a}${paths[0]}`, ownBefore, 5000),
      ...paths.map((path, i) => changedAt(`${b}${path}`, before[i], 5000)),
    ]);
    if (own === undefined || others.some((t) => t === undefined)) stale += 1;
    ownMs.push((own ?? performance.now()) - sent);
    const seen = Math.max(...others.map((t) => t ?? performance.now()));
    otherMs.push(seen - sent);
    afterAnswerMs.push(seen - answered);
  }
  if (writeMs.length < count)
    throw new Error(`only ${writeMs.length} of ${count} synthetic arrest figures could be corrected`);
  return { writes: writeMs.length, urls, writeMs, ownMs, otherMs, afterAnswerMs, stale };
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  const dir = await mkdtemp(join(tmpdir(), 'operation-results-bench-'));
  await chmod(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: join(dir, 'data'),
    port: await findFreePort(),
    database: 'operation_results_bench',
    ephemeral: true,
  });
  const children: ChildProcess[] = [];
  const dataSource = new DataSource(buildTypeOrmOptions({ url: pg.url, statementTimeoutMs: 600000, poolSize: 4 }));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });

    say(`Generating ${SIZE.operations} operations, ${SIZE.seizures} seizure and ${SIZE.arrests} arrest figures…`);
    const [report, generationMs] = await time(() =>
      dataSource.transaction((manager) => generateSyntheticData(manager, SIZE)),
    );
    await dataSource.query('ANALYZE');
    say(
      `  ${report.figures} figures, ${report.preferred} preferred, ${report.rollups} rollup rows; ` +
        `phases (s): reference ${report.seconds.reference.toFixed(1)}, figures ${report.seconds.figures.toFixed(1)}, ` +
        `preference ${report.seconds.preference.toFixed(1)}, rollups ${report.seconds.rollups.toFixed(1)}`,
    );
    table.push({
      check: `generate ${report.figures.toLocaleString('en')} figures`,
      measured: `${(generationMs / 1000).toFixed(1)} s`,
      target: '< 120 s',
      baseline: '-',
      verdict: generationMs < 120_000 ? 'ok' : 'MISSED',
    });

    // Start the API on the synthetic database, with logging and rate limiting out of the way.
    const apiPort = await findFreePort();
    const apiEnv = {
      DATABASE_URL: pg.url,
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      SEED_ON_START: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_MINUTE_WITH_KEY: '0',
    };
    children.push(startProcess(['dist/src/main.js'], { ...apiEnv, PORT: String(apiPort) }));
    const api = `http://127.0.0.1:${apiPort}`;
    await waitFor(`${api}/ready`, 60);

    const repository = new StatsRepository(dataSource);
    const [series] = await dataSource.query<{ id: number; code: string }[]>(
      'SELECT id, code FROM series ORDER BY id LIMIT 1',
    );
    const europe = await dataSource.query<{ id: number }[]>(
      "WITH RECURSIVE r AS (SELECT id FROM regions WHERE code = 'europe' UNION ALL SELECT g.id FROM regions g JOIN r ON g.parent_id = r.id) SELECT id FROM r",
    );
    const europeCountries = (
      await dataSource.query<{ country_iso2: string }[]>(
        "SELECT country_iso2 FROM region_countries rc JOIN regions g ON g.id = rc.region_id WHERE g.code = 'europe'",
      )
    ).map((c) => c.country_iso2);
    const filterCases: { name: string; query: string; filters: ResolvedStatsFilters }[] = [
      { name: 'no filter', query: '', filters: {} },
      { name: `series=${series.code}`, query: `series=${series.code}`, filters: { seriesIds: [series.id] } },
      {
        name: 'yearFrom=2010&yearTo=2015&region=europe',
        query: 'yearFrom=2010&yearTo=2015&region=europe',
        filters: { yearFrom: 2010, yearTo: 2015, regionIds: europe.map((r) => r.id), regionCountries: europeCountries },
      },
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
        // Uncompressed, so the figure is the server's answer time, not the client's gunzip of a large body.
        const [coldMs, ...warm] = await answerTimes(url, 101);
        const p95 = percentile(warm, 95);
        const rollupP95 = percentile(rollupSamples, 95);
        table.push({
          check: `seizures groupBy=${groupBy}, ${filterCase.name} (${fast.length} rows)`,
          measured: `warm p95 ${p95.toFixed(1)} ms; first ${coldMs.toFixed(0)} ms; rollup SQL p95 ${rollupP95.toFixed(0)} ms`,
          target: 'p95 <= 50 ms, < naive, equal rows',
          baseline: `naive SQL ${naiveMs.toFixed(0)} ms`,
          verdict:
            p95 <= 50 && rollupP95 < naiveMs && coldMs < naiveMs && equal
              ? 'ok'
              : `MISSED${equal ? '' : ' (rows differ)'}`,
        });
        say(
          `  ${table[table.length - 1].check}: ${table[table.length - 1].measured} | ${table[table.length - 1].baseline} | ${table[table.length - 1].verdict}`,
        );
      }
    }

    // Cached answers under load, each against a bare node:http server sending the same bytes and headers.
    const [operation] = await dataSource.query<{ code: string }[]>(
      "SELECT code FROM operations WHERE code = 'syn-op-1'",
    );
    const loaded: { path: string; name: string; target: number }[] = [
      { path: '/v1/stats/summary', name: 'summary', target: 0.6 },
      { path: '/v1/operations?limit=50', name: 'operations?limit=50', target: 0.75 },
      { path: `/v1/operations/${operation.code}`, name: `operations/${operation.code}`, target: 0.75 },
    ];
    for (const { path, name, target } of loaded) {
      const compared = await againstBare(`${api}${path}`, children);
      const { ratio } = compared;
      say(
        `  ${name} (${compared.bytes} bytes), rounds (req/s): API ${compared.apiRounds.map(Math.round).join(', ')}; bare ${compared.bareRounds.map(Math.round).join(', ')}`,
      );
      table.push({
        check: `${name} cached, under load (${compared.bytes} bytes, ${LOAD_ROUNDS} paired rounds)`,
        measured: `${Math.round(compared.apiRps).toLocaleString('en')} req/s (${(ratio * 100).toFixed(0)}% of bare)`,
        target: `>= ${target * 100}% of bare node:http`,
        baseline: `bare node:http ${Math.round(compared.bareRps).toLocaleString('en')} req/s`,
        verdict: ratio >= target ? 'ok' : 'MISSED',
      });
    }

    // A write on one process, the new answer on another: a second API process on the same database.
    const otherPort = await findFreePort();
    children.push(startProcess(['dist/src/main.js'], { ...apiEnv, PORT: String(otherPort) }));
    const other = `http://127.0.0.1:${otherPort}`;
    await waitFor(`${other}/ready`, 60);
    const propagation = await writeThenRead(dataSource, api, other, WRITES);
    say(
      `  ${propagation.writes} writes on A (PATCH, p50 ${percentile(propagation.writeMs, 50).toFixed(0)} ms); ` +
        `new answers on B after the write was sent (ms): ${propagation.otherMs.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
    const p95 = percentile(propagation.otherMs, 95);
    table.push({
      check: `write on process A, new answer on process B (${propagation.writes} writes; ${propagation.urls} URLs each)`,
      measured:
        `p50 ${percentile(propagation.otherMs, 50).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${Math.max(...propagation.otherMs).toFixed(0)} ms ` +
        `(after A's answer: p95 ${percentile(propagation.afterAnswerMs, 95).toFixed(0)} ms)`,
      target: 'p95 <= 1000 ms',
      baseline: `on A itself: p95 ${percentile(propagation.ownMs, 95).toFixed(0)} ms (the write: p95 ${percentile(propagation.writeMs, 95).toFixed(0)} ms)`,
      verdict:
        p95 <= 1000 && propagation.stale === 0
          ? 'ok'
          : `MISSED${propagation.stale ? ` (${propagation.stale} writes not seen within 5 s)` : ''}`,
    });
  } finally {
    // The API processes first, so that none of them sees its database go away under it.
    await Promise.all(children.map(stopProcess));
    await dataSource.destroy().catch(() => undefined);
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }

  const widths = (['check', 'measured', 'target', 'baseline', 'verdict'] as const).map((k) =>
    Math.max(k.length, ...table.map((r) => r[k].length)),
  );
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  say('');
  // The machine may be shared: its load says how far the figures can be compared with another run's.
  say(
    `Statistics benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, ` +
      `load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end`,
  );
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
