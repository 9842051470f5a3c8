import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblemResponses } from './api-problem-responses.decorator';
import { prefersHtml } from './http-cache';
import { NotFoundProblem, PROBLEM_TYPES, ProblemTypeDescription } from './problem';
import { ProblemTypeDto, ProblemTypeListDto, ProblemTypeParamDto, ProblemTypeQueryDto } from './problem-type.dto';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `code` spans for the backquoted words of a description. */
function inlineCode(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function page(title: string, body: string): string {
  return (
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)} · Operation Results API</title>` +
    `<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{background:#f2f2f2;padding:0 .2em}</style>` +
    `</head><body>${body}</body></html>\n`
  );
}

function typeSection(problem: ProblemTypeDescription, heading: 'h1' | 'h2'): string {
  return (
    `<${heading}>${escapeHtml(problem.title)}</${heading}>` +
    `<p><code>${escapeHtml(problem.type)}</code>, HTTP ${problem.statuses.join(', ')}</p>` +
    `<p>${inlineCode(problem.description)}</p>`
  );
}

function wantsHtml(request: FastifyRequest): boolean {
  return prefersHtml(request.headers.accept);
}

const PAGE_DESCRIPTION =
  'JSON by default; an HTML page for `Accept: text/html` (a browser following the `type` of a problem).';

/**
 * The problem type URIs that problems carry in `type` (`/problems/validation-error`), answered at the root: each a
 * short description of the problem, as a page for browsers and as JSON for programs.
 */
@ApiTags('problems')
@ApiExtraModels(ProblemTypeDto, ProblemTypeListDto)
@Controller('problems')
export class ProblemTypesController {
  @Get()
  @ApiOperation({
    operationId: 'listProblemTypes',
    summary: 'Problem types',
    description: `Every problem type the API sends in a problem's \`type\`. ${PAGE_DESCRIPTION}`,
  })
  @ApiOkResponse({
    description: 'The problem types.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ProblemTypeListDto) } },
      'text/html': { schema: { type: 'string', description: 'The same list as an HTML page.' } },
    },
  })
  @ApiProblemResponses(400)
  list(@Query() _query: ProblemTypeQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    if (wantsHtml(request)) {
      const body = `<h1>Problem types</h1><p>Every error of the API is <code>application/problem+json</code> (RFC 9457); its <code>type</code> is one of these.</p>${PROBLEM_TYPES.map((p) => typeSection(p, 'h2')).join('')}`;
      void reply.header('Content-Type', 'text/html; charset=utf-8').send(page('Problem types', body));
      return;
    }
    void reply.header('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify({ data: PROBLEM_TYPES }));
  }

  @Get(':name')
  @ApiOperation({
    operationId: 'getProblemType',
    summary: 'A problem type',
    description: `What a problem type means and what to do about it. ${PAGE_DESCRIPTION}`,
  })
  @ApiOkResponse({
    description: 'The problem type.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ProblemTypeDto) } },
      'text/html': { schema: { type: 'string', description: 'The same description as an HTML page.' } },
    },
  })
  @ApiProblemResponses(400, 404)
  get(
    @Param() params: ProblemTypeParamDto,
    @Query() _query: ProblemTypeQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): void {
    const problem = PROBLEM_TYPES.find((p) => p.type === `/problems/${params.name}`);
    if (!problem) throw new NotFoundProblem(`No problem type is named '${params.name}'. See /problems for the list.`);
    if (wantsHtml(request)) {
      void reply
        .header('Content-Type', 'text/html; charset=utf-8')
        .send(page(problem.title, `${typeSection(problem, 'h1')}<p><a href="/problems">All problem types</a></p>`));
      return;
    }
    void reply.header('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(problem));
  }
}
