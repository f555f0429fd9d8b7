import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { nestedPage, whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { DecisionRecord, decisionOf } from '../events/decision';
import { historyOf } from '../events/history';
import { StatusTransitionConnection } from '../events/status-transition.entity';
import { Partner } from '../partners/partner.entity';
import { Person } from '../people/person.entity';
import { ChampionActivity, ChampionActivityPayload } from './champion-activity.entity';
import { ChampionNomination, ChampionNominationConnection, ChampionNominationPayload, NominateChampionPayload } from './champion-nomination.entity';
import { ChampionStandingReport } from './champion-standing.types';
import { OnboardingTaskKind } from './champion.enums';
import {
  AssignChampionSponsorInput,
  ChampionNominationFilter,
  CompleteOnboardingTaskInput,
  DecideChampionNominationInput,
  NominateChampionInput,
  RecordChampionActivityInput,
  RetireChampionInput,
  StartChampionReviewInput,
} from './champion.inputs';
import {
  assignChampionSponsor,
  championStandingOf,
  completeOnboardingTask,
  decideChampionNomination,
  nominateChampion,
  recordChampionActivity,
  retireChampion,
  startChampionReview,
} from './champion.service';
import { OnboardingTask } from './onboarding-task.entity';

const TASK_ORDER = Object.values(OnboardingTaskKind);

@Resolver(() => ChampionNomination)
export class ChampionNominationResolver {
  @Query(() => ChampionNominationConnection, { description: 'Partner champion nominations and champions (R-CHAMP).' })
  async championNominations(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ChampionNominationFilter, { nullable: true }) filter?: ChampionNominationFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    return ChampionNominationConnection.from(
      await listPartnerOwned(ctx, ChampionNomination, filter, orderBy, args, (qb, f) => whereIn(qb, 'status', f.status)),
    );
  }

  @Query(() => ChampionStandingReport, {
    description: "A champion's outputs for a calendar year against each R-CHAMP-03 expectation, counted from its activation.",
  })
  async championStanding(@Ctx() ctx: RequestContext, @Arg('nominationId', () => ID) nominationId: string, @Arg('year', () => Int) year: number) {
    return championStandingOf(ctx, nominationId, year);
  }

  @Mutation(() => NominateChampionPayload, {
    description:
      'A partner nominates one of its people, endorsed by one of its leaders (R-CHAMP-01). With `dryRun: true`, returns the decision and stores nothing.',
  })
  async nominateChampion(@Ctx() ctx: RequestContext, @Arg('input', () => NominateChampionInput, { validate: false }) input: NominateChampionInput) {
    return NominateChampionPayload.from(await nominateChampion(ctx, input));
  }

  @Mutation(() => ChampionNominationPayload, { description: 'Partner Support opens its case: NOMINATED → UNDER_REVIEW (R-CHAMP-02).' })
  async startChampionReview(@Ctx() ctx: RequestContext, @Arg('input', () => StartChampionReviewInput, { validate: false }) input: StartChampionReviewInput) {
    return ChampionNominationPayload.from(await startChampionReview(ctx, input));
  }

  @Mutation(() => ChampionNominationPayload, { description: 'The Champions Program Manager approves or declines a nomination under review (R-CHAMP-02).' })
  async decideChampionNomination(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DecideChampionNominationInput, { validate: false }) input: DecideChampionNominationInput,
  ) {
    return ChampionNominationPayload.from(await decideChampionNomination(ctx, input));
  }

  @Mutation(() => ChampionNominationPayload, { description: 'Assigns the sponsor SA and creates the onboarding tasks: APPROVED → ONBOARDING (R-CHAMP-02).' })
  async assignChampionSponsor(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AssignChampionSponsorInput, { validate: false }) input: AssignChampionSponsorInput,
  ) {
    return ChampionNominationPayload.from(await assignChampionSponsor(ctx, input));
  }

  @Mutation(() => ChampionNominationPayload, { description: 'Marks an onboarding task done; the last one makes the champion ACTIVE (R-CHAMP-02).' })
  async completeOnboardingTask(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CompleteOnboardingTaskInput, { validate: false }) input: CompleteOnboardingTaskInput,
  ) {
    return ChampionNominationPayload.from(await completeOnboardingTask(ctx, input));
  }

  @Mutation(() => ChampionActivityPayload, { description: 'Records an enablement session or publication of an active champion (R-CHAMP-03).' })
  async recordChampionActivity(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordChampionActivityInput, { validate: false }) input: RecordChampionActivityInput,
  ) {
    return ChampionActivityPayload.from(await recordChampionActivity(ctx, input));
  }

  @Mutation(() => ChampionNominationPayload, { description: 'An active champion becomes an alumnus: ACTIVE → ALUMNI (R-CHAMP-02).' })
  async retireChampion(@Ctx() ctx: RequestContext, @Arg('input', () => RetireChampionInput, { validate: false }) input: RetireChampionInput) {
    return ChampionNominationPayload.from(await retireChampion(ctx, input));
  }

  @FieldResolver(() => Partner)
  partner(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(nomination.partnerId);
  }

  @FieldResolver(() => Person, { description: 'The nominee (R-CHAMP-01).' })
  person(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Person).load(nomination.personId);
  }

  @FieldResolver(() => [OnboardingTask], { description: 'In the order of the onboarding issue (R-CHAMP-02).' })
  async onboardingTasks(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext) {
    const tasks = await ctx.loaders.listBy(OnboardingTask, 'nominationId').load(nomination.id);
    return [...tasks].sort((a, b) => TASK_ORDER.indexOf(a.kind) - TASK_ORDER.indexOf(b.kind));
  }

  @FieldResolver(() => [ChampionActivity])
  activities(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(ChampionActivity, 'nominationId').load(nomination.id);
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Workflow decisions, oldest first (R-CHAMP-02).' })
  history(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, nomination.id, args);
  }

  @FieldResolver(() => DecisionRecord, {
    nullable: true,
    description: 'The latest decision on it: outcome, rule IDs, reasons, unmet conditions, when and by whom.',
  })
  decision(@Root() nomination: ChampionNomination, @Ctx() ctx: RequestContext) {
    return decisionOf(ctx, 'ChampionNomination', nomination.id);
  }
}

@Resolver(() => Partner)
export class PartnerChampionNominationsResolver {
  @FieldResolver(() => ChampionNominationConnection, { description: 'Its champion nominations and champions, oldest first (R-CHAMP).' })
  async championNominations(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return ChampionNominationConnection.from(await nestedPage((p) => ctx.loaders.pageBy(ChampionNomination, 'partnerId', p).load(partner.id), args));
  }
}
