import { DataSource } from 'typeorm';
import { RESOURCE_OF_TYPE } from '../figures/figures.mapper';
import { FigureType } from '../figures/figure-kinds';
import { StatsSourceDto } from './dto/stats-response.dto';
import { StatsFiltersDto } from './dto/stats-query.dto';
import { RollupScope } from './entities/figure-rollup.entity';

/** Most sources listed on one statistics row or point; `sourceCount` gives them all. */
export const MAX_LISTED_SOURCES = 10;

/** The query parameters of a statistics request that the figure lists take under the same names. */
const SHARED_FILTERS = [
  'series',
  'crimeArea',
  'operation',
  'year',
  'yearFrom',
  'yearTo',
  'region',
  'country',
  'category',
] as const;

/** A group key of a statistics row, as a figure-list filter: `region=unspecified` has no such filter. */
function keyFilter(dimension: string, value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (dimension === 'region' && value === 'unspecified') return undefined;
  return String(value);
}

/**
 * The figure list behind a statistics row or point: the request's filters, narrowed by the row's keys,
 * to the preferred figures that the statistics of `scope` added up (`countedIn`, figure_rollups.figure_ids).
 */
export function figuresHref(
  type: FigureType,
  scope: RollupScope,
  query: StatsFiltersDto,
  keys: Record<string, string | number | null | undefined>,
  kinds?: readonly string[],
): string {
  const params = new URLSearchParams();
  if (kinds?.length) params.set('kind', kinds.join(','));
  for (const name of SHARED_FILTERS) {
    const fromKey = keyFilter(name, keys[name]);
    const given = query[name];
    if (fromKey !== undefined) {
      params.set(name, fromKey);
      if (name === 'year') {
        params.delete('yearFrom');
        params.delete('yearTo');
      }
    } else if (given !== undefined && !(Array.isArray(given) && given.length === 0)) {
      if (name === 'yearFrom' || name === 'yearTo') {
        if (keys.year === undefined) params.set(name, String(given));
      } else {
        params.set(name, Array.isArray(given) ? given.join(',') : String(given));
      }
    }
  }
  params.set('preferred', 'true');
  params.set('countedIn', scope);
  return `/v1/${RESOURCE_OF_TYPE[type]}?${params.toString().replace(/%2C/g, ',')}`;
}

/** The sources of some ids, each with its place in a citation order: official first, then the most recent. */
export async function loadSources(
  dataSource: DataSource,
  ids: Iterable<number>,
): Promise<Map<number, StatsSourceDto & { rank: number }>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await dataSource.query<
    {
      id: number;
      url: string;
      publisher: string | null;
      published_on: string | null;
      tier: string | null;
      rank: string;
    }[]
  >(
    `SELECT s.id, s.url, p.name AS publisher, s.published_on::text AS published_on, p.tier,
            row_number() OVER (ORDER BY CASE p.tier WHEN 'official' THEN 0 WHEN 'regulator' THEN 1 WHEN 'media' THEN 2 ELSE 3 END,
                                        s.published_on DESC NULLS LAST, s.id) AS rank
     FROM sources s LEFT JOIN publishers p ON p.id = s.publisher_id
     WHERE s.id = ANY($1::int[])`,
    [wanted],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        url: r.url,
        publisher: r.publisher,
        publishedOn: r.published_on,
        tier: r.tier,
        href: `/v1/sources/${r.id}`,
        rank: Number(r.rank),
      },
    ]),
  );
}

/** At most MAX_LISTED_SOURCES of `ids`, in citation order. */
export function listSources(
  ids: readonly number[] | null | undefined,
  sources: Map<number, StatsSourceDto & { rank: number }>,
): StatsSourceDto[] {
  return (ids ?? [])
    .map((id) => sources.get(id))
    .filter((s): s is StatsSourceDto & { rank: number } => s !== undefined)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, MAX_LISTED_SOURCES)
    .map(({ rank: _rank, ...source }) => source);
}

/** Publisher and page of each exchange rate, by `CUR:year`. */
export async function loadRateSources(
  dataSource: DataSource,
): Promise<Map<string, { publisher: string; url: string }>> {
  const rows = await dataSource.query<
    { currency: string; year: number; source_publisher: string; source_url: string }[]
  >('SELECT currency, year, source_publisher, source_url FROM fx_rates');
  return new Map(rows.map((r) => [`${r.currency}:${r.year}`, { publisher: r.source_publisher, url: r.source_url }]));
}
