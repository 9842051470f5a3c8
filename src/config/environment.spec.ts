import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies the defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.EMBEDDED_PG_DIR).toBe('.data/postgres');
    expect(env.SEED_ON_START).toBe(true);
    expect(env.logFormat).toBe('pretty');
  });

  it('reads and converts values', () => {
    const env = validateEnvironment({ PORT: '8080', SEED_ON_START: 'false', NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@h:5432/d' });
    expect(env.PORT).toBe(8080);
    expect(env.SEED_ON_START).toBe(false);
    expect(env.logFormat).toBe('json');
    expect(env.DATABASE_URL).toBe('postgres://u:p@h:5432/d');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://x'],
    ['SEED_ON_START', 'maybe'],
  ])('refuses %s=%s with a one-line message naming it', (name, value) => {
    let error: unknown;
    try {
      validateEnvironment({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain(name);
    expect(message).not.toContain('\n');
  });

  it('never prints the database URL, which may hold a password', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://user:secret@host/db' })).toThrow(/DATABASE_URL=\(hidden\)/);
  });
});
