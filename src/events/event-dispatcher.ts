import { Client } from 'pg';
import { DataSource, MoreThan } from 'typeorm';
import type { Logger } from '../config/logger';
import { StatusTransition } from '../events/status-transition.entity';

export type EventListener = (event: StatusTransition) => void;

export interface EventDispatcherOptions {
  /** PostgreSQL to LISTEN on; null for the embedded database, which has one connection only. */
  listenUrl: string | null;
  /** Reads the outbox this often even without a notification (a lost NOTIFY costs at most this). */
  pollIntervalMs: number;
}

const CHANNEL = 'prm_status_transition';
const BATCH = 500;

/**
 * Delivers committed status changes (the outbox, `status_transition`) to this instance's
 * subscribers, in sequence order, each once. Any instance's commit wakes every instance through
 * PostgreSQL LISTEN/NOTIFY (R-EVT-03); each then reads the outbox after the last sequence it
 * delivered. Sequences are gap-free and in commit order, so reading "after N" never skips one.
 */
export class EventDispatcher {
  private lastSequence = 0n;
  private readonly listeners = new Set<EventListener>();
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private listenClient: Client | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly options: EventDispatcherOptions,
  ) {}

  async start(): Promise<void> {
    const [{ last_value }]: Array<{ last_value: string }> = await this.dataSource.query(`SELECT last_value FROM event_sequence WHERE id = 1`);
    this.lastSequence = BigInt(last_value);
    if (this.options.listenUrl) await this.listen(this.options.listenUrl);
    this.pollTimer = setInterval(() => this.poke(), this.options.pollIntervalMs);
    this.pollTimer.unref();
  }

  /** The sequence of the last event delivered here. */
  get deliveredThrough(): bigint {
    return this.lastSequence;
  }

  /** Live events from now on; returns the function that unsubscribes. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the outbox now (after a local commit, or when NOTIFY or the poll timer says so). */
  poke(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'reading the event outbox failed; retrying on the next wake-up'))
      .finally(() => {
        this.draining = null;
        if (this.drainAgain) {
          this.drainAgain = false;
          this.poke();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.draining;
    this.listeners.clear();
    const client = this.listenClient;
    this.listenClient = null;
    await client?.end().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    for (;;) {
      const events = await this.dataSource.getRepository(StatusTransition).find({
        where: { sequence: MoreThan(this.lastSequence.toString()) },
        order: { sequence: 'ASC' },
        take: BATCH,
      });
      for (const event of events) {
        this.lastSequence = BigInt(event.sequence);
        for (const listener of this.listeners) {
          try {
            listener(event);
          } catch (error) {
            this.logger.error({ err: error, sequence: event.sequence }, 'event listener failed');
          }
        }
      }
      if (events.length < BATCH) return;
    }
  }

  private async listen(url: string): Promise<void> {
    const client = new Client({ connectionString: url });
    client.on('notification', () => this.poke());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'event LISTEN connection lost; reconnecting');
      this.scheduleReconnect(url);
    });
    try {
      await client.connect();
      if (this.stopped) {
        await client.end();
        return;
      }
      await client.query(`LISTEN ${CHANNEL}`);
      this.listenClient = client;
      // Anything committed while we were not listening is read now.
      this.poke();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not LISTEN for events; retrying');
      await client.end().catch(() => undefined);
      this.scheduleReconnect(url);
    }
  }

  private scheduleReconnect(url: string): void {
    if (this.stopped || this.reconnectTimer) return;
    const stale = this.listenClient;
    this.listenClient = null;
    void stale?.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.listen(url);
    }, 1000);
    this.reconnectTimer.unref();
  }
}
