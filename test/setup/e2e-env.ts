// Each e2e worker talks to the database that the global setup prepared.
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.LOG_FORMAT = 'json';
// No rate limit unless a spec boots its own app with one: specs send many requests from one address.
process.env.RATE_LIMIT_PER_MINUTE = '0';
