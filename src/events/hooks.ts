/**
 * In-transaction reactions across domains: the domain that changes something announces it (an
 * opportunity closed) and the domains that depend on it react in the same unit of work (deals
 * re-check their expiry exemption, service registrations re-qualify), so no domain writes another
 * domain's tables and nothing commits half-reacted.
 */
export interface Hook<Payload> {
  readonly name: string;
  /** Never set: carries the payload type. */
  readonly payload?: Payload;
}

export function defineHook<Payload>(name: string): Hook<Payload> {
  return { name };
}

/** What runs a hook handler: the unit of work, kept abstract so events/ stays below db/. */
export interface HookHandler<Payload = unknown, Work = unknown> {
  readonly hook: Hook<Payload>;
  /** Who reacts (for logs and ARCHITECTURE.md): e.g. "deals: R-DEAL-08 expiry exemption". */
  readonly description: string;
  handle(work: Work, payload: Payload): Promise<void>;
}

export function on<Payload, Work>(
  hook: Hook<Payload>,
  description: string,
  handle: (work: Work, payload: Payload) => Promise<void>,
): HookHandler<Payload, Work> {
  return { hook, description, handle };
}

export class HookRegistry<Work = unknown> {
  private readonly byName = new Map<string, Array<HookHandler<unknown, Work>>>();

  constructor(handlers: ReadonlyArray<HookHandler<unknown, Work>>) {
    for (const handler of handlers) {
      const list = this.byName.get(handler.hook.name) ?? [];
      list.push(handler);
      this.byName.set(handler.hook.name, list);
    }
  }

  handlersOf<Payload>(hook: Hook<Payload>): ReadonlyArray<HookHandler<Payload, Work>> {
    return (this.byName.get(hook.name) ?? []) as ReadonlyArray<HookHandler<Payload, Work>>;
  }

  /** Every handler, in registration order (for docs and tests). */
  all(): ReadonlyArray<HookHandler<unknown, Work>> {
    return [...this.byName.values()].flat();
  }
}
