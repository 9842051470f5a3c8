import { Body, Controller, HttpCode, HttpStatus, Post, Query, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AuthenticatedKey } from '../api-keys/api-keys.service';
import { CurrentKey, Roles } from '../api-keys/roles.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { ProblemException } from '../common/problem';
import { ImportQueryDto } from './dto/import-query.dto';
import { ImportJsonBodyDto, ImportReportDto } from './dto/import-response.dto';
import { IMPORT_COLUMNS } from './import-rows';
import { ImportFormat, ImportsService } from './imports.service';

function formatOf(request: FastifyRequest): ImportFormat {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json') return 'json';
  throw new ProblemException(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'Send the rows as text/csv or as application/json { "rows": [ … ] }.',
  );
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * Imports figures, all or nothing, from CSV (`Content-Type: text/csv`, the columns of the bundled results.csv:
   * `operation_code,metric,quantity,unit,category,country,qualifier,source_url,source_publisher,source_date,notes,preferred`)
   * or JSON (`{ "rows": [ { operationCode, metric, quantity, … } ] }`), up to `IMPORT_MAX_ROWS` rows (50,000 by default;
   * more is a 413). Every row is checked with the seed's rules; one bad row refuses the import with a 400 listing
   * each bad line (CSV: physical line, header = 1; JSON: index + 1). `?dryRun=true` checks and reports, writing nothing.
   * Rows are matched to stored figures by operation, metric, unit, category, country, source and quantity: an equal
   * row is unchanged, one whose qualifier, notes or preferred ruling differs corrects the figure (with a revision),
   * others are created. Importing the same rows twice changes nothing the second time.
   */
  @Post()
  @Roles('editor')
  @HttpCode(HttpStatus.OK)
  @ApiExtraModels(ImportJsonBodyDto)
  @ApiOperation({
    operationId: 'importFigures',
    summary: 'Import figures in bulk',
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(ImportJsonBodyDto) } },
        'text/csv': {
          schema: {
            type: 'string',
            // IMPORT_BODY_LIMIT_BYTES, 16 MiB unless the server sets another limit: more is a 413.
            maxLength: 16 * 1024 * 1024,
            description: `CSV with the header ${IMPORT_COLUMNS.join(',')}`,
          },
        },
      },
    },
  })
  @ApiOkResponse({ type: ImportReportDto })
  @ApiProblemResponses(400, 401, 403, 413, 415, 429)
  import(
    @Body() body: unknown,
    @Query() query: ImportQueryDto,
    @Req() request: FastifyRequest,
    @CurrentKey() key: AuthenticatedKey,
  ): Promise<ImportReportDto> {
    return this.imports.import(body, formatOf(request), {
      dryRun: query.dryRun ?? false,
      actor: key.name,
      reason: query.reason,
    });
  }
}
