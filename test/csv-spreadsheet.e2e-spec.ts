import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { recordSkippedSpec } from './utils/contract';
import { getDatasetZip } from './utils/dataset-zip';
import { DANGEROUS_START, FORMULA_PAYLOADS, HOSTILE_OPERATION, writeHostileText } from './utils/hostile-text';
import { createSeededScratchApp, SeededScratchApp } from './utils/seeded-scratch';

// A real spreadsheet opens the CSV the API writes: LibreOffice Calc (Debian's libreoffice-calc-nogui, which
// .ci/run installs; SOFFICE_PATH names another binary) converts it headless into a flat OpenDocument spreadsheet, in
// which no cell may be a formula and every value must come back as written: text as text (the quote that
// neutralises a formula included), numbers as numbers. The import evaluates formulas, as LibreOffice does by default
// when a CSV file is opened. Without LibreOffice the suite skips itself and says so (the contract coverage check and
// the end of the run name it too); with CI set, a missing LibreOffice fails it.

const SOFFICE = process.env.SOFFICE_PATH || '/usr/bin/soffice';
const hasSoffice = existsSync(SOFFICE);
const inCi = Boolean(process.env.CI);
jest.setTimeout(180_000);

if (!hasSoffice && !inCi) {
  console.warn(
    `\n**********************************************************************\n` +
      `  SKIPPED test/csv-spreadsheet.e2e-spec.ts: LibreOffice not found at ${SOFFICE}.\n` +
      `  Install it with: apt-get update && apt-get install -y libreoffice-calc-nogui\n` +
      `  or set SOFFICE_PATH to a LibreOffice soffice binary.\n` +
      `  (with CI set, a missing LibreOffice fails this suite instead)\n` +
      `**********************************************************************\n`,
  );
  recordSkippedSpec(__filename, `LibreOffice not found at ${SOFFICE}`);
}

/**
 * The CSV import filter: comma, double quote, UTF-8 (76), from line 1, default column types, English (1033),
 * quoted fields not forced to text, no special-number detection, ..., "evaluate formulas" on (the 13th token).
 */
const CSV_IMPORT = 'CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true';

/** One cell of the spreadsheet as LibreOffice stored it. */
interface SheetCell {
  type?: string;
  value?: string;
  dateValue?: string;
  formula?: string;
  text: string;
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

function childrenOf(node: XmlNode): XmlNode[] {
  const children = node[tagOf(node)];
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}
const tagOf = (node: XmlNode) => Object.keys(node).find((key) => key !== ':@')!;

function findAll(nodes: XmlNode[], tag: string): XmlNode[] {
  return nodes.flatMap((node) => (tagOf(node) === tag ? [node] : findAll(childrenOf(node), tag)));
}

/** The text of a paragraph: runs, spaces (`text:s`), tabs and line breaks as they are. */
function paragraphText(nodes: XmlNode[]): string {
  return nodes
    .map((node) => {
      const tag = tagOf(node);
      if (tag === '#text') return String(node['#text']);
      if (tag === 'text:s') return ' '.repeat(Number(node[':@']?.['text:c'] ?? 1));
      if (tag === 'text:tab') return '\t';
      if (tag === 'text:line-break') return '\n';
      return paragraphText(childrenOf(node));
    })
    .join('');
}

/** The first sheet of a flat ODS file as rows of cells, repeated rows and cells expanded, trailing empties dropped. */
function sheetOf(fods: string): SheetCell[][] {
  const [sheet] = findAll(xml.parse(fods) as XmlNode[], 'table:table');
  const rows: SheetCell[][] = [];
  for (const row of findAll(childrenOf(sheet), 'table:table-row')) {
    const cells: SheetCell[] = [];
    for (const cell of childrenOf(row).filter((c) => tagOf(c) === 'table:table-cell')) {
      const attributes = cell[':@'] ?? {};
      const paragraphs = childrenOf(cell).filter((c) => tagOf(c) === 'text:p');
      const value: SheetCell = {
        type: attributes['office:value-type'],
        value: attributes['office:value'],
        dateValue: attributes['office:date-value'],
        formula: attributes['table:formula'],
        text: paragraphs.map((p) => paragraphText(childrenOf(p))).join('\n'),
      };
      for (let i = 0; i < Number(attributes['table:number-columns-repeated'] ?? 1); i++) cells.push(value);
    }
    while (cells.length > 0 && !cells[cells.length - 1].type) cells.pop();
    for (let i = 0; i < Number(row[':@']?.['table:number-rows-repeated'] ?? 1); i++) rows.push(cells);
  }
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

const run = promisify(execFile);

/** Opens a CSV file in LibreOffice Calc and returns what it made of it. */
async function openInCalc(csv: Buffer | string, name: string): Promise<SheetCell[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'csv-spreadsheet-'));
  try {
    writeFileSync(join(dir, `${name}.csv`), csv);
    // A profile of its own: never the user's, and no clash with a LibreOffice already running.
    await run(
      SOFFICE,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        `--infilter=${CSV_IMPORT}`,
        '--convert-to',
        'fods',
        '--outdir',
        dir,
        join(dir, `${name}.csv`),
      ],
      { timeout: 120_000 },
    );
    return sheetOf(readFileSync(join(dir, `${name}.fods`), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Where the spreadsheet differs from the CSV: a formula, a number that is not the number written, a date that is
 * not the ISO date written, text that is not the text written.
 */
function differences(csv: Buffer | string, sheet: SheetCell[][]): string[] {
  const records = parse(csv, { bom: true }) as string[][];
  const problems: string[] = [];
  const lines = (text: string) => text.replace(/\r\n?/g, '\n');
  records.forEach((record, r) =>
    record.forEach((written, c) => {
      const cell: SheetCell = sheet[r]?.[c] ?? { text: '' };
      const at = `row ${r + 1} column ${c + 1} (${JSON.stringify(written.slice(0, 40))})`;
      if (cell.formula) problems.push(`${at}: a formula, ${cell.formula}`);
      else if (written === '') {
        if (cell.type) problems.push(`${at}: empty in the CSV, ${cell.type} ${JSON.stringify(cell.text)} in the sheet`);
      } else if (cell.type === 'float') {
        if (Number(cell.value) !== Number(written) || !/^-?\d+(\.\d+)?$/.test(written))
          problems.push(`${at}: read as the number ${cell.value}`);
      } else if (cell.type === 'date') {
        if (cell.dateValue !== written) problems.push(`${at}: read as the date ${cell.dateValue}`);
      } else if (cell.type !== 'string' || lines(cell.text) !== lines(written)) {
        problems.push(`${at}: read as ${cell.type} ${JSON.stringify(cell.text)}`);
      }
    }),
  );
  if (sheet.length > records.length)
    problems.push(`${sheet.length - records.length} rows more in the sheet than in the CSV`);
  return problems;
}

/** The CSV as it would be without neutralisation: the single quote in front of a formula removed. */
function unneutralised(csv: string): string {
  return csv.replace(/(^|,|")'(?=[=+\-@\t\r])/gm, '$1');
}

(hasSoffice || inCi ? describe : describe.skip)('CSV opened in a real spreadsheet: LibreOffice Calc (e2e)', () => {
  let ctx: SeededScratchApp;

  beforeAll(async () => {
    if (!hasSoffice)
      throw new Error(
        `CI is set and LibreOffice is not found at ${SOFFICE}: .ci/run installs Debian's libreoffice-calc-nogui before npm test.`,
      );
    ctx = await createSeededScratchApp('csv_spreadsheet');
    await writeHostileText(ctx);
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it.each([
    ['arrests', `/v1/arrests?operation=${HOSTILE_OPERATION}&format=csv`],
    ['outcomes', `/v1/outcomes?operation=${HOSTILE_OPERATION}&format=csv`],
    ['operations', '/v1/operations?format=csv&yearFrom=2025'],
    ['stats-arrests', `/v1/stats/arrests?operation=${HOSTILE_OPERATION}&groupBy=category&format=csv`],
  ])('%s: no cell is a formula, and every value comes back as written', async (name, url) => {
    const res = await request(ctx.server).get(url).expect(200);
    expect(res.text).toMatch(/'[=+\-@]/);
    const sheet = await openInCalc(res.text, name);
    expect(differences(res.text, sheet)).toEqual([]);
    // Text an editor wrote shows with the quote in front, numbers are numbers.
    const texts = sheet
      .flat()
      .filter((cell) => cell.type === 'string')
      .map((cell) => cell.text);
    expect(texts.some((text) => text.startsWith("'") && DANGEROUS_START.test(text.slice(1)))).toBe(true);
  });

  it('figures.csv of the dataset zip: no cell is a formula, and every value comes back as written', async () => {
    const zip = await getDatasetZip(ctx.server);
    const csv = zip.files['figures.csv'];
    const sheet = await openInCalc(csv, 'figures');
    expect(differences(csv, sheet)).toEqual([]);
    expect(sheet.length).toBe((parse(csv, { bom: true }) as string[][]).length);
    expect(sheet.flat().filter((cell) => cell.type === 'float').length).toBeGreaterThan(1000);
  });

  it('the same CSV without the quotes would run formulas: the check above is a real one', async () => {
    const res = await request(ctx.server).get(`/v1/arrests?operation=${HOSTILE_OPERATION}&format=csv`).expect(200);
    const raw = unneutralised(res.text);
    expect((parse(raw, { bom: true }) as string[][]).flat()).toContain(FORMULA_PAYLOADS['=']);
    const sheet = await openInCalc(raw, 'unneutralised');
    expect(sheet.flat().filter((cell) => cell.formula).length).toBeGreaterThan(0);
  });
});
