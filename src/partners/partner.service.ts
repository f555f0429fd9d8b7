import { whereEquals, whereIn } from '../common/list-query';
import { ConnectionArgs, PageOf, RecordOrder } from '../common/pagination';
import { listRows } from '../common/partner-owned';
import type { RequestContext } from '../context';
import type { Decision } from '../rules/decision';
import { certificationFactsByPartner } from './certification-facts';
import { Partner } from './partner.entity';
import { PartnerFilter } from './partner.inputs';
import { GoodStandingOutcome, TrackCompliance, goodStanding, trackCompliance, trackComplianceInputOf } from './partner.rules';

export function listPartners(
  ctx: RequestContext,
  filter: PartnerFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Partner>> {
  return listRows(ctx, Partner, filter, orderBy, args, (qb, f) => {
    whereIn(qb, 'status', f.status);
    whereIn(qb, 'track', f.track);
    whereIn(qb, 'category', f.category);
    whereIn(qb, 'territory', f.territory);
    whereEquals(qb, 'country', f.country);
    whereIn(qb, 'portalExternalId', f.portalExternalIds);
    whereIn(qb, 'crmAccountId', f.crmAccountIds);
    if (f.nameContains) qb.andWhere(`${qb.alias}.name ILIKE :nameContains`, { nameContains: `%${f.nameContains.replace(/[%_\\]/g, '\\$&')}%` });
  });
}

/** R-PTR-03/04/05, from the partner's people's certifications (batched per request). */
export async function trackComplianceOf(ctx: RequestContext, partner: Partner): Promise<TrackCompliance> {
  const certifications = await ctx.loaders.get(certificationFactsByPartner).load(partner.id);
  return trackCompliance.decide(trackComplianceInputOf(partner, certifications), ctx.clock.now());
}

/** R-PTR-06 */
export async function goodStandingOf(ctx: RequestContext, partner: Partner): Promise<Decision<GoodStandingOutcome>> {
  return goodStanding.decide({ status: partner.status, compliance: await trackComplianceOf(ctx, partner) }, ctx.clock.now());
}
