import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply, FastifyRequest } from 'fastify';
import { from, Observable, switchMap } from 'rxjs';
import { CsvColumn, ListSource, PageFetch, respondWithList } from './list-response';
import { ListQueryDto } from './list-query.dto';

/** How a list route names its CSV download and which columns it writes. */
export interface ListOptions<T> {
  /** Short name used in the CSV filename, e.g. `seizures`. */
  name: string;
  csvColumns: CsvColumn<T>[];
}

/**
 * What a list handler returns: the validated query (paging and format) and either a function that fetches one
 * page with the total, or every row at once (`all`, paged here). `name` replaces the route's CSV name when it
 * depends on the request (`seizures-12-revisions`).
 */
export type ListAnswer<T> = { query: ListQueryDto; name?: string } & ({ fetch: PageFetch<T> } | { all: T[] });

const LIST_OPTIONS = 'list:options';

/** Turns a handler's {@link ListAnswer} into the JSON page (`data`, `meta`, `Link`) or the streamed CSV. */
@Injectable()
export class ListInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<ListOptions<unknown>>(LIST_OPTIONS, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      switchMap((answer: ListAnswer<unknown>) => {
        const source: ListSource<unknown> = {
          name: answer.name ?? options.name,
          csvColumns: options.csvColumns,
          fetch: 'fetch' in answer ? answer.fetch : pageOf(answer.all),
        };
        return from(respondWithList(request, reply, answer.query, source));
      }),
    );
  }
}

function pageOf<T>(all: T[]): PageFetch<T> {
  return (limit, offset) => Promise.resolve({ items: all.slice(offset, offset + limit), total: all.length });
}

/**
 * A list route: the handler returns a {@link ListAnswer} and gets JSON `{ data, meta }` with a `Link` header, or,
 * with `format=csv` or `Accept: text/csv`, a streamed CSV with a header row and a filename that names the query.
 */
export function ListOf<T>(options: ListOptions<T>): MethodDecorator {
  return applyDecorators(SetMetadata(LIST_OPTIONS, options), UseInterceptors(ListInterceptor));
}
