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
    const env = validateEnvironment({
      PORT: '8080',
      SEED_ON_START: 'false',
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@h:5432/d',
    });
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

  it('applies the defaults of the abuse limits', () => {
    const env = validateEnvironment({});
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(300);
    expect(env.RATE_LIMIT_PER_MINUTE_WITH_KEY).toBe(3000);
    expect(env.BODY_LIMIT_BYTES).toBe(1048576);
    expect(env.IMPORT_BODY_LIMIT_BYTES).toBe(16777216);
    expect(env.IMPORT_MAX_ROWS).toBe(50000);
    expect(env.corsWriteOrigins).toEqual([]);
    expect(env.trustProxy).toBe('loopback,linklocal,uniquelocal');
  });

  it('reads the abuse limits', () => {
    const env = validateEnvironment({
      RATE_LIMIT_PER_MINUTE: '0',
      CORS_WRITE_ORIGINS: 'https://editor.example.org, http://localhost:5173',
      TRUST_PROXY: '1',
    });
    expect(env.RATE_LIMIT_PER_MINUTE).toBe(0);
    expect(env.corsWriteOrigins).toEqual(['https://editor.example.org', 'http://localhost:5173']);
    expect(env.trustProxy).toBe(1);
    expect(validateEnvironment({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it.each([
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['BODY_LIMIT_BYTES', '10'],
    ['IMPORT_MAX_ROWS', '0'],
    ['CORS_WRITE_ORIGINS', 'editor.example.org'],
    ['CORS_WRITE_ORIGINS', 'https://editor.example.org/path'],
    ['TRUST_PROXY', 'yes please!'],
  ])('refuses %s=%s', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`^Invalid configuration: ${name}=`));
  });

  it('shows the value as it was given', () => {
    expect(() => validateEnvironment({ PORT: 'abc' })).toThrow(/^Invalid configuration: PORT="abc": /);
  });

  it('never prints the database URL, which may hold a password', () => {
    expect(() => validateEnvironment({ DATABASE_URL: 'mysql://user:secret@host/db' })).toThrow(
      /DATABASE_URL=\(hidden\)/,
    );
  });
});
