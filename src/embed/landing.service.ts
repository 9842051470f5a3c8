import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Language } from '../i18n/languages';
import { EmbedService } from './embed.service';
import { LandingFacts } from './landing.page';

/** The figures the landing page states, counted from the database. */
@Injectable()
export class LandingService {
  constructor(
    private readonly embed: EmbedService,
    private readonly dataSource: DataSource,
  ) {}

  async facts(origin: string, language: Language = 'en'): Promise<LandingFacts> {
    const [summary, series, [counts], tiers] = await Promise.all([
      this.embed.summaryCard({}, language),
      // Each series under the crime area of its operations (the operation's own, as the statistics' crimeArea filter).
      this.dataSource.query<
        {
          code: string;
          name: string;
          crime_area: string;
          operations: string;
          first_year: number | null;
          last_year: number | null;
        }[]
      >(
        `SELECT s.code, s.name, o.crime_area, count(o.id) AS operations, min(o.year) AS first_year, max(o.year) AS last_year
         FROM series s JOIN operations o ON o.series_id = s.id
         GROUP BY s.id, o.crime_area ORDER BY count(o.id) DESC, s.name`,
      ),
      this.dataSource.query<
        { operations: string; figures: string; sources: string; first_year: number | null; last_year: number | null }[]
      >(
        `SELECT (SELECT count(*) FROM operations) AS operations,
                (SELECT count(*) FROM figures WHERE deleted_at IS NULL) AS figures,
                (SELECT count(*) FROM sources) AS sources,
                (SELECT min(year) FROM operations) AS first_year,
                (SELECT max(year) FROM operations) AS last_year`,
      ),
      this.dataSource.query<{ tier: string | null; count: string }[]>(
        `SELECT p.tier, count(*) AS count FROM sources s LEFT JOIN publishers p ON p.id = s.publisher_id GROUP BY p.tier`,
      ),
    ]);
    return {
      operations: Number(counts.operations),
      figures: Number(counts.figures),
      sources: Number(counts.sources),
      sourcesByTier: Object.fromEntries(tiers.map((t) => [t.tier ?? 'none', Number(t.count)])),
      series: series.map((s) => ({
        code: s.code,
        name: s.name,
        crimeArea: s.crime_area,
        operations: Number(s.operations),
        firstYear: s.first_year,
        lastYear: s.last_year,
      })),
      firstYear: counts.first_year,
      lastYear: counts.last_year,
      asOf: summary.asOf,
      summaryDescription: summary.description,
      origin,
      language,
    };
  }
}
