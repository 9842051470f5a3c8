import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyReply } from 'fastify';
import { ForbiddenProblem, UnauthorizedProblem } from '../common/problem';
import { ApiKeysService } from './api-keys.service';
import { KeyedRequest, REQUIRED_ROLE } from './roles.decorator';
import { KeyRole, roleIncludes } from './roles';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REALM = 'realm="operation-results-api"';

/**
 * Global guard. Reads are anonymous; a route marked `@Roles(role)`, and any
 * unmarked route with a method that writes, needs an `Authorization: Bearer`
 * key of that role (401 with `WWW-Authenticate: Bearer` when it is missing,
 * unknown or revoked; 403 when its role is too low).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const marked = this.reflector.getAllAndOverride<KeyRole | undefined>(REQUIRED_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    // Secure by default: a write route that forgot its @Roles still needs an editor key.
    const required: KeyRole | null = marked ?? (SAFE_METHODS.has(request.method) ? null : 'editor');
    if (required === null) return true;

    const result = await this.keys.authenticate(request);
    if (result.status !== 'valid') {
      const reply = context.switchToHttp().getResponse<FastifyReply>();
      if (result.status === 'missing') {
        void reply.header('WWW-Authenticate', `Bearer ${REALM}`);
        throw new UnauthorizedProblem(
          `This request needs an API key with the ${required} role: send it as 'Authorization: Bearer <key>'.`,
        );
      }
      void reply.header('WWW-Authenticate', `Bearer ${REALM}, error="invalid_token"`);
      throw new UnauthorizedProblem('The API key is not valid: it is unknown, malformed or revoked.');
    }
    if (!roleIncludes(result.key.role, required)) {
      throw new ForbiddenProblem(
        `This request needs the ${required} role; the key '${result.key.name}' has the ${result.key.role} role.`,
      );
    }
    request.apiKey = result.key;
    await this.keys.touch(result.key.id);
    return true;
  }
}
