import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DataVersion } from '../common/data-version';
import { CSV_FORMAT } from '../common/list/list-response';
import { citationFile, dataPackage, DATASET_NAME, WrittenFile } from './data-package';
import { DATASET_TABLES } from './dataset-tables';
import { DataPackageDto } from './dto/data-package.dto';

/** The whole dataset as files, built once per data version. */
export interface DatasetDownload {
  version: string;
  zip: Buffer;
  filename: string;
  descriptor: DataPackageDto;
  /** Rows per file, e.g. `{ figures: 1273 }`. */
  rows: Record<string, number>;
  buildMs: number;
}

/** The earliest time a zip entry can carry (DOS dates start in 1980). */
const ZIP_EPOCH = Date.UTC(1980, 0, 2);

@Injectable()
export class DownloadsService {
  private readonly logger = new Logger(DownloadsService.name);
  private memo?: { version: string; build: Promise<DatasetDownload> };

  constructor(
    private readonly dataSource: DataSource,
    private readonly dataVersion: DataVersion,
  ) {}

  /**
   * The download of the current data version: built by the first request after the data changed, shared by the
   * requests that arrive while it is built, then served from memory until the version moves.
   */
  dataset(): Promise<DatasetDownload> {
    const version = this.dataVersion.current();
    if (this.memo?.version !== version) {
      const build = this.build(version);
      const memo = { version, build };
      build.catch(() => {
        if (this.memo === memo) this.memo = undefined;
      });
      this.memo = memo;
    }
    return this.memo.build;
  }

  async zipFile(): Promise<StreamableFile> {
    const { zip, filename } = await this.dataset();
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="${filename}"`,
      length: zip.length,
    });
  }

  async dataPackage(): Promise<DataPackageDto> {
    return (await this.dataset()).descriptor;
  }

  private async build(version: string): Promise<DatasetDownload> {
    const started = performance.now();
    const asOf = this.dataVersion.lastChange();
    // One snapshot for every file, so that their keys agree even while the data is being written.
    const results = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      const tables: Record<string, unknown>[][] = [];
      for (const table of DATASET_TABLES) tables.push(await manager.query<Record<string, unknown>[]>(table.sql));
      return tables;
    });
    const csvFiles = DATASET_TABLES.map((table, index) => {
      const header = table.fields.map((field) => field.name);
      const body = Buffer.from(
        stringify([header, ...results[index].map((row) => header.map((name) => row[name] ?? ''))], CSV_FORMAT),
      );
      return { table, body, rows: results[index].length };
    });
    const written: WrittenFile[] = csvFiles.map(({ table, body }) => ({
      table,
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    }));
    const descriptor = dataPackage(written, asOf);
    const mtime = new Date(Math.max(asOf.getTime(), ZIP_EPOCH));
    const zip = Buffer.from(
      zipSync(
        {
          'datapackage.json': Buffer.from(`${JSON.stringify(descriptor, null, 2)}\n`),
          'CITATION.cff': Buffer.from(citationFile(asOf)),
          ...Object.fromEntries(csvFiles.map(({ table, body }) => [`${table.name}.csv`, body])),
        },
        { level: 6, mtime },
      ),
    );
    const rows = Object.fromEntries(csvFiles.map(({ table, rows }) => [table.name, rows]));
    const buildMs = Math.round(performance.now() - started);
    this.logger.log(
      `dataset ${version} built in ${buildMs} ms: ${zip.length} bytes, ${Object.entries(rows)
        .map(([name, n]) => `${name} ${n}`)
        .join(', ')}`,
    );
    return {
      version,
      zip,
      filename: `${DATASET_NAME}-${asOf.toISOString().slice(0, 10)}.zip`,
      descriptor,
      rows,
      buildMs,
    };
  }
}
