import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../common/pagination';
import { toGlobalId } from '../common/global-id';
import type { RequestContext } from '../context';
import { Partner } from '../partners/partner.entity';
import { goodStandingOf, trackComplianceOf } from '../partners/partner.service';
import { PspDesignation } from '../psp/psp-designation.entity';
import { PspDesignationStatus } from '../psp/psp.enums';
import { Distributor } from './distributor.entity';
import { allDistributors, distributorLinksByPartner, listPartnerStatuses, purchasingRoutesOf } from './distributor.service';
import { ComplianceSummary, PartnerStatus, PartnerStatusConnection, PartnerStatusFilter } from './partner-status.types';
import { PurchasingRoutes } from './purchasing-routes.types';

@Resolver(() => Distributor)
export class DistributorResolver {
  @Query(() => [Distributor], { description: 'Distributors and marketplaces of the program (R-DIST-01); readable by every key.' })
  distributors(@Ctx() ctx: RequestContext) {
    return ctx.loaders.get(allDistributors).load('all');
  }

  @FieldResolver(() => Partner, {
    nullable: true,
    description: 'The distributor’s own partner record (programme-wide roles see it in full, others its reference).',
  })
  partner(@Root() distributor: Distributor, @Ctx() ctx: RequestContext) {
    return distributor.partnerId ? ctx.loaders.byId(Partner).load(distributor.partnerId) : null;
  }
}

@Resolver(() => PartnerStatus)
export class PartnerStatusResolver {
  @Query(() => PartnerStatusConnection, {
    description: 'Status of the partners the caller may see: for a DISTRIBUTOR key, those in its territories or buying through it (R-DIST-03).',
  })
  async partnerStatuses(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PartnerStatusFilter, { nullable: true }) filter?: PartnerStatusFilter,
  ) {
    const page = await listPartnerStatuses(ctx, filter, args);
    return PartnerStatusConnection.from({ ...page, nodes: page.nodes.map(toPartnerStatus) });
  }

  @FieldResolver(() => Boolean, { description: 'ACTIVE and compliant with its track (R-PTR-06).' })
  async inGoodStanding(@Root() status: PartnerStatus, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await goodStandingOf(ctx, status.partner)).outcome === 'IN_GOOD_STANDING';
  }

  @FieldResolver(() => ComplianceSummary)
  async complianceSummary(@Root() status: PartnerStatus, @Ctx() ctx: RequestContext): Promise<ComplianceSummary> {
    const compliance = await trackComplianceOf(ctx, status.partner);
    return { compliant: compliance.compliant, unmetRequirementCount: compliance.unmet.length, unmetCodes: compliance.unmet.map((u) => u.code) };
  }

  @FieldResolver(() => PspDesignationStatus, { nullable: true, description: 'Professional Services Partner designation status, if any.' })
  async pspDesignation(@Root() status: PartnerStatus, @Ctx() ctx: RequestContext): Promise<PspDesignationStatus | null> {
    const [designation] = await ctx.loaders.listBy(PspDesignation, 'partnerId').load(status.partner.id);
    return designation?.status ?? null;
  }
}

@Resolver(() => Partner)
export class PartnerDistributionResolver {
  @FieldResolver(() => PurchasingRoutes, { description: 'Direct or through which distributors (R-DIST-01/02).' })
  purchasingRoutes(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return purchasingRoutesOf(ctx, partner);
  }

  @FieldResolver(() => [Distributor], { description: 'Distributors this partner buys through.' })
  async buysThrough(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    const links = await ctx.loaders.get(distributorLinksByPartner).load(partner.id);
    const distributors = await ctx.loaders.byId(Distributor).loadMany(links.map((link) => link.distributorId));
    return distributors.filter((d): d is Distributor => d instanceof Distributor);
  }
}

function toPartnerStatus(partner: Partner): PartnerStatus {
  const status = new PartnerStatus();
  status.partner = partner;
  status.id = toGlobalId('Partner', partner.id);
  status.name = partner.name;
  status.category = partner.category;
  status.track = partner.track;
  status.lifecycleStatus = partner.status;
  status.territory = partner.territory;
  status.country = partner.country;
  return status;
}
