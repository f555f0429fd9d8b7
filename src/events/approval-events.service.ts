import { MoreThan } from 'typeorm';
import { readsWholeProgramme } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { badInput } from '../common/errors';
import { databaseIdOf } from '../common/global-id';
import type { RequestContext } from '../context';
import { Distributor } from '../distributors/distributor.entity';
import { DistributorKind } from '../distributors/distributor.enums';
import { PartnerDistributor } from '../distributors/partner-distributor.entity';
import { StatusTransition } from '../history/status-transition.entity';
import { Partner } from '../partners/partner.entity';
import { ApprovalEventFilter } from './approval-events.inputs';

const REPLAY_PAGE = 500;

/** Decides, per event, whether this caller may hear of it (R-EVT-02) and whether it matches the filter. */
export class EventAudience {
  private readonly distributorSees = new Map<string, boolean>();
  private readonly partnerId: string | null;

  constructor(
    private readonly ctx: RequestContext,
    private readonly filter: ApprovalEventFilter | null | undefined,
  ) {
    this.partnerId = filter?.partnerId ? databaseIdOf(filter.partnerId, 'Partner') : null;
    if (filter?.partnerId && !this.partnerId) throw badInput('`filter.partnerId` is not a Partner ID', 'filter.partnerId');
  }

  async admits(event: StatusTransition): Promise<boolean> {
    if (this.filter?.entityTypes && !this.filter.entityTypes.includes(event.entityType)) return false;
    if (this.filter?.statuses && !this.filter.statuses.includes(event.toStatus)) return false;
    if (this.partnerId && event.partnerId !== this.partnerId) return false;
    return this.mayHear(event);
  }

  private async mayHear(event: StatusTransition): Promise<boolean> {
    const { principal } = this.ctx;
    if (readsWholeProgramme(principal)) return true;
    if (principal.role === Role.PARTNER_USER) return event.partnerId !== null && event.partnerId === principal.partnerId;
    // A distributor hears of partner status changes of the partners it serves (R-DIST-03), nothing else.
    if (principal.role === Role.DISTRIBUTOR && event.entityType === 'Partner' && event.partnerId) {
      let sees = this.distributorSees.get(event.partnerId);
      if (sees === undefined) {
        sees = await this.distributorServes(principal.distributorId as string, event.partnerId);
        this.distributorSees.set(event.partnerId, sees);
      }
      return sees;
    }
    return false;
  }

  private async distributorServes(distributorId: string, partnerId: string): Promise<boolean> {
    const manager = this.ctx.dataSource.manager;
    const [distributor, partner] = await Promise.all([manager.findOneBy(Distributor, { id: distributorId }), manager.findOneBy(Partner, { id: partnerId })]);
    if (!distributor?.active || !partner) return false;
    if (distributor.kind === DistributorKind.MARKETPLACE || distributor.territories.includes(partner.territory)) return true;
    return manager.existsBy(PartnerDistributor, { distributorId, partnerId });
  }
}

/** Committed events after `after`, in sequence order, that this caller may read and asked for. */
export async function eventsAfter(ctx: RequestContext, audience: EventAudience, after: bigint, limit: number): Promise<StatusTransition[]> {
  const matching: StatusTransition[] = [];
  let cursor = after;
  while (matching.length < limit) {
    const page = await ctx.dataSource.getRepository(StatusTransition).find({
      where: { sequence: MoreThan(cursor.toString()) },
      order: { sequence: 'ASC' },
      take: REPLAY_PAGE,
    });
    for (const event of page) {
      cursor = BigInt(event.sequence);
      if (await audience.admits(event)) matching.push(event);
      if (matching.length === limit) break;
    }
    if (page.length < REPLAY_PAGE) break;
  }
  return matching;
}

export function parseSequence(value: string | null | undefined, argument: string): bigint {
  if (value === null || value === undefined) return -1n;
  if (!/^\d{1,19}$/.test(value)) throw badInput(`\`${argument}\` must be an event sequence (digits)`, argument);
  return BigInt(value);
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
  const unsubscribe = ctx.events.subscribe((event) => {
    buffered.push(event);
    wake?.();
  });

  async function* run(): AsyncGenerator<StatusTransition> {
    let last = after ?? ctx.events.deliveredThrough;
    if (after !== null) {
      for (;;) {
        const missed = await eventsAfter(ctx, audience, last, REPLAY_PAGE);
        for (const event of missed) {
          last = BigInt(event.sequence);
          yield event;
        }
        if (missed.length < REPLAY_PAGE) break;
      }
    }
    while (!closed) {
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
