import { Brackets, EntityManager } from 'typeorm';
import { Role } from '../auth/role.enum';
import { paginate, whereIn } from '../common/list-query';
import { ConnectionArgs, PageOf } from '../common/pagination';
import type { RequestContext } from '../context';
import { defineLoader } from '../loaders/loaders';
import { Partner } from '../partners/partner.entity';
import { Distributor } from './distributor.entity';
import { DistributorKind } from './distributor.enums';
import { PurchasingRoutes as RouteDecision, purchasingRoutes, servesTerritory } from './distributor.rules';
import { PartnerDistributor } from './partner-distributor.entity';
import { PartnerStatusFilter } from './partner-status.types';

/** Every distributor (a small, program-wide table), read once per request. */
export const allDistributors = defineLoader<'all', Distributor[]>('allDistributors', async (manager, keys) => {
  const distributors = await manager.getRepository(Distributor).find({ order: { name: 'ASC' } });
  return keys.map(() => distributors);
});

/** Distributors each partner buys through (R-DIST-03 "or that buy through it"). */
export const distributorLinksByPartner = defineLoader<string, PartnerDistributor[]>('distributorLinksByPartner', async (manager, partnerIds) => {
  const links = await manager.getRepository(PartnerDistributor).find({ where: partnerIds.map((partnerId) => ({ partnerId })) });
  return partnerIds.map((id) => links.filter((link) => link.partnerId === id));
});

/**
 * R-DIST-03: which of `partnerIds` a distributor serves — partners in its territories or buying
 * through it; a marketplace acts in every territory (R-DIST-01), so it serves all. An inactive
 * distributor serves none.
 */
export async function servedPartners(em: EntityManager, distributorId: string, partnerIds: readonly string[]): Promise<Set<string>> {
  const distributor = await em.findOneBy(Distributor, { id: distributorId });
  if (!distributor?.active || partnerIds.length === 0) return new Set();
  const partners = await em.find(Partner, { select: { id: true, territory: true }, where: partnerIds.map((id) => ({ id })) });
  const served = new Set(partners.filter((partner) => servesTerritory(distributor, partner.territory)).map((partner) => partner.id));
  const rest = partnerIds.filter((id) => !served.has(id));
  if (rest.length > 0) {
    const links = await em.find(PartnerDistributor, { where: rest.map((partnerId) => ({ partnerId, distributorId })) });
    for (const link of links) served.add(link.partnerId);
  }
  return served;
}

/**
 * Partners whose status the caller may see: for a distributor, those in its territories or buying
 * through it (R-DIST-03); for a partner key, itself; for programme-wide roles, every partner.
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
  } else if (ctx.access.viewer.partnerId !== null) {
    qb.andWhere('partner.id = :viewerPartnerId', { viewerPartnerId: ctx.access.viewer.partnerId });
  } else if (!ctx.access.viewer.readsWholeProgramme) {
    qb.andWhere('false');
  }
  whereIn(qb, 'status', filter?.status);
  whereIn(qb, 'territory', filter?.territory);
  return paginate(qb, filter, null, args);
}

/** R-DIST-01/02 */
export async function purchasingRoutesOf(ctx: RequestContext, partner: Partner): Promise<RouteDecision & { distributors: Distributor[] }> {
  const distributors = await ctx.loaders.get(allDistributors).load('all');
  const decision = purchasingRoutes.decide({ track: partner.track, territory: partner.territory, distributors }, ctx.clock.now());
  const byId = new Map(distributors.map((d) => [d.id, d]));
  return { ...decision, distributors: decision.distributorIds.map((id) => byId.get(id)).filter((d): d is Distributor => d !== undefined) };
}
