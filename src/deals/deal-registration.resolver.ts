import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { nestedPage } from '../common/list-query';
import { databaseIdsOf } from '../common/global-id';
import { whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { DecisionRecord, decisionOf } from '../events/decision';
import { historyOf } from '../events/history';
import { StatusTransitionConnection } from '../events/status-transition.entity';
import { Opportunity } from '../crm/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { DealRegistration, DealRegistrationConnection } from './deal-registration.entity';
import { DealRegistrationPayload } from './deal-registration.payload';
import {
  confirmNewDealOpportunity,
  decideDealRegistration,
  linkDealRegistrationOpportunity,
  submitDealRegistration,
  withdrawDealRegistration,
} from './deal-registration.service';
import {
  ConfirmNewDealOpportunityInput,
  DealRegistrationFilter,
  DecideDealRegistrationInput,
  LinkDealRegistrationOpportunityInput,
  SubmitDealRegistrationInput,
  WithdrawDealRegistrationInput,
} from './deal.inputs';
import { inOrderOfReceipt } from './deal.rules';
import { SubmittedOpportunity } from './submitted-opportunity.types';

@Resolver(() => DealRegistration)
export class DealRegistrationResolver {
  @Query(() => DealRegistrationConnection, { description: 'Deal registrations; a PARTNER_USER key sees only its own partner’s.' })
  async dealRegistrations(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => DealRegistrationFilter, { nullable: true }) filter?: DealRegistrationFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    const page = await listPartnerOwned(ctx, DealRegistration, filter, orderBy, args, (qb, f) => {
      whereIn(qb, 'status', f.status);
      whereIn(qb, 'programType', f.programType);
      whereIn(qb, 'opportunityId', databaseIdsOf(f.opportunityIds, 'Opportunity', 'filter.opportunityIds'));
      whereIn(qb, 'portalExternalId', f.portalExternalIds);
    });
    return DealRegistrationConnection.from(page);
  }

  @Mutation(() => DealRegistrationPayload, {
    description:
      'Registers a deal for one opportunity; routed at once by R-DEAL-05 (approved, pending the ESM, denied, or — without a known CRM opportunity but with open ones for the customer — pending Ecosystem Ops). R-DEAL-01..05. `dryRun: true` returns the decision and writes nothing.',
  })
  async submitDealRegistration(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SubmitDealRegistrationInput, { validate: false }) input: SubmitDealRegistrationInput,
  ) {
    return DealRegistrationPayload.from(await submitDealRegistration(ctx, input));
  }

  @Mutation(() => DealRegistrationPayload, {
    description: 'The ESM or ASM decision on a pending registration, directly or relayed by CRM_SYNC naming who decided (R-DEAL-06, R-DEAL-03, R-DEAL-04).',
  })
  async decideDealRegistration(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DecideDealRegistrationInput, { validate: false }) input: DecideDealRegistrationInput,
  ) {
    return DealRegistrationPayload.from(await decideDealRegistration(ctx, input));
  }

  @Mutation(() => DealRegistrationPayload, {
    description: 'ECOSYSTEM_OPS links a PENDING_OPS_REVIEW registration to an opportunity; R-DEAL-05 then routes it (R-DEAL-04 denies it if another holds it).',
  })
  async linkDealRegistrationOpportunity(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => LinkDealRegistrationOpportunityInput, { validate: false }) input: LinkDealRegistrationOpportunityInput,
  ) {
    return DealRegistrationPayload.from(await linkDealRegistrationOpportunity(ctx, input));
  }

  @Mutation(() => DealRegistrationPayload, {
    description:
      'ECOSYSTEM_OPS confirms that a PENDING_OPS_REVIEW registration is for a new opportunity: approved, and the opportunity is created (R-DEAL-05).',
  })
  async confirmNewDealOpportunity(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ConfirmNewDealOpportunityInput, { validate: false }) input: ConfirmNewDealOpportunityInput,
  ) {
    return DealRegistrationPayload.from(await confirmNewDealOpportunity(ctx, input));
  }

  @Mutation(() => DealRegistrationPayload, { description: 'The partner withdraws a pending registration.' })
  async withdrawDealRegistration(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => WithdrawDealRegistrationInput, { validate: false }) input: WithdrawDealRegistrationInput,
  ) {
    return DealRegistrationPayload.from(await withdrawDealRegistration(ctx, input));
  }

  @FieldResolver(() => Partner)
  partner(@Root() registration: DealRegistration, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(registration.partnerId);
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'Null while it waits for Ecosystem Ops to link or confirm its opportunity (R-DEAL-05).' })
  opportunity(@Root() registration: DealRegistration, @Ctx() ctx: RequestContext) {
    return registration.opportunityId ? ctx.loaders.byId(Opportunity).load(registration.opportunityId) : null;
  }

  @FieldResolver(() => [Opportunity], {
    description:
      'The open opportunities of the customer its submission matched (R-DEAL-05), for Ecosystem Ops to link one; a partner key sees only those it may read.',
  })
  async candidateOpportunities(@Root() registration: DealRegistration, @Ctx() ctx: RequestContext): Promise<Opportunity[]> {
    const rows = await ctx.loaders.byId(Opportunity).loadMany(registration.candidateOpportunityIds);
    return rows.filter((row): row is Opportunity => row instanceof Opportunity);
  }

  @FieldResolver(() => SubmittedOpportunity, {
    nullable: true,
    description: 'What the partner submitted when it named no known CRM opportunity and the customer had open ones (R-DEAL-05).',
  })
  submittedOpportunity(@Root() registration: DealRegistration): SubmittedOpportunity | null {
    return registration.submittedOpportunity;
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Every decision on it, oldest first (R-DEAL-09).' })
  history(@Root() registration: DealRegistration, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, registration.id, args);
  }

  @FieldResolver(() => DecisionRecord, {
    nullable: true,
    description: 'The latest decision on it: outcome, rule IDs, reasons, unmet conditions, when and by whom.',
  })
  decision(@Root() registration: DealRegistration, @Ctx() ctx: RequestContext) {
    return decisionOf(ctx, 'DealRegistration', registration.id);
  }
}

@Resolver(() => Partner)
export class PartnerDealRegistrationsResolver {
  @FieldResolver(() => DealRegistrationConnection, { description: 'Its deal registrations, oldest first.' })
  async dealRegistrations(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return DealRegistrationConnection.from(await nestedPage((p) => ctx.loaders.pageBy(DealRegistration, 'partnerId', p).load(partner.id), args));
  }
}

@Resolver(() => Opportunity)
export class OpportunityDealRegistrationsResolver {
  @FieldResolver(() => [DealRegistration], { description: 'Deal registrations for it, in order of receipt (R-DEAL-03); a partner user sees its own.' })
  async dealRegistrations(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext) {
    return inOrderOfReceipt(await ctx.loaders.listBy(DealRegistration, 'opportunityId').load(opportunity.id));
  }
}
