import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyView from '@fastify/view';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Eta } from 'eta';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundProblem, ProblemException } from '../common/problem';
import { sayLanguage } from '../i18n/language.decorator';
import { LANGUAGES, Language } from '../i18n/languages';
import { t as translate } from '../i18n/messages';
import { NegotiatedLanguage, negotiateLanguage } from '../i18n/negotiate';
import {
  ExplorerService,
  ExploreState,
  explorePath,
  EXPLORE_KINDS,
  FILTER_FIELDS,
  PAGE_SIZE,
  parseExploreState,
  queryString,
  Wording,
} from './explorer.service';

/**
 * The explorer's pages allow nothing but this site's stylesheet and images: no script at all, no inline style,
 * nothing from elsewhere, forms posted only here (the API's own policy keeps 'unsafe-inline' for Swagger UI).
 */
export const EXPLORER_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'";

/** The one stylesheet of the pages, served from this origin (the policy allows no inline style). */
const ASSETS = join(__dirname, 'assets');
const STYLESHEET = readFileSync(join(ASSETS, 'explorer.css'));
export const STYLESHEET_PATH = '/explore/explorer.css';

const CODE = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

type Query = Record<string, unknown>;

/**
 * The explorer's pages, for people: `/explore`, `/operations/{code}`, `/series/{code}`, `/countries/{iso2}`.
 * Routed on Fastify itself rather than as a Nest controller, because Nest's global-prefix exclusions match
 * paths, and these paths are those of the API's own routes under `/v1` (excluding `operations/:code` from the
 * prefix would also move `GET /v1/operations/:code`). Every hook of the application still runs: security
 * headers, rate limits, the entity tags and the response cache per data version (http-cache.ts).
 */
@Injectable()
export class ExplorerRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly explorer: ExplorerService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || typeof fastify.get !== 'function') return;
    // Queued, not awaited: awaiting would load Fastify's plugins and routes now, before Nest sets its error
    // handler (after the init hooks), and the API's routes would then answer parser errors (415) without it.
    void fastify.register(fastifyView, {
      engine: { eta: new Eta({ autoEscape: true, cache: true }) },
      templates: join(__dirname, 'templates'),
      production: true,
    });
    fastify.get(STYLESHEET_PATH, (_request, reply) => {
      void reply.header('Content-Type', 'text/css; charset=utf-8').send(STYLESHEET);
    });
    fastify.get('/explore', (request, reply) => this.page(request, reply, (words) => this.explore(request, words)));
    fastify.get('/operations/:code', (request, reply) =>
      this.page(request, reply, (words) => this.operation(request, words)),
    );
    fastify.get('/series/:code', (request, reply) =>
      this.page(request, reply, (words) => this.seriesPage(request, words)),
    );
    fastify.get('/countries/:iso2', (request, reply) =>
      this.page(request, reply, (words) => this.country(request, words)),
    );
  }

  /**
   * Renders a page in the reader's language (`?lang=`, else Accept-Language, else English; an unsupported
   * `?lang=` is a 400 page naming the supported values, as the landing page's 400), with the strict policy; a
   * missing thing is a 404 page, anything else a 500 page (never a JSON body).
   */
  private async page(
    request: FastifyRequest,
    reply: FastifyReply,
    render: (words: Wording) => Promise<{ template: string; data: object; status?: number }>,
  ) {
    let language: NegotiatedLanguage;
    let badLanguage = false;
    try {
      language = negotiateLanguage((request.query as Query).lang, request.headers['accept-language']);
    } catch {
      // The 400 page is in the header's language, or English: the URL's value names none of ours.
      language = { ...negotiateLanguage(undefined, request.headers['accept-language']) };
      badLanguage = true;
    }
    const words = new Wording(language.language);
    let view: { template: string; data: object; status?: number };
    try {
      view = badLanguage
        ? {
            template: 'bad-request',
            data: { reasons: [`lang must be one of: ${LANGUAGES.join(', ')}`] },
            status: 400,
          }
        : await render(words);
    } catch (error) {
      if (error instanceof NotFoundProblem) {
        view = {
          template: 'not-found',
          data: { message: notFoundMessage(error, words) },
          status: 404,
        };
      } else {
        request.log.error({ err: error }, 'explorer page failed');
        view = { template: 'error', data: {}, status: 500 };
      }
    }
    const chosen = language.source === 'query' ? language.language : null;
    const html = await reply.viewAsync(`${view.template}.eta`, {
      ...this.common(request, words, chosen),
      ...view.data,
    });
    void reply
      .code(view.status ?? 200)
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', EXPLORER_CSP);
    sayLanguage(reply, language);
    return reply.send(html);
  }

  /**
   * What every page's layout needs: words, the origin for absolute URLs, the stylesheet, today's date, and
   * `href` for links between the pages, which keep `?lang=` when the URL chose the language.
   */
  private common(request: FastifyRequest, words: Wording, chosen: Language | null) {
    const origin = `${request.protocol}://${request.host}`;
    const path = request.url;
    return {
      t: words.t,
      words,
      locale: words.locale,
      dir: words.dir,
      lang: chosen,
      href: (target: string) => withLanguage(target, chosen),
      // The same page in each language, each named in its own language.
      languages: LANGUAGES.map((l) => ({
        code: l,
        name: translate(l, 'common.languageName'),
        dir: l === 'ar' ? 'rtl' : 'ltr',
        href: withLanguage(path, l, true),
        current: l === words.language,
      })),
      // Cards and charts shown on the page, in its language (their URLs are images, not the API's data).
      imageLang: words.language === 'en' ? '' : `lang=${words.language}`,
      origin,
      stylesheet: STYLESHEET_PATH,
      today: words.date(new Date().toISOString()),
      path,
    };
  }

  private async explore(request: FastifyRequest, words: Wording) {
    const options = await this.explorer.formOptions(words);
    const query = request.query as Query;
    const lang = query.lang === undefined ? null : words.language;
    let state: ExploreState | undefined;
    const base = {
      options,
      kinds: EXPLORE_KINDS,
      state: undefined as ExploreState | undefined,
      errors: [] as { name: string; reason: string }[],
    };
    try {
      state = parseExploreState(query);
      base.state = state;
      let filters = await this.explorer.validated(state.kind, state.filters);
      let noOperation = false;
      let apiFilters = state.filters;
      if (state.q) {
        const matching = await this.explorer.operationsMatching(state.q);
        const wanted = filters.operation ? matching.filter((c) => filters.operation!.includes(c)) : matching;
        noOperation = wanted.length === 0;
        apiFilters = { ...state.filters, operation: wanted.join(',') };
        if (!noOperation) filters = await this.explorer.validated(state.kind, apiFilters);
      }
      if (noOperation) return { template: 'explore', data: { ...base, noOperation: true, result: null } };
      const result = await this.explorer.explore(state.kind, filters, state.page, words);
      const filterQuery = queryString(FILTER_FIELDS.map((f): [string, string | undefined] => [f, apiFilters[f]]));
      const listPath = `/v1/${state.kind}${filterQuery ? `?${filterQuery}` : ''}`;
      const statsPath = `/v1/stats/${state.kind}${filterQuery ? `?${filterQuery}` : ''}`;
      const csvPath = `/v1/${state.kind}?${filterQuery ? `${filterQuery}&` : ''}format=csv`;
      const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
      return {
        template: 'explore',
        data: {
          ...base,
          result,
          noOperation: false,
          listPath,
          statsPath,
          csvPath,
          statsCsvPath: `/v1/stats/${state.kind}?${filterQuery ? `${filterQuery}&` : ''}format=csv`,
          chartPath: result.metric
            ? `/v1/embed/timeseries.svg?metric=${result.metric}${filterQuery ? `&${filterQuery}` : ''}`
            : null,
          clientCall: clientCall(`/v1/${state.kind}`, apiFilters),
          permalink: withLanguage(explorePath(state, 1), lang),
          page: state.page,
          pageSize: PAGE_SIZE,
          pages,
          previous: state.page > 1 ? withLanguage(explorePath(state, state.page - 1), lang) : null,
          next: state.page < pages ? withLanguage(explorePath(state, state.page + 1), lang) : null,
          selection: selectionInWords(state, options, words),
        },
      };
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === 400) {
        const errors = error.problem.errors ?? [{ name: 'request', reason: error.detail }];
        return { template: 'explore', data: { ...base, errors, result: null, noOperation: false }, status: 400 };
      }
      throw error;
    }
  }

  private async operation(request: FastifyRequest, words: Wording) {
    const { code } = request.params as { code: string };
    if (!CODE.test(code) || code.length > 64) throw notFound('notFound.operation', code);
    try {
      const data = await this.explorer.operation(code, words);
      return { template: 'operation', data };
    } catch (error) {
      throw error instanceof NotFoundProblem ? notFound('notFound.operation', code) : error;
    }
  }

  private async seriesPage(request: FastifyRequest, words: Wording) {
    const { code } = request.params as { code: string };
    if (!CODE.test(code) || code.length > 64) throw notFound('notFound.series', code);
    try {
      return { template: 'series', data: await this.explorer.seriesPage(code, words) };
    } catch (error) {
      throw error instanceof NotFoundProblem ? notFound('notFound.series', code) : error;
    }
  }

  private async country(request: FastifyRequest, words: Wording) {
    const { iso2 } = request.params as { iso2: string };
    if (!/^[A-Za-z]{2}$/.test(iso2)) throw notFound('notFound.country', iso2);
    try {
      return { template: 'country', data: await this.explorer.country(iso2, words) };
    } catch (error) {
      throw error instanceof NotFoundProblem ? notFound('notFound.country', iso2) : error;
    }
  }
}

type ExplorerNotFound = NotFoundProblem & { explorerKey?: string; explorerCode?: string };

/** A 404 whose page names what was not found (in the page's words, see notFoundMessage). */
function notFound(key: string, code: string): NotFoundProblem {
  const error = new NotFoundProblem(code) as ExplorerNotFound;
  error.explorerKey = key;
  error.explorerCode = code.slice(0, 64);
  return error;
}

function notFoundMessage(error: NotFoundProblem, words: Wording): string {
  const { explorerKey, explorerCode } = error as ExplorerNotFound;
  return explorerKey ? words.t(explorerKey, { code: explorerCode ?? '' }) : error.detail;
}

/**
 * A path of these pages with `lang=` added when the URL chose the language (`chosen`), before any `#fragment`;
 * with `replace`, an existing `lang` is replaced (the links to the same page in another language).
 */
export function withLanguage(target: string, chosen: Language | null, replace = false): string {
  const hashAt = target.indexOf('#');
  const hash = hashAt >= 0 ? target.slice(hashAt) : '';
  let path = hashAt >= 0 ? target.slice(0, hashAt) : target;
  if (replace) {
    const at = path.indexOf('?');
    if (at >= 0) {
      const kept = path
        .slice(at + 1)
        .split('&')
        .filter((p) => p !== '' && !/^lang(=|$)/.test(p))
        .join('&');
      path = kept ? `${path.slice(0, at)}?${kept}` : path.slice(0, at);
    }
  }
  if (!chosen) return path + hash;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${chosen}${hash}`;
}

/** The typed client's call for the same list (README "Typed client"): arrays for the comma-separated filters. */
export function clientCall(path: string, filters: ExploreState['filters']): string {
  const entries = FILTER_FIELDS.filter((f) => filters[f] !== undefined).map((f) => {
    const value = filters[f]!;
    if (f === 'yearFrom' || f === 'yearTo') return `${f}: ${Number(value)}`;
    return `${f}: [${value
      .split(',')
      .map((v) => `'${v.trim().replace(/[\\']/g, '\\$&')}'`)
      .join(', ')}]`;
  });
  return `const { data, error } = await api.GET('${path}', {\n  params: { query: { ${entries.join(', ')} } },\n});`;
}

/** "Pangea, 2010–2015" for the summary line. */
function selectionInWords(
  state: ExploreState,
  options: Awaited<ReturnType<ExplorerService['formOptions']>>,
  words: Wording,
): string {
  const parts: string[] = [];
  const label = (field: 'series' | 'operation' | 'crimeArea' | 'region' | 'country') => {
    const value = state.filters[field];
    if (!value) return;
    parts.push(
      value
        .split(',')
        .map((v) => options[field].find((o) => o.value.toLowerCase() === v.trim().toLowerCase())?.label ?? v)
        .join(', '),
    );
  };
  label('series');
  label('operation');
  label('crimeArea');
  label('region');
  label('country');
  const { yearFrom, yearTo } = state.filters;
  if (yearFrom || yearTo) parts.push(`${yearFrom ?? '…'}–${yearTo ?? '…'}`);
  if (state.q) parts.push(`“${state.q}”`);
  return parts.length > 0 ? parts.join('; ') : words.t('explore.summary.all');
}
