import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { DownloadsService } from './downloads.service';
import { DownloadQueryDto } from './dto/download-query.dto';
import { DataPackageDto } from './dto/data-package.dto';

const FILES =
  'one CSV per resource (series, operations, figures with their sources, participations, sources, publishers, exchange_rates), ' +
  'written as every CSV of this API is (UTF-8 with a BOM, CRLF, a header row, text cells starting with = + - @, a tab or a ' +
  'carriage return prefixed with a single quote), `datapackage.json` (a Frictionless Tabular Data Package: every column with ' +
  'its type and description, `missingValues: [""]` so that `NA` stays Namibia, primary and foreign keys, licence and sources; ' +
  'the same as /v1/datapackage.json) and `CITATION.cff` (how to cite the data)';

@ApiTags('downloads')
@Controller()
export class DownloadsController {
  constructor(private readonly downloads: DownloadsService) {}

  @Get('downloads/dataset.zip')
  @ApiOperation({
    operationId: 'getDatasetZip',
    summary: 'The whole dataset in one zip',
    description: `Every record as files to archive and cite: ${FILES}. Built once per data version; the ETag changes when the data does.`,
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: 'The zip, as an attachment named after the date of the data (`operation-results-2026-11-30.zip`).',
    content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblemResponses(400)
  dataset(@Query() _query: DownloadQueryDto): Promise<StreamableFile> {
    return this.downloads.zipFile();
  }

  @Get('datapackage.json')
  @ApiOperation({
    operationId: 'getDataPackage',
    summary: 'The descriptor of the dataset download',
    description:
      'The Frictionless Tabular Data Package descriptor inside /v1/downloads/dataset.zip: each CSV file with its columns, ' +
      'types, descriptions, keys, size and SHA-256. Resource paths are relative to the root of the zip.',
  })
  @ApiOkResponse({ type: DataPackageDto })
  @ApiProblemResponses(400)
  dataPackage(@Query() _query: DownloadQueryDto): Promise<DataPackageDto> {
    return this.downloads.dataPackage();
  }
}
