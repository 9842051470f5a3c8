import { ValidationProblem } from '../problem';

export interface SortTerm {
  /** SQL expression to order by (from the endpoint's allow-list, never from the client). */
  expression: string;
  direction: 'ASC' | 'DESC';
}

/**
 * Turns `-year,name` into ORDER BY terms using the endpoint's allow-list of
 * public field names → SQL expressions. An unknown field is a 400 naming the
 * allowed ones. `tieBreaker` keeps pages stable.
 */
export function parseSort(
  sort: string | undefined,
  allowed: Record<string, string>,
  fallback: string,
  tieBreaker: string,
): SortTerm[] {
  const fields = (sort ?? fallback).split(',').filter(Boolean);
  const terms: SortTerm[] = [];
  for (const field of fields) {
    const descending = field.startsWith('-');
    const name = descending ? field.slice(1) : field;
    const expression = allowed[name];
    if (!expression) {
      throw new ValidationProblem([
        { name: 'sort', reason: `unknown sort field '${name}'; allowed: ${Object.keys(allowed).join(', ')}` },
      ]);
    }
    terms.push({ expression, direction: descending ? 'DESC' : 'ASC' });
  }
  if (!terms.some((t) => t.expression === tieBreaker)) terms.push({ expression: tieBreaker, direction: 'ASC' });
  return terms;
}

export function orderBySql(terms: SortTerm[]): string {
  return terms.map((t) => `${t.expression} ${t.direction} NULLS LAST`).join(', ');
}
