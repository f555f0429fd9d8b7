import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../config/logger';

/** How often the keys of this instance's open subscriptions are read again: a revoked key's subscriptions end within about this long. */
export const KEY_RECHECK_INTERVAL_MS = 1000;

export const KEY_REVOKED_MESSAGE = 'The API key of this subscription was revoked or rotated; the subscription has ended. Reconnect with a valid key.';

/**
 * A subscription's event stream that can be ended from outside: a pending `next()` rejects with
 * the reason at once (graphql-ws then sends it as the operation's error and completes it), and
 * the source stream is closed.
 */
class EndableStream<T> implements AsyncIterableIterator<T> {
  private ended: GraphQLError | null = null;
  private interrupt: ((reason: GraphQLError) => void) | null = null;

  constructor(private readonly source: AsyncIterator<T>) {}

  next(): Promise<IteratorResult<T>> {
    if (this.ended) return Promise.reject(this.ended);
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.interrupt = reject;
      this.source.next().then(resolve, reject);
    }).finally(() => {
      this.interrupt = null;
    });
  }

  end(reason: GraphQLError): void {
    if (this.ended) return;
    this.ended = reason;
    this.interrupt?.(reason);
    void this.source.return?.().catch(() => undefined);
  }

  async return(): Promise<IteratorResult<T>> {
    await this.source.return?.();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    await this.source.return?.();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

interface Entry {
  keyId: string;
  stream: EndableStream<unknown> | null;
}

/**
 * The subscriptions open on this instance, by API key: at most `maxPerKey` per key (a slot is
 * taken before the subscription is charged and given back when it ends, however it ends), and
 * while any is open, one query a second reads their keys again and ends the subscriptions of
 * keys revoked or rotated since (UNAUTHENTICATED, with a message that says why).
 */
export class LiveSubscriptions {
  private readonly byOwner = new Map<object, Map<string, Entry>>();
  private readonly perKey = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly maxPerKey: number,
    private readonly activeKeys: (keyIds: string[]) => Promise<Set<string>>,
    private readonly logger: Logger,
  ) {}

  /** Subscriptions of this key open here now. */
  openFor(keyId: string): number {
    return this.perKey.get(keyId) ?? 0;
  }

  /** Takes a slot for subscription `id` of `owner` (a socket), or says why not. */
  reserve(owner: object, id: string, keyId: string): GraphQLError | null {
    const open = this.openFor(keyId);
    if (open >= this.maxPerKey) {
      return new GraphQLError(
        `This API key already has ${open} subscriptions open on this server instance, the most it may (MAX_SUBSCRIPTIONS_PER_KEY = ${this.maxPerKey}); end one before starting another`,
        { extensions: { code: ErrorCode.TOO_MANY_SUBSCRIPTIONS, maximum: this.maxPerKey } },
      );
    }
    let entries = this.byOwner.get(owner);
    if (!entries) {
      entries = new Map();
      this.byOwner.set(owner, entries);
    }
    entries.set(id, { keyId, stream: null });
    this.perKey.set(keyId, open + 1);
    return null;
  }

  /** The stream of a reserved subscription, made endable; watched until it ends. */
  attach<T>(owner: object, id: string, source: AsyncIterator<T>): AsyncIterableIterator<T> {
    const stream = new EndableStream(source);
    const entry = this.byOwner.get(owner)?.get(id);
    if (entry) entry.stream = stream;
    this.timer ??= setInterval(() => void this.recheckKeys(), KEY_RECHECK_INTERVAL_MS).unref();
    return stream;
  }

  release(owner: object, id: string): void {
    const entries = this.byOwner.get(owner);
    const entry = entries?.get(id);
    if (!entries || !entry) return;
    entries.delete(id);
    if (entries.size === 0) this.byOwner.delete(owner);
    const left = this.openFor(entry.keyId) - 1;
    if (left > 0) this.perKey.set(entry.keyId, left);
    else this.perKey.delete(entry.keyId);
    if (this.perKey.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  releaseAll(owner: object): void {
    for (const id of [...(this.byOwner.get(owner)?.keys() ?? [])]) this.release(owner, id);
  }

  /** Ends the subscriptions whose key is no longer active. A failed read ends nothing and is tried again next time. */
  async recheckKeys(): Promise<void> {
    if (this.checking || this.perKey.size === 0) return;
    this.checking = true;
    try {
      const active = await this.activeKeys([...this.perKey.keys()]);
      const reason = new GraphQLError(KEY_REVOKED_MESSAGE, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
      for (const entries of this.byOwner.values()) {
        for (const entry of entries.values()) if (!active.has(entry.keyId)) entry.stream?.end(reason);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'could not recheck the API keys of open subscriptions');
    } finally {
      this.checking = false;
    }
  }
}
