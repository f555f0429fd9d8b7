import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertCanReadProgramme } from '../common/access';
import { whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { historyOf } from '../history/history';
import { StatusTransitionConnection } from '../history/status-transition.entity';
import { Partner } from '../partners/partner.entity';
import { Person } from '../people/person.entity';
import { ChampionActivity } from './champion-activity.entity';
import { ChampionNomination, ChampionNominationConnection } from './champion-nomination.entity';
import { ChampionNominationFilter } from './champion.inputs';
import { OnboardingTask } from './onboarding-task.entity';

@Resolver(() => ChampionNomination)
export class ChampionNominationResolver {
  @Query(() => ChampionNominationConnection, { description: 'Partner champion nominations and champions (R-CHAMP).' })
  async championNominations(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ChampionNominationFilter, { nullable: true }) filter?: ChampionNominationFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    assertCanReadProgramme(ctx);
    return ChampionNominationConnection.from(await listPartnerOwned(ctx, ChampionNomination, filter, orderBy, args, (qb, f) => whereIn(qb, 'status', f.status)));
  }

  @FieldResolver(() => Partner)
  partner(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(nomination.partnerId);
  }

  @FieldResolver(() => Person, { description: 'The nominee (R-CHAMP-01).' })
  person(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Person).load(nomination.personId);
  }

  @FieldResolver(() => [OnboardingTask])
  onboardingTasks(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(OnboardingTask, 'nominationId').load(nomination.id);
  }

  @FieldResolver(() => [ChampionActivity])
  activities(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(ChampionActivity, 'nominationId').load(nomination.id);
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Workflow decisions, oldest first (R-CHAMP-02).' })
  history(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, nomination.id, args);
  }
}
