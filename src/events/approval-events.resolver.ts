import { Arg, Ctx, Extensions, Field, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { badInput } from '../common/errors';
import { Node } from '../common/node';
import { resolveNode } from '../common/node.resolver';
import type { RequestContext } from '../context';
import { StatusTransition } from '../events/status-transition.entity';
import { MAX_PAGE_SIZE_EXTENSION } from '../limits/list-size';
import { Loaders } from '../loaders/loaders';
import { ApprovalEventFilter } from './approval-events.inputs';
import { EventAudience, approvalEventStream, checkResumePoint, eventsAfter, parseSequence } from './approval-events.service';

const MAX_POLL = 500;

@ObjectType({ description: 'A committed status change (R-EVT-01) and the entity it changed, as this key may see it.' })
export class ApprovalStatusChange {
  @Field(() => StatusTransition)
  event: StatusTransition;

  @Field(() => Node, { nullable: true, description: 'The changed entity now; null when this key may not read it (e.g. a distributor).' })
  subject: Node | null;
}

interface SubscriptionArgs {
  filter?: ApprovalEventFilter | null;
  afterSequence?: string | null;
}

@Resolver()
export class ApprovalEventResolver {
  @Subscription(() => ApprovalStatusChange, {
    description:
      'Every approval status change this key may see (R-EVT-01/02), from any server instance (R-EVT-03). Pass the last `sequence` you received as `afterSequence` to get what you missed first, then live events: none twice, none skipped.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, SubscriptionArgs, RequestContext>) => {
      const after = args.afterSequence === undefined || args.afterSequence === null ? null : parseSequence(args.afterSequence, 'afterSequence');
      if (after !== null) await checkResumePoint(context, after, 'afterSequence');
      return approvalEventStream(context, new EventAudience(context, args.filter), after);
    },
  })
  async approvalStatusChanged(
    @Root() event: StatusTransition,
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ApprovalEventFilter, { nullable: true }) _filter?: ApprovalEventFilter,
    @Arg('afterSequence', () => String, { nullable: true }) _afterSequence?: string,
  ): Promise<ApprovalStatusChange> {
    // A subscription lives long: each event reads the current data with loaders of its own.
    ctx.loaders = new Loaders(ctx.dataSource.manager);
    const change = new ApprovalStatusChange();
    change.event = event;
    change.subject = await resolveNode(ctx, Buffer.from(`${event.entityType}:${event.entityId}`).toString('base64url'));
    return change;
  }

  @Query(() => [StatusTransition], {
    description: 'Committed status changes after a sequence, oldest first, for clients that poll (R-EVT-01/02). Continue from the last `sequence`.',
  })
  @Extensions({ [MAX_PAGE_SIZE_EXTENSION]: MAX_POLL })
  async approvalEvents(
    @Ctx() ctx: RequestContext,
    @Arg('after', () => String, { nullable: true, description: 'The last sequence you have; omit to start from the beginning.' }) after?: string,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
    @Arg('filter', () => ApprovalEventFilter, { nullable: true }) filter?: ApprovalEventFilter,
  ): Promise<StatusTransition[]> {
    if (first < 1 || first > MAX_POLL) throw badInput(`\`first\` must be between 1 and ${MAX_POLL}`, 'first');
    const from = parseSequence(after, 'after');
    await checkResumePoint(ctx, from, 'after');
    return eventsAfter(ctx, new EventAudience(ctx, filter), from, first);
  }
}
