import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface WsError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** A single result, or the errors of an operation the server refused (graphql-ws `error` message). */
export interface WsResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: WsError[];
  extensions?: { requestId?: string; rateLimit?: { cost: number; limit: number; remaining: number; resetAt: string } };
}

/** A running subscription: what it delivered, and how it ended. */
export interface WsSubscription<T = Record<string, unknown>> {
  results: Array<WsResult<T>>;
  /** Resolves with the errors that ended it, or null when it completed without. */
  ended: Promise<WsError[] | null>;
  /** Resolves when the server acknowledged it by delivering a first result or ending it — or after `settleMs` of silence. */
  settled(settleMs?: number): Promise<void>;
  stop(): void;
}

/**
 * One graphql-ws socket, opened at once and kept open (not lazy): every operation of a test runs
 * over the same connection, and `connections` says how many times it connected.
 */
export class WsTestClient {
  connections = 0;
  readonly closes: Array<{ code: number; reason: string }> = [];
  private readonly client: Client;

  constructor(url: string, key: string | null) {
    this.client = createClient({
      url: url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: key ? { authorization: `Bearer ${key}` } : {},
      lazy: false,
      retryAttempts: 0,
      // Closes are recorded in `closes`; a test that expects one need not see it logged.
      onNonLazyError: () => undefined,
      on: {
        connected: () => {
          this.connections += 1;
        },
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          this.closes.push({ code, reason });
        },
      },
    });
  }

  /** Runs a query or mutation and resolves with its result, or with the errors that refused it. */
  run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<WsResult<T>> {
    return new Promise((resolve, reject) => {
      let result: WsResult<T> | null = null;
      this.client.subscribe<T>(
        { query, variables },
        {
          next: (value) => {
            result = value as WsResult<T>;
          },
          error: (error) => {
            if (Array.isArray(error)) resolve({ errors: error as WsError[] });
            else reject(error instanceof Error ? error : new Error(`socket failed: ${JSON.stringify(error)}`));
          },
          complete: () => {
            resolve(result ?? {});
          },
        },
      );
    });
  }

  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): WsSubscription<T> {
    const results: Array<WsResult<T>> = [];
    let endWith: (errors: WsError[] | null) => void = () => undefined;
    const ended = new Promise<WsError[] | null>((resolve) => (endWith = resolve));
    let heard: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (heard = resolve));
    const stop = this.client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          results.push(value as WsResult<T>);
          heard();
        },
        error: (error) => {
          endWith(Array.isArray(error) ? (error as WsError[]) : [{ message: `socket failed: ${JSON.stringify(error)}` }]);
          heard();
        },
        complete: () => {
          endWith(null);
          heard();
        },
      },
    );
    return {
      results,
      ended,
      settled: (settleMs = 300) => Promise.race([first, new Promise<void>((resolve) => setTimeout(resolve, settleMs))]),
      stop,
    };
  }

  close(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}

/** Resolves with `promise`'s value, or with `fallback` after `ms`. */
export function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return Promise.race([promise, new Promise<F>((resolve) => setTimeout(() => resolve(fallback), ms))]);
}
