import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface ReceivedEvent {
  sequence: string;
  entityType: string;
  toStatus: string;
  partnerId: string | null;
  subjectTypename: string | null;
}

const SUBSCRIPTION = `subscription ($filter: ApprovalEventFilter, $after: String) {
  approvalStatusChanged(filter: $filter, afterSequence: $after) {
    event { sequence entityType toStatus subjectId }
    subject { __typename id }
  }
}`;

/** A graphql-ws client on one server instance that records every event it receives. */
export class TestSubscriber {
  readonly events: ReceivedEvent[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;
  private waiters: Array<() => void> = [];
  private unsubscribe: (() => void) | null = null;

  constructor(url: string, key: string) {
    this.client = createClient({
      url: url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${key}` },
      retryAttempts: 0,
      lazy: true,
    });
  }

  /** Subscribes and resolves once the server has accepted the subscription (first event or a short settle). */
  async start(variables: { filter?: Record<string, unknown>; after?: string } = {}): Promise<void> {
    let acknowledged: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (acknowledged = resolve));
    this.client.on('connected', () => acknowledged());
    this.unsubscribe = this.client.subscribe<{
      approvalStatusChanged: { event: { sequence: string; entityType: string; toStatus: string; subjectId: string }; subject: { __typename: string } | null };
    }>(
      { query: SUBSCRIPTION, variables },
      {
        next: ({ data, errors }) => {
          if (errors) this.errors.push(errors);
          const change = data?.approvalStatusChanged;
          if (change) {
            this.events.push({
              sequence: change.event.sequence,
              entityType: change.event.entityType,
              toStatus: change.event.toStatus,
              partnerId: null,
              subjectTypename: change.subject?.__typename ?? null,
            });
            this.waiters.forEach((wake) => wake());
          }
        },
        error: (error) => this.errors.push(error),
        complete: () => undefined,
      },
    );
    await ready;
    // The server subscribes to the dispatcher right after the socket handshake; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 150));
  }

  /** Waits until `count` events have arrived (or fails after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} events, got ${this.events.length}: ${JSON.stringify(this.events)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters = [];
    }
    return this.events;
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.client.dispose();
  }
}
