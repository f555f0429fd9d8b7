import { createLogger } from '../../src/config/logger';
import { LiveSubscriptions } from '../../src/graphql/live-subscriptions';

/** A source stream that yields nothing until returned. */
function idleSource(): AsyncIterator<number> & { returned: boolean } {
  const source = {
    returned: false,
    next: () => new Promise<IteratorResult<number>>(() => undefined),
    return: async () => {
      source.returned = true;
      return { done: true as const, value: undefined };
    },
  };
  return source;
}

const logger = createLogger({ LOG_LEVEL: 'silent' });

describe('LiveSubscriptions', () => {
  it('ends the subscriptions of keys that are no longer active with UNAUTHENTICATED, and leaves the others running', async () => {
    let active = new Set(['a', 'b']);
    const live = new LiveSubscriptions(5, async () => active, logger);
    const socket = {};
    const [sa, sb] = [idleSource(), idleSource()];
    expect(live.reserve(socket, '1', 'a')).toBeNull();
    expect(live.reserve(socket, '2', 'b')).toBeNull();
    const streamA = live.attach(socket, '1', sa);
    const streamB = live.attach(socket, '2', sb);
    const nextA = streamA.next();
    const nextB = Promise.race([streamB.next().then(() => 'delivered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 50))]);

    active = new Set(['b']);
    await live.recheckKeys();
    await expect(nextA).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/revoked or rotated/) });
    expect(sa.returned).toBe(true);
    expect(await nextB).toBe('still waiting');
    expect(sb.returned).toBe(false);
    live.releaseAll(socket);
  });

  it('ends nothing when the keys cannot be read, and tries again next time', async () => {
    let failing = true;
    const live = new LiveSubscriptions(
      5,
      async () => {
        if (failing) throw new Error('database away');
        return new Set<string>();
      },
      logger,
    );
    const socket = {};
    live.reserve(socket, '1', 'a');
    const stream = live.attach(socket, '1', idleSource());
    const next = stream.next();
    await live.recheckKeys();
    expect(
      await Promise.race([
        next.then(
          () => 'ended',
          () => 'ended',
        ),
        new Promise((resolve) => setTimeout(() => resolve('running'), 50)),
      ]),
    ).toBe('running');
    failing = false;
    await live.recheckKeys();
    await expect(next).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    live.releaseAll(socket);
  });

  it('counts slots per key across sockets and gives them back however a subscription ends', () => {
    const live = new LiveSubscriptions(2, async () => new Set(), logger);
    const [one, two] = [{}, {}];
    expect(live.reserve(one, '1', 'k')).toBeNull();
    expect(live.reserve(two, '1', 'k')).toBeNull();
    expect(live.reserve(one, '2', 'k')).toMatchObject({ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', maximum: 2 } });
    expect(live.reserve(one, '2', 'other')).toBeNull();
    expect(live.openFor('k')).toBe(2);
    live.release(one, '1');
    live.release(one, '1');
    expect(live.openFor('k')).toBe(1);
    live.releaseAll(two);
    expect(live.openFor('k')).toBe(0);
    expect(live.openFor('other')).toBe(1);
    live.releaseAll(one);
    expect(live.openFor('other')).toBe(0);
  });
});
