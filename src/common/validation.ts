import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { InvalidParam, ValidationProblem } from './problem';

/** Operation years every query accepts (`year`, `yearFrom`, `yearTo`), on every route alike. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/**
 * The one check of a year range, shared by operations, figure lists and statistics: `yearFrom` after `yearTo` is a
 * 400 naming `yearFrom`, with one message everywhere.
 */
export function checkYearRange(yearFrom: number | undefined, yearTo: number | undefined): void {
  if (yearFrom !== undefined && yearTo !== undefined && yearFrom > yearTo) {
    throw new ValidationProblem([
      { name: 'yearFrom', reason: `yearFrom (${yearFrom}) must not be after yearTo (${yearTo})` },
    ]);
  }
}

/**
 * Query parameters that sites, proxies and libraries add on their own and that the API ignores: a cache-buster
 * `_` and the `utm_*` tracking parameters. Every other unknown parameter is a 400 (a misspelt filter must not
 * silently widen a question), with the nearest known name suggested.
 */
export const IGNORED_QUERY_PARAMETER = /^(_|utm_[A-Za-z0-9_]*)$/;

/** The URL without the ignored parameters: what caches and entity tags are keyed on. */
export function withoutIgnoredParameters(url: string): string {
  const at = url.indexOf('?');
  if (at < 0 || !/(^|[?&])(_|utm_)/.test(url.slice(at))) return url;
  const kept = url
    .slice(at + 1)
    .split('&')
    .filter((pair) => pair !== '' && !IGNORED_QUERY_PARAMETER.test(decodeURIComponentSafe(pair.split('=')[0])));
  return kept.length > 0 ? `${url.slice(0, at)}?${kept.join('&')}` : url.slice(0, at);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Removes the ignored parameters from a parsed query object (before validation). */
export function dropIgnoredParameters(query: unknown): void {
  if (!query || typeof query !== 'object') return;
  for (const key of Object.keys(query))
    if (IGNORED_QUERY_PARAMETER.test(key)) delete (query as Record<string, unknown>)[key];
}

/** Type and format rules first: "yearFrom must be an integer" explains more than "must not be greater than 2100". */
const FIRST_CONSTRAINTS = [
  'whitelistValidation',
  'isDefined',
  'isInt',
  'isNumber',
  'isBoolean',
  'isString',
  'isIn',
  'isEnum',
  'matches',
  'isDateString',
  'isUrl',
];

function orderedReasons(constraints: Record<string, string>): string[] {
  const rank = (name: string) => {
    const at = FIRST_CONSTRAINTS.indexOf(name);
    return at < 0 ? FIRST_CONSTRAINTS.length : at;
  };
  return Object.entries(constraints)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([, reason]) => reason);
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j];
      row[j] = Math.min(
        row[j] + 1,
        row[j - 1] + 1,
        previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length];
}

/** The known property of the DTO nearest to a refused name, when one is close enough to be a typo. */
function nearestKnown(error: ValidationError): string | undefined {
  const target = error.target?.constructor;
  if (!target) return undefined;
  const known = [
    ...new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(target, '', true, false)
        .map((m) => m.propertyName),
    ),
  ];
  const ranked = known.map((name) => ({ name, d: distance(error.property, name) })).sort((x, y) => x.d - y.d);
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(error.property.length / 3)) ? best.name : undefined;
}

/** Flattens class-validator's tree into one entry per failed rule, with dotted paths, the most telling rule first. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): InvalidParam[] {
  return errors.flatMap((error) => {
    const name = parent ? `${parent}.${error.property}` : error.property;
    const constraints = { ...(error.constraints ?? {}) };
    if (constraints.whitelistValidation) {
      const suggestion = nearestKnown(error);
      constraints.whitelistValidation = suggestion
        ? `'${error.property}' is not accepted here: did you mean '${suggestion}'?`
        : `'${error.property}' is not accepted here`;
    }
    const own = orderedReasons(constraints).map((reason) => ({ name, reason }));
    return [...own, ...flattenValidationErrors(error.children ?? [], name)];
  });
}

/** The global pipe: unknown fields are refused, values are converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    // The target lets a refused name be compared with the DTO's known ones ("did you mean"); never sent to clients.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
  });
}
