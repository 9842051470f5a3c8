import { Body, Controller, Delete, Get, Header, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { ListQueryDto } from '../common/list/list-query.dto';
import { CsvColumn } from '../common/list/list-response';
import { ListAnswer, ListOf } from '../common/list/list.decorator';
import { SkipIdempotency } from '../common/idempotency.decorator';
import { ApiKeysService, AuthenticatedKey } from './api-keys.service';
import { ApiKeyIdParamDto } from './dto/api-key-query.dto';
import { ApiKeyCreatedDto, ApiKeyDto, ApiKeyListDto } from './dto/api-key-response.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { CurrentKey, Roles } from './roles.decorator';

const CSV_COLUMNS: CsvColumn<ApiKeyDto>[] = [
  { header: 'id', value: (k) => k.id },
  { header: 'name', value: (k) => k.name },
  { header: 'role', value: (k) => k.role },
  { header: 'prefix', value: (k) => k.prefix },
  { header: 'created_by', value: (k) => k.createdBy },
  { header: 'created_at', value: (k) => k.createdAt },
  { header: 'last_used_at', value: (k) => k.lastUsedAt },
  { header: 'revoked_at', value: (k) => k.revokedAt },
];

/** Key management: admin keys only. Answers are never cached. */
@ApiTags('api-keys')
@Controller('api-keys')
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  /**
   * Creates a key and shows it once: only its hash is stored. The `Idempotency-Key` header is ignored here,
   * since replaying the answer would mean storing the key.
   */
  @Post()
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key' })
  @SkipIdempotency()
  @ApiCreatedResponse({
    type: ApiKeyCreatedDto,
    headers: {
      'Cache-Control': {
        description: '`no-store`: the answer holds the key itself, which no cache may keep.',
        schema: { type: 'string', enum: ['no-store'] },
      },
    },
  })
  @ApiProblemResponses(400, 401, 403, 409)
  async create(
    @Body() body: CreateApiKeyDto,
    @CurrentKey() admin: AuthenticatedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApiKeyCreatedDto> {
    const created = await this.keys.create({ name: body.name, role: body.role, createdBy: admin.name });
    void reply.header('Cache-Control', 'no-store').header('Location', created.href);
    return created;
  }

  /** Every key, revoked ones included, without secrets. Sort fields: id, name, createdAt, lastUsedAt. */
  @Get()
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List API keys' })
  @ApiJsonOrCsvResponse(ApiKeyListDto)
  @ApiProblemResponses(400, 401, 403)
  @Header('Cache-Control', 'no-store')
  @ListOf({ name: 'api-keys', csvColumns: CSV_COLUMNS })
  list(@Query() query: ListQueryDto): ListAnswer<ApiKeyDto> {
    return { query, fetch: (limit, offset) => this.keys.list(query.sort, limit, offset) };
  }

  /** Revokes a key: every later request with it is refused with 401. The key stays listed with `revokedAt`. */
  @Delete(':id')
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key' })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Revoked (or already revoked).' })
  @ApiProblemResponses(400, 401, 403, 404)
  async revoke(@Param() { id }: ApiKeyIdParamDto): Promise<void> {
    await this.keys.revoke(id);
  }
}
