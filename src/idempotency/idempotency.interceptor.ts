import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply } from 'fastify';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { KeyedRequest } from '../api-keys/roles.decorator';
import { ValidationProblem } from '../common/problem';
import { SKIP_IDEMPOTENCY } from '../common/idempotency.decorator';
import { hashRequestBody, IdempotencyService } from './idempotency.service';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on POST: the first answer (status, body, `Location`) is
 * stored with the key, the API key that sent it, the method, the path and a
 * hash of the body; a retry with the same key and request gets that answer
 * again (with `Idempotent-Replayed: true`) and writes nothing. The same key
 * with another request is a 422. A request that fails stores nothing, since
 * its write was rolled back.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly idempotency: IdempotencyService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || header === undefined || !request.apiKey) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(SKIP_IDEMPOTENCY, [context.getHandler(), context.getClass()]))
      return next.handle();

    const key = Array.isArray(header) ? header[0] : header;
    if (Array.isArray(header) || !KEY_FORMAT.test(key)) {
      throw new ValidationProblem([
        { name: 'Idempotency-Key', reason: 'Idempotency-Key must be one value of 1 to 255 visible ASCII characters' },
      ]);
    }
    const claim = await this.idempotency.claim(request.apiKey.id, key, {
      method: request.method,
      path: request.url,
      requestHash: hashRequestBody(request.body),
    });
    if (claim.kind === 'replay') {
      void reply.status(claim.status).header('Idempotent-Replayed', 'true');
      if (claim.location) void reply.header('Location', claim.location);
      return of(claim.body);
    }
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const location = reply.getHeader('location');
        await this.idempotency.complete(
          claim.id,
          reply.statusCode,
          body,
          typeof location === 'string' ? location : null,
        );
        return body;
      }),
      catchError((error: unknown) =>
        from(this.idempotency.release(claim.id)).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }
}
