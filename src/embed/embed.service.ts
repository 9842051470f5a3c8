import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { countryName, regionName } from '../i18n/format';
import { Language } from '../i18n/languages';
import { OperationsService } from '../operations/operations.service';
import { StatsFiltersDto, TimeseriesQueryDto } from '../stats/dto/stats-query.dto';
import { StatsService } from '../stats/stats.service';
import { renderOperationCard } from './render/operation-card';
import { renderSummaryCard, summaryDescription } from './render/summary-card';
import { renderTimeseriesChart } from './render/timeseries-chart';
import { NamedFilters, scopeLabel } from './scope';

/** Filters of the statistics without `format`: an SVG has one format. */
export type EmbedFilters = Omit<StatsFiltersDto, 'format'>;

/** The headline figures in words and as a card, for the landing page. */
export interface SummaryCard {
  svg: string;
  description: string;
  asOf: string;
}

/** Turns the statistics and the operation details into SVG cards; the numbers are those of the JSON endpoints. */
@Injectable()
export class EmbedService {
  constructor(
    private readonly stats: StatsService,
    private readonly operations: OperationsService,
    private readonly dataSource: DataSource,
  ) {}

  async summaryCard(filters: EmbedFilters, language: Language = 'en'): Promise<SummaryCard> {
    // The statistics first: an unknown code is their 400, before any name is looked up.
    const summary = await this.stats.summary(filters);
    const data = { ...summary, scope: await this.scope(filters, language), language };
    return { svg: renderSummaryCard(data), description: summaryDescription(data), asOf: summary.asOf };
  }

  async operationCard(code: string, language: Language = 'en'): Promise<string> {
    const [operation, asOf] = await Promise.all([this.operations.get(code), this.stats.asOf()]);
    return renderOperationCard({ ...operation, asOf, language });
  }

  async timeseriesChart(query: Omit<TimeseriesQueryDto, 'format'>, language: Language = 'en'): Promise<string> {
    const series = await this.stats.timeseries(query);
    return renderTimeseriesChart({
      metric: query.metric,
      by: query.by ?? 'year',
      scope: await this.scope(query, language),
      points: series.data,
      asOf: series.meta.asOf,
      language,
    });
  }

  /**
   * The filters in words, with names for the codes (which the statistics have already checked): series and
   * operations as published, regions and countries in the language.
   */
  private async scope(filters: EmbedFilters, language: Language): Promise<string> {
    const names = async (table: 'series' | 'operations' | 'regions', codes: string[] | undefined) => {
      if (!codes?.length) return undefined;
      const lower = codes.map((c) => c.toLowerCase());
      const rows = await this.dataSource.query<{ code: string; name: string }[]>(
        `SELECT code, name FROM ${table} WHERE code = ANY($1::text[])`,
        [lower],
      );
      const byCode = new Map(
        rows.map((r) => [r.code, table === 'regions' ? regionName(r.code, r.name, language) : r.name]),
      );
      return lower.map((c) => byCode.get(c) ?? c);
    };
    const countries = async (codes: string[] | undefined) => {
      if (!codes?.length) return undefined;
      const upper = codes.map((c) => c.toUpperCase());
      const rows = await this.dataSource.query<{ iso2: string; name: string }[]>(
        'SELECT iso2, name FROM countries WHERE iso2 = ANY($1::text[])',
        [upper],
      );
      const byCode = new Map(rows.map((r) => [r.iso2.trim(), countryName(r.iso2.trim(), r.name, language)]));
      return upper.map((c) => byCode.get(c) ?? c);
    };
    const named: NamedFilters = {
      series: await names('series', filters.series),
      crimeAreas: filters.crimeArea?.map((a) => a.toLowerCase()),
      operations: await names('operations', filters.operation),
      regions: await names('regions', filters.region),
      countries: await countries(filters.country),
      categories: filters.category,
      years: filters.year,
      yearFrom: filters.yearFrom,
      yearTo: filters.yearTo,
    };
    return scopeLabel(named, language);
  }
}
