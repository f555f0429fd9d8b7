import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { DecisionRecord, decisionOf } from '../events/decision';
import { historyOf } from '../events/history';
import { StatusTransitionConnection } from '../events/status-transition.entity';
import { Partner } from '../partners/partner.entity';
import { ComplianceReviewPayload } from '../compliance/compliance-review.entity';
import { PspDesignation, PspDesignationConnection, PspDesignationPayload } from './psp-designation.entity';
import { grantPspDesignation, recordPspReview, revokePspDesignation } from './psp.service';
import { GrantPspDesignationInput, PspDesignationFilter, RecordPspReviewInput, RevokePspDesignationInput } from './psp.inputs';

@Resolver(() => PspDesignation)
export class PspDesignationResolver {
  @Query(() => PspDesignationConnection, { description: 'Professional Services Partner designations (R-PSP).' })
  async pspDesignations(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PspDesignationFilter, { nullable: true }) filter?: PspDesignationFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    return PspDesignationConnection.from(await listPartnerOwned(ctx, PspDesignation, filter, orderBy, args, (qb, f) => whereIn(qb, 'status', f.status)));
  }

  @Mutation(() => PspDesignationPayload, {
    description:
      'Grants the Professional Services Partner designation to an eligible partner (R-PSP-01) and schedules its yearly review (R-PSP-02). ECOSYSTEM_OPS.',
  })
  async grantPspDesignation(@Ctx() ctx: RequestContext, @Arg('input', () => GrantPspDesignationInput, { validate: false }) input: GrantPspDesignationInput) {
    return PspDesignationPayload.from(await grantPspDesignation(ctx, input));
  }

  @Mutation(() => ComplianceReviewPayload, {
    description:
      'Records a PSP review (R-PSP-02) as a PSP_BADGE compliance review with its findings; non-compliant → AT_RISK for a quarter, compliant while AT_RISK → REMEDIATED, still failing after the deadline → REVOKED (R-PSP-03). ECOSYSTEM_OPS.',
  })
  async recordPspReview(@Ctx() ctx: RequestContext, @Arg('input', () => RecordPspReviewInput, { validate: false }) input: RecordPspReviewInput) {
    return ComplianceReviewPayload.from(await recordPspReview(ctx, input));
  }

  @Mutation(() => PspDesignationPayload, { description: 'Revokes an AT_RISK designation not remediated by its due date (R-PSP-03). ECOSYSTEM_OPS.' })
  async revokePspDesignation(@Ctx() ctx: RequestContext, @Arg('input', () => RevokePspDesignationInput, { validate: false }) input: RevokePspDesignationInput) {
    return PspDesignationPayload.from(await revokePspDesignation(ctx, input));
  }

  @FieldResolver(() => Partner)
  partner(@Root() designation: PspDesignation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(designation.partnerId);
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Grants, reviews and revocations, oldest first (R-PSP-02/03).' })
  history(@Root() designation: PspDesignation, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, designation.id, args);
  }

  @FieldResolver(() => DecisionRecord, {
    nullable: true,
    description: 'The latest decision on it: outcome, rule IDs, reasons, unmet conditions, when and by whom.',
  })
  decision(@Root() designation: PspDesignation, @Ctx() ctx: RequestContext) {
    return decisionOf(ctx, 'PspDesignation', designation.id);
  }
}

@Resolver(() => Partner)
export class PartnerPspDesignationResolver {
  @FieldResolver(() => PspDesignation, { nullable: true, description: 'Professional Services Partner designation (R-PSP).' })
  async pspDesignation(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    const [designation] = await ctx.loaders.listBy(PspDesignation, 'partnerId').load(partner.id);
    return designation ?? null;
  }
}
