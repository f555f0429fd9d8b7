import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { databaseIdsOf, toGlobalId } from '../common/global-id';
import { paginate, whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { StatusTransitionFilter } from './history.inputs';
import { StatusTransition, StatusTransitionConnection } from './status-transition.entity';

@Resolver(() => StatusTransition)
export class StatusTransitionResolver {
  @Query(() => StatusTransitionConnection, { description: 'Every recorded decision across the program, oldest first; partner users see their own.' })
  async statusTransitions(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => StatusTransitionFilter, { nullable: true }) filter?: StatusTransitionFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    const qb = ctx.dataSource.getRepository(StatusTransition).createQueryBuilder('transition');
    ctx.access.scopeList(StatusTransition.name, qb);
    whereIn(qb, 'partnerId', databaseIdsOf(filter?.partnerIds, 'Partner', 'filter.partnerIds'));
    whereIn(qb, 'entityType', filter?.entityTypes);
    return StatusTransitionConnection.from(await paginate(qb, filter, orderBy, args));
  }

  @FieldResolver(() => ID, { description: 'Global ID of the entity whose status changed.' })
  subjectId(@Root() transition: StatusTransition): string {
    return toGlobalId(transition.entityType, transition.entityId);
  }
}
