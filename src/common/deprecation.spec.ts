import { Controller, Get } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { ApiOperation, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Deprecated, deprecationHeaders } from './deprecation';

const OPTIONS = { since: '2026-12-01', sunset: '2027-06-30', link: 'https://example.org/changelog#2-0-0' };

/** A route that exists only in this test. */
@Controller('old')
class OldController {
  @Get()
  @ApiOperation({ operationId: 'getOld', summary: 'An old route' })
  @Deprecated(OPTIONS)
  get(): { ok: boolean } {
    return { ok: true };
  }

  @Get('current')
  @ApiOperation({ operationId: 'getCurrent', summary: 'A current route' })
  current(): { ok: boolean } {
    return { ok: true };
  }
}

describe('Deprecation (decorator and interceptor)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [OldController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('writes the headers of RFC 9745 and RFC 8594', () => {
    expect(deprecationHeaders(OPTIONS)).toEqual({
      Deprecation: `@${Date.UTC(2026, 11, 1) / 1000}`,
      Sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
      Link: '<https://example.org/changelog#2-0-0>; rel="deprecation"; type="text/html"',
    });
  });

  it('refuses dates that are not days, or a sunset before the deprecation', () => {
    expect(() => deprecationHeaders({ ...OPTIONS, sunset: '30/06/2027' })).toThrow(/sunset must be a YYYY-MM-DD date/);
    expect(() => deprecationHeaders({ ...OPTIONS, sunset: '2026-11-30' })).toThrow(/sunset must come after since/);
  });

  it('answers a deprecated route with Deprecation, Sunset and Link: rel="deprecation"', async () => {
    const res = await app.inject({ method: 'GET', url: '/old' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(res.headers.deprecation).toBe(`@${Date.UTC(2026, 11, 1) / 1000}`);
    expect(res.headers.sunset).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
    expect(res.headers.link).toBe('<https://example.org/changelog#2-0-0>; rel="deprecation"; type="text/html"');
  });

  it('leaves other routes alone', async () => {
    const res = await app.inject({ method: 'GET', url: '/old/current' });
    expect(res.statusCode).toBe(200);
    expect(res.headers.deprecation).toBeUndefined();
    expect(res.headers.sunset).toBeUndefined();
    expect(res.headers.link).toBeUndefined();
  });

  it('marks the operation deprecated in the OpenAPI document, keeping its id and summary', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(document.paths['/old'].get).toMatchObject({
      operationId: 'getOld',
      summary: 'An old route',
      deprecated: true,
    });
    expect(document.paths['/old/current'].get?.deprecated).toBeUndefined();
  });
});
