import { GraphQLError } from 'graphql';
import { SelectQueryBuilder } from 'typeorm';
import { AccessScope } from '../access/access-scope';
import { Role } from '../auth/role.enum';
import { ErrorCode, badInput } from '../common/errors';
import { databaseIdOf } from '../common/global-id';
import type { RequestContext } from '../context';
import { StatusTransition } from './status-transition.entity';
import { ApprovalEventFilter } from './approval-events.inputs';

const REPLAY_PAGE = 500;
/** Live events a subscriber may have waiting before it is cut off (it can resume where it was). */
const MAX_BUFFERED = 10_000;

/**
 * How long a subscription trusts what it learned about a distributor's partners (territories
 * change). Its key is rechecked every second by the pipeline (src/graphql/live-subscriptions.ts).
 */
const RECHECK_MS = 30_000;

/** Decides, per event, whether this caller may hear of it (R-EVT-02, through the access policy) and whether it matches the filter. */
export class EventAudience {
  private checkedAt = Date.now();
  private readonly partnerId: string | null;

  constructor(
    private readonly ctx: RequestContext,
    private readonly filter: ApprovalEventFilter | null | undefined,
  ) {
    this.partnerId = filter?.partnerId ? databaseIdOf(filter.partnerId, 'Partner') : null;
    if (filter?.partnerId && !this.partnerId) throw badInput('`filter.partnerId` is not a Partner ID', 'filter.partnerId');
  }

  /** Forgets cached visibility every RECHECK_MS. */
  private recheck(): void {
    if (Date.now() - this.checkedAt < RECHECK_MS) return;
    this.checkedAt = Date.now();
    const { access } = this.ctx;
    this.ctx.access = new AccessScope(access.viewer, access.registry, this.ctx.dataSource.manager);
  }

  /** The part of the audience check SQL can do, so a replay reads only candidate rows. */
  narrow(qb: SelectQueryBuilder<StatusTransition>): void {
    const { principal } = this.ctx;
    if (this.filter?.entityTypes) qb.andWhere('event.entityType = ANY(:entityTypes)', { entityTypes: this.filter.entityTypes });
    if (this.filter?.statuses) qb.andWhere('event.toStatus = ANY(:statuses)', { statuses: this.filter.statuses });
    if (this.partnerId) qb.andWhere('event.partnerId = :filterPartnerId', { filterPartnerId: this.partnerId });
    if (principal.role === Role.PARTNER_USER) qb.andWhere('event.partnerId = :ownPartnerId', { ownPartnerId: principal.partnerId });
    if (principal.role === Role.DISTRIBUTOR) qb.andWhere(`event.entityType = 'Partner'`);
  }

  async admits(event: StatusTransition): Promise<boolean> {
    this.recheck();
    if (this.filter?.entityTypes && !this.filter.entityTypes.includes(event.entityType)) return false;
    if (this.filter?.statuses && !this.filter.statuses.includes(event.toStatus)) return false;
    if (this.partnerId && event.partnerId !== this.partnerId) return false;
    return (await this.ctx.access.shapeOf(event)) !== 'NONE';
  }
}

/** Committed events after `after`, in sequence order, that this caller may read and asked for. */
export async function eventsAfter(
  ctx: RequestContext,
  audience: EventAudience,
  after: bigint,
  limit: number,
  isClosed: () => boolean = () => false,
): Promise<StatusTransition[]> {
  const matching: StatusTransition[] = [];
  let cursor = after;
  while (matching.length < limit && !isClosed()) {
    const qb = ctx.dataSource.getRepository(StatusTransition).createQueryBuilder('event').where('event.sequence > :cursor', { cursor: cursor.toString() });
    audience.narrow(qb);
    const page = await qb.orderBy('event.sequence', 'ASC').take(REPLAY_PAGE).getMany();
    for (const event of page) {
      cursor = BigInt(event.sequence);
      if (await audience.admits(event)) matching.push(event);
      if (matching.length === limit) break;
    }
    if (page.length < REPLAY_PAGE) break;
  }
  return matching;
}

const MAX_BIGINT = 9223372036854775807n;

export function parseSequence(value: string | null | undefined, argument: string): bigint {
  if (value === null || value === undefined) return -1n;
  if (!/^\d{1,19}$/.test(value) || BigInt(value) > MAX_BIGINT) throw badInput(`\`${argument}\` must be an event sequence (digits)`, argument);
  return BigInt(value);
}

/** A resume point beyond the last event ever committed would silently skip every event until then. */
export async function checkResumePoint(ctx: RequestContext, after: bigint, argument: string): Promise<void> {
  const [{ last_value: last }]: Array<{ last_value: string }> = await ctx.dataSource.query(`SELECT last_value FROM event_sequence WHERE id = 1`);
  if (after > BigInt(last)) throw badInput(`\`${argument}\` is ahead of the last event (${last})`, argument);
}

/**
 * The stream of one subscription: what was missed since `after` (replayed from the outbox), then
 * live events, each once and in order. Live events are buffered from before the replay starts,
 * and anything at or below the last sequence sent is dropped, so the seam has no gap and no repeat.
 * Closing the stream (client unsubscribes or disconnects) ends it at once, even while idle.
 */
export function approvalEventStream(ctx: RequestContext, audience: EventAudience, after: bigint | null): AsyncIterableIterator<StatusTransition> {
  const buffered: StatusTransition[] = [];
  let wake: (() => void) | null = null;
  let closed = false;
  let overflowed = false;
  const unsubscribe = ctx.events.subscribe((event) => {
    if (buffered.length >= MAX_BUFFERED) overflowed = true;
    else buffered.push(event);
    wake?.();
  });

  async function* run(): AsyncGenerator<StatusTransition> {
    let last = after ?? ctx.events.deliveredThrough;
    if (after !== null) {
      for (;;) {
        const missed = await eventsAfter(ctx, audience, last, REPLAY_PAGE, () => closed);
        for (const event of missed) {
          last = BigInt(event.sequence);
          yield event;
        }
        if (missed.length < REPLAY_PAGE) break;
      }
    }
    while (!closed) {
      if (overflowed) {
        throw new GraphQLError(`The subscriber fell ${MAX_BUFFERED} events behind; resubscribe with afterSequence: "${last}"`, {
          extensions: { code: ErrorCode.SUBSCRIBER_TOO_SLOW, lastSequence: last.toString() },
        });
      }
      while (buffered.length > 0 && !closed) {
        const event = buffered.shift() as StatusTransition;
        const sequence = BigInt(event.sequence);
        if (sequence <= last) continue;
        last = sequence;
        if (await audience.admits(event)) yield event;
      }
      if (!closed) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }

  const generator = run();
  const close = async (): Promise<IteratorResult<StatusTransition>> => {
    closed = true;
    unsubscribe();
    wake?.();
    return generator.return(undefined);
  };
  return {
    next: () => generator.next(),
    return: close,
    throw: async (error: unknown) => {
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
