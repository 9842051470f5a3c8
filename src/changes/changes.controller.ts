import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { ApiJsonOrCsvResponse } from '../common/api-json-or-csv-response.decorator';
import { ApiProblemResponses } from '../common/api-problem-responses.decorator';
import { appendLink } from '../common/deprecation';
import { csvFilename, csvStream, CsvColumn, wantsCsv } from '../common/list/list-response';
import { ChangesService } from './changes.service';
import { ChangesQueryDto, DEFAULT_CHANGES_LIMIT } from './dto/changes-query.dto';
import { ChangeDto, ChangeListDto } from './dto/change-response.dto';

const CSV_COLUMNS: CsvColumn<ChangeDto>[] = [
  { header: 'id', value: (c) => c.id },
  { header: 'at', value: (c) => c.at },
  { header: 'entity', value: (c) => c.entity },
  { header: 'entity_id', value: (c) => c.entityId },
  { header: 'type', value: (c) => c.type },
  { header: 'action', value: (c) => c.action },
  { header: 'reason', value: (c) => c.reason },
  { header: 'actor', value: (c) => c.actor },
  { header: 'href', value: (c) => c.href },
];

@ApiTags('changes')
@Controller('changes')
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  /**
   * The change feed, for mirrors: every operation, figure, source and participation created, corrected or
   * deleted through the API, oldest first by `id`. Read on from the last id you stored with `after=<id>`
   * (`meta.next` and the `Link: rel="next"` header give it), or start from a time with `since`.
   * Ids grow in commit order, so no change is ever inserted behind a cursor. Seeded data is not in the feed.
   * Derived values (which report of a group is preferred, statistics) change without an entry of their own:
   * re-read the figures of the group named by a figure's entry.
   */
  @Get()
  @ApiOperation({ operationId: 'listChanges', summary: 'Read the change feed' })
  @ApiJsonOrCsvResponse(ChangeListDto)
  @ApiProblemResponses(400)
  async list(
    @Query() query: ChangesQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChangeListDto | StreamableFile> {
    const limit = query.limit ?? DEFAULT_CHANGES_LIMIT;
    const since = query.since === undefined ? undefined : new Date(query.since);
    const { items, more } = await this.changes.list(since, query.after, limit);
    const next = more ? items[items.length - 1].id : null;
    // Mirrors poll: let them revalidate with the ETag every time rather than trust a cached copy.
    void reply.header('Cache-Control', 'no-cache').header('Vary', 'Accept');
    if (next !== null) {
      const url = new URL(request.url, 'http://localhost');
      url.searchParams.set('after', String(next));
      appendLink(reply, `<${url.pathname}${url.search}>; rel="next"`);
    }
    if (wantsCsv(request, query)) {
      return new StreamableFile(csvStream(Readable.from(items), CSV_COLUMNS), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="${csvFilename('changes', request)}"`,
      });
    }
    return { data: items, meta: { limit, since: since?.toISOString() ?? null, after: query.after ?? null, next } };
  }
}
