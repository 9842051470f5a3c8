import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { NegotiatedLanguage, negotiateLanguage } from './negotiate';

/**
 * The language of this request's answer (`?lang=`, else `Accept-Language`, else English); an unsupported
 * `?lang=` is a 400 problem naming the supported values.
 */
export const NegotiatedLang = createParamDecorator((_data: unknown, context: ExecutionContext): NegotiatedLanguage => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return negotiateLanguage((request.query as { lang?: unknown } | undefined)?.lang, request.headers['accept-language']);
});

/**
 * Says the answer's language: `Content-Language`, and `Vary: Accept-Language` unless the URL chose it (then the
 * URL alone tells caches which answer this is).
 */
export function sayLanguage(reply: FastifyReply, { language, source }: NegotiatedLanguage): void {
  void reply.header('Content-Language', language);
  if (source !== 'query') {
    const vary = reply.getHeader('vary');
    void reply.header('Vary', vary ? `${String(vary)}, Accept-Language` : 'Accept-Language');
  }
}
