/**
 * The positional parameters of one SQL statement, collected while its text is written: `add` keeps a value and
 * returns its placeholder (`$1`, `$2`, …). Every hand-written filter of the API builds its parameters with it.
 */
export class SqlParams {
  readonly values: unknown[];

  /** `initial` takes the first placeholders (`$1` …) for values the statement names itself. */
  constructor(initial: unknown[] = []) {
    this.values = [...initial];
  }

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
