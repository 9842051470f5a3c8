import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '..');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment: Record<string, string>;
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  healthcheck?: { test: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
}

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };
  const { db, api, migrate, proxy } = compose.services;

  it('runs PostgreSQL 18 with a health check and a named volume', () => {
    expect(db.image).toBe('postgres:18');
    expect(db.healthcheck!.test.join(' ')).toContain('pg_isready');
    const [volume] = db.volumes![0].split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('wires the API to the database by DATABASE_URL once it is healthy and migrated', () => {
    const url = new URL(api.environment.DATABASE_URL);
    expect(url.hostname).toBe('db');
    expect(url.pathname).toBe(`/${db.environment.POSTGRES_DB}`);
    expect(url.username).toBe(db.environment.POSTGRES_USER);
    expect(api.depends_on!.db.condition).toBe('service_healthy');
    expect(api.depends_on!.migrate.condition).toBe('service_completed_successfully');
    expect(api.build!.dockerfile).toBe('Dockerfile');
  });

  it('migrates once, from the same image, before any API process starts', () => {
    expect(migrate.build).toEqual(api.build);
    expect(migrate.command).toEqual(['node', 'dist/src/scripts/migration.js', 'run']);
    expect(migrate.environment.DATABASE_URL).toBe(api.environment.DATABASE_URL);
    expect(migrate.depends_on!.db.condition).toBe('service_healthy');
    expect(migrate.healthcheck!.disable).toBe(true);
  });

  it('lets the API be scaled: no host port on it, a health check on /ready', () => {
    expect(api.ports).toBeUndefined();
    expect(api).not.toHaveProperty('container_name');
    expect(api.expose).toContain(api.environment.PORT);
    expect(api.healthcheck!.test.join(' ')).toContain(`http://127.0.0.1:${api.environment.PORT}/ready`);
  });

  it('publishes the port on nginx from the official image, health-checked through to the API', () => {
    expect(proxy.image).toMatch(/^nginx:1\.(2[89]|[3-9][0-9])(\.[0-9]+)?-alpine$/);
    expect(proxy.ports).toEqual(['3000:80']);
    expect(proxy.volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
    expect(proxy.healthcheck!.test.join(' ')).toContain('http://127.0.0.1/health');
    expect(proxy.depends_on!.api.condition).toBe('service_healthy');
    const published = Object.entries(compose.services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['proxy']);
  });
});

describe('deploy/nginx.conf', () => {
  const conf = readFileSync(join(root, 'deploy', 'nginx.conf'), 'utf8').replace(/#.*$/gm, '');
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, Service>;
  };
  const port = compose.services.api.environment.PORT;

  it('sends requests to every replica of the api service, found by Docker DNS', () => {
    expect(conf).toMatch(/^\s*resolver 127\.0\.0\.11\b[^;]*valid=\d+s/m);
    const upstream = /upstream (\w+) \{([^}]*)\}/.exec(conf);
    expect(upstream).not.toBeNull();
    const [, name, body] = upstream!;
    expect(body).toMatch(new RegExp(`^\\s*server api:${port} resolve;`, 'm'));
    expect(body).toMatch(/^\s*zone \w+ \d+k;/m);
    expect(conf).toContain(`proxy_pass http://${name};`);
  });

  it('listens on the port compose publishes and passes the client on', () => {
    const [, target] = compose.services.proxy.ports![0].split(':');
    expect(conf).toMatch(new RegExp(`^\\s*listen ${target};`, 'm'));
    expect(conf).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
    expect(conf).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    expect(conf).toMatch(/proxy_set_header Host \$http_host;/);
  });

  it('leaves caching and compression to the API', () => {
    expect(conf).toMatch(/^\s*gzip off;/m);
    expect(conf).not.toMatch(/proxy_cache\b|proxy_hide_header|add_header/);
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

  it('ships the migration command the migrate service runs', () => {
    expect(dockerfile).toMatch(/^COPY migrations \.\/migrations$/m);
    expect(dockerfile).toMatch(/^COPY --from=build --chown=node:node \/app\/dist \.\/dist$/m);
    expect(readFileSync(join(root, 'src', 'scripts', 'migration.ts'), 'utf8')).toContain("'run'");
  });
});
