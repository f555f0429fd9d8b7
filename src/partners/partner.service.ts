import { Brackets } from 'typeorm';
import { Role } from '../auth/role.enum';
import { scopeToOwnPartner } from '../common/access';
import { paginate, whereEquals, whereIn } from '../common/list-query';
import { ConnectionArgs, PageOf, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { Distributor } from '../distributors/distributor.entity';
import { DistributorKind } from '../distributors/distributor.enums';
import { PurchasingRoutes as RouteDecision, purchasingRoutes } from '../distributors/distributor.rules';
import { NfrLicense } from '../nfr/nfr-license.entity';
import { NfrProductAllocation, nfrAllocation } from '../nfr/nfr-allocation.rules';
import { nfrLicenseEndsAt } from '../nfr/nfr-request.rules';
import { Partner } from './partner.entity';
import { PartnerFilter, PartnerStatusFilter } from './partner.inputs';
import { GoodStandingOutcome, TrackCompliance, goodStanding, trackCompliance, trackComplianceInputOf } from './partner.rules';
import type { Decision } from '../rules/decision';

export async function listPartners(
  ctx: RequestContext,
  filter: PartnerFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Partner>> {
  const qb = ctx.dataSource.getRepository(Partner).createQueryBuilder('partner');
  scopeToOwnPartner(qb, ctx, 'id');
  whereIn(qb, 'status', filter?.status);
  whereIn(qb, 'track', filter?.track);
  whereIn(qb, 'category', filter?.category);
  whereIn(qb, 'territory', filter?.territory);
  whereEquals(qb, 'country', filter?.country);
  whereIn(qb, 'portalExternalId', filter?.portalExternalIds);
  whereIn(qb, 'crmAccountId', filter?.crmAccountIds);
  if (filter?.nameContains) {
    qb.andWhere(`partner.name ILIKE :nameContains`, { nameContains: `%${filter.nameContains.replace(/[%_\\]/g, '\\$&')}%` });
  }
  return paginate(qb, filter, orderBy, args);
}

/** R-PTR-03/04/05, from the partner's people's certifications (batched per request). */
export async function trackComplianceOf(ctx: RequestContext, partner: Partner): Promise<TrackCompliance> {
  const certifications = await ctx.loaders.certificationFactsByPartner().load(partner.id);
  return trackCompliance.decide(trackComplianceInputOf(partner, certifications), ctx.clock.now());
}

/** R-PTR-06 */
export async function goodStandingOf(ctx: RequestContext, partner: Partner): Promise<Decision<GoodStandingOutcome>> {
  return goodStanding.decide({ status: partner.status, compliance: await trackComplianceOf(ctx, partner) }, ctx.clock.now());
}

/** R-DIST-01/02 */
export async function purchasingRoutesOf(ctx: RequestContext, partner: Partner): Promise<RouteDecision & { distributors: Distributor[] }> {
  const distributors = await ctx.loaders.distributors();
  const decision = purchasingRoutes.decide({ track: partner.track, territory: partner.territory, distributors }, ctx.clock.now());
  const byId = new Map(distributors.map((d) => [d.id, d]));
  return { ...decision, distributors: decision.distributorIds.map((id) => byId.get(id)).filter((d): d is Distributor => d !== undefined) };
}

/** R-NFR-02 (and R-NFR-07: expired licenses do not count). */
export async function nfrAllocationOf(ctx: RequestContext, partner: Partner): Promise<NfrProductAllocation[]> {
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

/**
 * Partners whose status the caller may see. A distributor sees partners in its territories or
 * buying through it (R-DIST-03); a marketplace acts in every territory (R-DIST-01), so it sees all.
 */
export async function listPartnerStatuses(ctx: RequestContext, filter: PartnerStatusFilter | null | undefined, args: ConnectionArgs): Promise<PageOf<Partner>> {
  const qb = ctx.dataSource.getRepository(Partner).createQueryBuilder('partner');
  if (ctx.principal.role === Role.DISTRIBUTOR) {
    const distributor = await ctx.loaders.byId(Distributor).load(ctx.principal.distributorId ?? '');
    if (!distributor || !distributor.active) qb.andWhere('false');
    else if (distributor.kind !== DistributorKind.MARKETPLACE) {
      qb.andWhere(
        new Brackets((where) => {
          where
            .where('partner.territory = ANY(:distributorTerritories)', { distributorTerritories: distributor.territories })
            .orWhere('EXISTS (SELECT 1 FROM partner_distributor pd WHERE pd.partner_id = partner.id AND pd.distributor_id = :distributorId)', {
              distributorId: distributor.id,
            });
        }),
      );
    }
  }
  scopeToOwnPartner(qb, ctx, 'id');
  whereIn(qb, 'status', filter?.status);
  whereIn(qb, 'territory', filter?.territory);
  return paginate(qb, filter, null, args);
}
