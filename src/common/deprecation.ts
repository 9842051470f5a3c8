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
import { ApiOperation } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Observable } from 'rxjs';

export const DEPRECATION = 'deprecation';

export interface DeprecationOptions {
  /** The day the route was deprecated (YYYY-MM-DD): `Deprecation` (RFC 9745). */
  since: string;
  /** The day after which the route may stop answering (YYYY-MM-DD), at least six months after `since`: `Sunset` (RFC 8594). */
  sunset: string;
  /** Where the replacement and the migration are explained: `Link: <…>; rel="deprecation"`. */
  link: string;
}

function day(value: string, name: string): Date {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()))
    throw new Error(`@Deprecated: ${name} must be a YYYY-MM-DD date, got "${value}"`);
  return date;
}

/** The response headers that announce a deprecation. */
export function deprecationHeaders(options: DeprecationOptions): { Deprecation: string; Sunset: string; Link: string } {
  const since = day(options.since, 'since');
  const sunset = day(options.sunset, 'sunset');
  if (sunset <= since) throw new Error('@Deprecated: sunset must come after since');
  return {
    // RFC 9745: a structured-field date, seconds since the epoch.
    Deprecation: `@${Math.floor(since.getTime() / 1000)}`,
    // RFC 8594: an HTTP-date.
    Sunset: sunset.toUTCString(),
    Link: `<${options.link}>; rel="deprecation"; type="text/html"`,
  };
}

/**
 * Sets `Deprecation`, `Sunset` and `Link: rel="deprecation"` on every answer
 * of a route marked with `@Deprecated()`. Set before the handler runs, so
 * that routes writing their own reply carry them too; a handler that sets its
 * own `Link` appends to it (`appendLink`).
 */
@Injectable()
export class DeprecationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.getAllAndOverride<DeprecationOptions | undefined>(DEPRECATION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (options) {
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      const headers = deprecationHeaders(options);
      void reply.header('Deprecation', headers.Deprecation).header('Sunset', headers.Sunset);
      appendLink(reply, headers.Link);
    }
    return next.handle();
  }
}

/** Adds a link to the `Link` header, keeping those already set (pagination, deprecation). */
export function appendLink(reply: FastifyReply, link: string): void {
  const existing = reply.getHeader('Link');
  void reply.header('Link', existing ? `${String(existing)}, ${link}` : link);
}

/**
 * Marks a route (or a controller) deprecated: `deprecated: true` in the
 * OpenAPI document and the deprecation headers on every answer. Announce it in
 * CHANGELOG.md too; see "Versioning and the contract" in the README.
 *
 *     @Deprecated({ since: '2026-12-01', sunset: '2027-06-30', link: 'https://example.org/changelog#v2' })
 */
export function Deprecated(options: DeprecationOptions): MethodDecorator & ClassDecorator {
  deprecationHeaders(options);
  return applyDecorators(
    SetMetadata(DEPRECATION, options),
    ApiOperation({ deprecated: true }, { overrideExisting: false }),
    UseInterceptors(DeprecationInterceptor),
  );
}
