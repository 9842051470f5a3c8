import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'));

  it('runs PostgreSQL 18 with a health check and a named volume', () => {
    const db = compose.services.db;
    expect(db.image).toBe('postgres:18');
    expect(db.healthcheck.test.join(' ')).toContain('pg_isready');
    const [volume] = db.volumes[0].split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('wires the API to the database by DATABASE_URL once it is healthy', () => {
    const api = compose.services.api;
    const url = new URL(api.environment.DATABASE_URL);
    expect(url.hostname).toBe('db');
    expect(url.pathname).toBe(`/${compose.services.db.environment.POSTGRES_DB}`);
    expect(url.username).toBe(compose.services.db.environment.POSTGRES_USER);
    expect(api.depends_on.db.condition).toBe('service_healthy');
    expect(api.build.dockerfile).toBe('Dockerfile');
    expect(api.ports).toContain('3000:3000');
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

  it('builds in one stage and runs from another as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^COPY --from=build /m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["node", "dist\/src\/main\.js"\]$/m);
  });
});
