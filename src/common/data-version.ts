import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The PostgreSQL channel the data-version trigger notifies (migration DataState). */
export const DATA_CHANGED_CHANNEL = 'data_changed';
const STATE_QUERY = 'SELECT version::text AS version, changed_at FROM data_state WHERE id = 1';
/** Reconnection of the listening connection: first wait, doubled up to the last. */
const RECONNECT_MS = { first: 100, max: 5000 };

/**
 * The data version, decided in PostgreSQL and the same in every process: table `data_state` holds a
 * version moved by a trigger inside every transaction that changes the data, and the time of that
 * change (`asOf` everywhere). Each process keeps one dedicated `LISTEN data_changed` connection (not
 * from the pool); a notification moves the version here as soon as the writing transaction commits.
 * The connection reconnects with backoff after being lost and re-reads the version on every
 * (re)connect, so a missed notification can never leave this process behind. While the database is
 * unreachable the version stays where it was: the data cannot change then, so the answers cached for
 * it stay right and keep being served. Cached responses and entity tags are keyed on `current()`.
 */
@Injectable()
export class DataVersion implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DataVersion.name);
  private version = 0n;
  private changedAt = new Date(0);
  private token = 'v0';
  private listener?: Client;
  private reconnectTimer?: NodeJS.Timeout;
  private reconnectDelay = RECONNECT_MS.first;
  private stopped = false;
  private readonly waiters = new Set<() => void>();

  constructor(@Optional() private readonly dataSource?: DataSource) {}

  /** The token of the data as this process last saw it: `v<version>`. */
  current(): string {
    return this.token;
  }

  /** When the data last changed (`data_state.changed_at`). */
  lastChange(): Date {
    return this.changedAt;
  }

  /** Whether the notification connection is up (false while the database is unreachable). */
  get listening(): boolean {
    return this.listener !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh().catch((error: Error) => this.logger.warn(`data version not read: ${error.message}`));
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /**
   * Re-reads the version from the database: after this process's own write commits (so that it reads
   * its own writes without waiting for the notification) and on every (re)connect.
   */
  async refresh(): Promise<void> {
    if (!this.dataSource?.isInitialized) return;
    const [row] = await this.dataSource.query<{ version: string; changed_at: Date }[]>(STATE_QUERY);
    if (row) this.advance(BigInt(row.version), row.changed_at);
  }

  /** After a change this process made: the version moves now (the trigger moved it in the database). */
  bump(): Promise<void> {
    return this.refresh();
  }

  /** Resolves once the version is past `token` (or after `timeoutMs`): for tests and benchmarks. */
  async changedSince(token: string, timeoutMs: number): Promise<boolean> {
    if (this.token !== token) return true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.add(done);
    });
    return this.token !== token;
  }

  private advance(version: bigint, changedAt: Date): void {
    if (version < this.version) return;
    const moved = version !== this.version;
    this.version = version;
    this.changedAt = changedAt;
    this.token = `v${version}`;
    if (moved) {
      for (const wake of this.waiters) wake();
      this.waiters.clear();
    }
  }

  private connectionString(): string | undefined {
    const options = this.dataSource?.options as { url?: string } | undefined;
    return options?.url;
  }

  private async listen(): Promise<void> {
    const url = this.connectionString();
    if (!url || this.stopped) return;
    const client = new Client({ connectionString: url, application_name: 'operation-results-api listener' });
    const lost = (error?: Error) => {
      if (this.listener === client) this.listener = undefined;
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (!this.stopped) {
        if (error)
          this.logger.warn(`data version listener lost (${error.message}); reconnecting in ${this.reconnectDelay} ms`);
        this.scheduleReconnect();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel !== DATA_CHANGED_CHANNEL || !message.payload || !/^[0-9]+$/.test(message.payload)) return;
      // Version and time are read together, on this connection, so that no answer pairs a new version with an old asOf.
      if (BigInt(message.payload) > this.version) void this.readState(client).catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_CHANGED_CHANNEL}`);
      await this.readState(client);
      this.listener = client;
      this.reconnectDelay = RECONNECT_MS.first;
    } catch (error) {
      lost(error as Error);
    }
  }

  private async readState(client: Client): Promise<void> {
    const { rows } = await client.query<{ version: string; changed_at: Date }>(STATE_QUERY);
    if (rows[0]) this.advance(BigInt(rows[0].version), rows[0].changed_at);
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.stopped) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MS.max);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.listen();
    }, delay);
    this.reconnectTimer.unref();
  }
}
