import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { nestedPage, whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { DecisionRecord, decisionOf } from '../events/decision';
import { historyOf } from '../events/history';
import { StatusTransitionConnection } from '../events/status-transition.entity';
import { Partner } from '../partners/partner.entity';
import { nfrAllocation } from './nfr-allocation.rules';
import { NfrAllocation } from './nfr-allocation.types';
import { NfrLicense, NfrLicenseConnection, NfrLicensePayload } from './nfr-license.entity';
import { nfrLicenseEndsAt } from './nfr-request.rules';
import { auditNfrLicense, decideNfrLicense, requestNfrLicense } from './nfr-license.service';
import { AuditNfrLicenseInput, DecideNfrLicenseInput, NfrLicenseFilter, RequestNfrLicenseInput } from './nfr.inputs';

@Resolver(() => NfrLicense)
export class NfrLicenseResolver {
  @Query(() => NfrLicenseConnection, { description: 'NFR licenses; a PARTNER_USER key sees only its own partner’s.' })
  async nfrLicenses(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => NfrLicenseFilter, { nullable: true }) filter?: NfrLicenseFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    const page = await listPartnerOwned(ctx, NfrLicense, filter, orderBy, args, (qb, f) => {
      whereIn(qb, 'status', f.status);
      whereIn(qb, 'product', f.product);
    });
    return NfrLicenseConnection.from(page);
  }

  @Mutation(() => NfrLicensePayload, {
    description: 'Requests an NFR license: approved within the cap, else pending Ecosystem Ops with a business justification, else refused. R-NFR-01..06.',
  })
  async requestNfrLicense(@Ctx() ctx: RequestContext, @Arg('input', () => RequestNfrLicenseInput, { validate: false }) input: RequestNfrLicenseInput) {
    return NfrLicensePayload.from(await requestNfrLicense(ctx, input));
  }

  @Mutation(() => NfrLicensePayload, { description: 'Ecosystem Ops approves or denies a request waiting for approval (R-NFR-03, R-NFR-06, R-NFR-05).' })
  async decideNfrLicense(@Ctx() ctx: RequestContext, @Arg('input', () => DecideNfrLicenseInput, { validate: false }) input: DecideNfrLicenseInput) {
    return NfrLicensePayload.from(await decideNfrLicense(ctx, input));
  }

  @Mutation(() => NfrLicensePayload, {
    description: 'Ecosystem Ops audits an active license: reduces its seats or revokes it; recorded in its history (R-NFR-07).',
  })
  async auditNfrLicense(@Ctx() ctx: RequestContext, @Arg('input', () => AuditNfrLicenseInput, { validate: false }) input: AuditNfrLicenseInput) {
    return NfrLicensePayload.from(await auditNfrLicense(ctx, input));
  }

  @FieldResolver(() => Partner)
  partner(@Root() license: NfrLicense, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(license.partnerId);
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Requests, approvals and audits, oldest first (R-NFR-07).' })
  history(@Root() license: NfrLicense, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, license.id, args);
  }

  @FieldResolver(() => DecisionRecord, {
    nullable: true,
    description: 'The latest decision on it: outcome, rule IDs, reasons, unmet conditions, when and by whom.',
  })
  decision(@Root() license: NfrLicense, @Ctx() ctx: RequestContext) {
    return decisionOf(ctx, 'NfrLicense', license.id);
  }
}

@Resolver(() => Partner)
export class PartnerNfrResolver {
  @FieldResolver(() => NfrLicenseConnection, { description: 'Its NFR licenses, oldest first (R-NFR).' })
  async nfrLicenses(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return NfrLicenseConnection.from(await nestedPage((p) => ctx.loaders.pageBy(NfrLicense, 'partnerId', p).load(partner.id), args));
  }

  @FieldResolver(() => [NfrAllocation], { description: 'NFR seat caps, used and remaining per product (R-NFR-02).' })
  async nfrAllocation(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    const licenses = await ctx.loaders.listBy(NfrLicense, 'partnerId').load(partner.id);
    return nfrAllocation.decide(
      {
        track: partner.track,
        awsDevOpsCompetency: partner.awsDevOpsCompetency,
        licenses: licenses.map((license) => ({
          product: license.product,
          seats: license.seats,
          status: license.status,
          endsOn: nfrLicenseEndsAt(license.endsOn),
        })),
      },
      ctx.clock.now(),
    );
  }
}
