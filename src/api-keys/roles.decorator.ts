import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { AuthenticatedKey } from './api-keys.service';
import { KeyRole } from './roles';

export const REQUIRED_ROLE = 'requiredRole';

/** The name of the bearer security scheme in the OpenAPI document. */
export const BEARER_SCHEME = 'bearer';

/**
 * The least role a route needs (`editor` or `admin`; each includes the ones
 * below it). Declares the bearer security scheme on the route in the OpenAPI.
 * Routes without it: GET and HEAD are open to everyone, any other method needs `editor`.
 */
export function Roles(role: KeyRole): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(REQUIRED_ROLE, role), ApiBearerAuth(BEARER_SCHEME));
}

/** A request that passed the API-key guard. */
export interface KeyedRequest extends FastifyRequest {
  apiKey?: AuthenticatedKey;
}

/** The API key the request was made with (set by the guard on routes that need a role). */
export const CurrentKey = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedKey => {
  const key = context.switchToHttp().getRequest<KeyedRequest>().apiKey;
  if (!key) throw new Error('CurrentKey used on a route without @Roles()');
  return key;
});
