import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { nestedPage, whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { DecisionRecord, decisionOf } from '../events/decision';
import { historyOf } from '../events/history';
import { StatusTransitionConnection } from '../events/status-transition.entity';
import { Partner } from '../partners/partner.entity';
import { ComplianceFinding } from './compliance-finding.entity';
import { ComplianceReview, ComplianceReviewConnection, ComplianceReviewPayload } from './compliance-review.entity';
import { CloseComplianceReviewInput, ComplianceReviewFilter, OpenComplianceReviewInput, RecordComplianceFindingsInput } from './compliance.inputs';
import { closeComplianceReview, openComplianceReview, recordComplianceFindings } from './compliance.service';

@Resolver(() => ComplianceReview)
export class ComplianceReviewResolver {
  @Query(() => ComplianceReviewConnection, { description: 'Compliance reviews (R-COMP-01).' })
  async complianceReviews(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ComplianceReviewFilter, { nullable: true }) filter?: ComplianceReviewFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    const page = await listPartnerOwned(ctx, ComplianceReview, filter, orderBy, args, (qb, f) => {
      whereIn(qb, 'status', f.status);
      whereIn(qb, 'kind', f.kind);
    });
    return ComplianceReviewConnection.from(page);
  }

  @Mutation(() => ComplianceReviewPayload, {
    description: 'Opens a TRACK, PSP_BADGE or NFR_AUDIT review with its due and evidence-request dates (R-COMP-01). ECOSYSTEM_OPS, PARTNER_SUPPORT.',
  })
  async openComplianceReview(@Ctx() ctx: RequestContext, @Arg('input', () => OpenComplianceReviewInput, { validate: false }) input: OpenComplianceReviewInput) {
    return ComplianceReviewPayload.from(await openComplianceReview(ctx, input));
  }

  @Mutation(() => ComplianceReviewPayload, {
    description:
      'Replaces the findings of an OPEN or NON_COMPLIANT TRACK or NFR_AUDIT review, each with its rule ID (R-COMP-01). ECOSYSTEM_OPS, PARTNER_SUPPORT.',
  })
  async recordComplianceFindings(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordComplianceFindingsInput, { validate: false }) input: RecordComplianceFindingsInput,
  ) {
    return ComplianceReviewPayload.from(await recordComplianceFindings(ctx, input));
  }

  @Mutation(() => ComplianceReviewPayload, {
    description:
      'Gives a TRACK or NFR_AUDIT review its outcome: COMPLIANT, NON_COMPLIANT (with a remediation due date), REMEDIATED or REVOKED (R-COMP-01). ECOSYSTEM_OPS.',
  })
  async closeComplianceReview(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CloseComplianceReviewInput, { validate: false }) input: CloseComplianceReviewInput,
  ) {
    return ComplianceReviewPayload.from(await closeComplianceReview(ctx, input));
  }

  @FieldResolver(() => Partner)
  partner(@Root() review: ComplianceReview, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(review.partnerId);
  }

  @FieldResolver(() => [ComplianceFinding], { description: 'Each unmet requirement with its rule ID.' })
  findings(@Root() review: ComplianceReview, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(ComplianceFinding, 'reviewId').load(review.id);
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Outcome changes, oldest first (R-COMP-01).' })
  history(@Root() review: ComplianceReview, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, review.id, args);
  }

  @FieldResolver(() => DecisionRecord, {
    nullable: true,
    description: 'The latest decision on it: outcome, rule IDs, reasons, unmet conditions, when and by whom.',
  })
  decision(@Root() review: ComplianceReview, @Ctx() ctx: RequestContext) {
    return decisionOf(ctx, 'ComplianceReview', review.id);
  }
}

@Resolver(() => Partner)
export class PartnerComplianceReviewsResolver {
  @FieldResolver(() => ComplianceReviewConnection, { description: 'Its compliance reviews, oldest first (R-COMP-01).' })
  async complianceReviews(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return ComplianceReviewConnection.from(await nestedPage((p) => ctx.loaders.pageBy(ComplianceReview, 'partnerId', p).load(partner.id), args));
  }
}
