import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { readsWholeProgramme } from '../auth/principal';
import { ConnectionArgs } from '../common/pagination';
import { toGlobalId } from '../common/global-id';
import type { RequestContext } from '../context';
import { Partner } from '../partners/partner.entity';
import { PartnerStatusFilter } from '../partners/partner.inputs';
import { goodStandingOf, listPartnerStatuses, trackComplianceOf } from '../partners/partner.service';
import { ComplianceSummary, PartnerStatus, PartnerStatusConnection } from '../partners/partner.types';
import { PspDesignation } from '../psp/psp-designation.entity';
import { PspDesignationStatus } from '../psp/psp.enums';
import { Distributor } from './distributor.entity';

@Resolver(() => Distributor)
export class DistributorResolver {
  @Query(() => [Distributor], { description: 'Distributors and marketplaces of the program (R-DIST-01); readable by every key.' })
  distributors(@Ctx() ctx: RequestContext) {
    return ctx.loaders.distributors();
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The distributor’s own partner record, for programme-wide roles.' })
  partner(@Root() distributor: Distributor, @Ctx() ctx: RequestContext) {
    if (!distributor.partnerId || !readsWholeProgramme(ctx.principal)) return null;
    return ctx.loaders.byId(Partner).load(distributor.partnerId);
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
