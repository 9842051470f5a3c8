/**
 * Prints the arrests of the Pangea series by year, as the statistics count
 * them (preferred figures only, operation totals never double-counted), with
 * what the sources' wording makes of each sum.
 *
 *     OPERATION_RESULTS_API_URL=https://api.example.org npx tsx clients/typescript/examples/pangea-arrests-by-year.ts
 */
import { createOperationResultsClient } from '../src';

export interface ArrestsInYear {
  year: number;
  arrests: number;
  /** "more than" in a source: the true number is at least this. */
  lowerBound: boolean;
  /** "about" or "nearly". */
  approximate: boolean;
  /** No operation-wide total was reported: the country figures were added up. */
  derived: boolean;
}

/**
 * The years in which arrests were reported. The API gives every year of the range a row (`arrests: null` for a year
 * without an arrest figure, as the timeseries has a null point); those rows are left out here.
 */
export async function pangeaArrestsByYear(baseUrl: string): Promise<ArrestsInYear[]> {
  const api = createOperationResultsClient({ baseUrl, clientName: 'pangea-arrests-by-year example' });
  const { data, error, response } = await api.GET('/v1/stats/arrests', {
    params: { query: { series: ['pangea'], groupBy: ['year'] } },
  });
  if (error) throw new Error(`${response.status} ${error.title}: ${error.detail}`);
  return data.data.flatMap((row) =>
    row.keys.year !== undefined && row.arrests?.value != null
      ? [
          {
            year: row.keys.year,
            arrests: row.arrests.value,
            lowerBound: row.arrests.lowerBound,
            approximate: row.arrests.approximate,
            derived: row.arrests.derived,
          },
        ]
      : [],
  );
}

/** `2017  400 (lower bound)`: one line a year. */
export function formatArrests(rows: ArrestsInYear[]): string {
  return rows
    .map((row) => {
      const notes = [
        row.approximate && 'approximate',
        row.lowerBound && 'lower bound',
        row.derived && 'derived',
      ].filter(Boolean);
      return `${row.year}  ${row.arrests}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    })
    .join('\n');
}

async function main(): Promise<void> {
  const baseUrl = process.env.OPERATION_RESULTS_API_URL ?? 'http://127.0.0.1:3000';
  console.log(`Pangea arrests by year (${baseUrl}/v1/stats/arrests?series=pangea&groupBy=year)`);
  console.log(formatArrests(await pangeaArrestsByYear(baseUrl)));
}

if (process.argv[1]?.endsWith('pangea-arrests-by-year.ts')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
