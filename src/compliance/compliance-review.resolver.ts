import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertCanReadProgramme } from '../common/access';
import { whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { historyOf } from '../history/history';
import { StatusTransitionConnection } from '../history/status-transition.entity';
import { Partner } from '../partners/partner.entity';
import { ComplianceFinding } from './compliance-finding.entity';
import { ComplianceReview, ComplianceReviewConnection } from './compliance-review.entity';
import { ComplianceReviewFilter } from './compliance.inputs';

@Resolver(() => ComplianceReview)
export class ComplianceReviewResolver {
  @Query(() => ComplianceReviewConnection, { description: 'Compliance reviews (R-COMP-01).' })
  async complianceReviews(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ComplianceReviewFilter, { nullable: true }) filter?: ComplianceReviewFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    assertCanReadProgramme(ctx);
    const page = await listPartnerOwned(ctx, ComplianceReview, filter, orderBy, args, (qb, f) => {
      whereIn(qb, 'status', f.status);
      whereIn(qb, 'kind', f.kind);
    });
    return ComplianceReviewConnection.from(page);
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
}
