import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { partnerScopeOf, readsWholeProgramme } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { ChampionActivity } from '../champions/champion-activity.entity';
import { ChampionNomination } from '../champions/champion-nomination.entity';
import { OnboardingTask } from '../champions/onboarding-task.entity';
import { ComplianceFinding } from '../compliance/compliance-finding.entity';
import { ComplianceReview } from '../compliance/compliance-review.entity';
import type { RequestContext } from '../context';
import { Customer } from '../customers/customer.entity';
import { ENTITIES } from '../db/entities';
import { Distributor } from '../distributors/distributor.entity';
import { partnerMayReadOpportunity } from '../opportunities/opportunity.service';
import { Partner } from '../partners/partner.entity';
import { Certification } from '../people/certification.entity';
import { Person } from '../people/person.entity';
import { ServiceLine } from '../service-registrations/service-line.entity';
import { ServiceRegistration } from '../service-registrations/service-registration.entity';
import { StatementOfWork } from '../service-registrations/statement-of-work.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { BaseRecord } from './base.entity';
import { badInput } from './errors';
import { fromGlobalId } from './global-id';
import { Node } from './node';

/** Entities that are GraphQL nodes: all but the key store, the audit trail (ADMIN lists only) and the partner–distributor link. */
const NOT_NODES = new Set(['ApiKey', 'PartnerDistributor', 'IdempotencyRecord', 'AuditEntry']);
const ENTITY_BY_TYPE = new Map<string, (typeof ENTITIES)[number]>(
  ENTITIES.filter((entity) => !NOT_NODES.has(entity.name)).map((entity) => [entity.name, entity]),
);
const MAX_NODES = 100;

/** The partner a row belongs to, following its parent where it has no partner of its own. */
async function owningPartnerId(ctx: RequestContext, row: BaseRecord): Promise<string | null> {
  if (row instanceof Partner) return row.id;
  if ('partnerId' in row && typeof row.partnerId === 'string') return row.partnerId;
  const parent = await parentOf(ctx, row);
  return parent ? owningPartnerId(ctx, parent) : null;
}

async function parentOf(ctx: RequestContext, row: BaseRecord): Promise<BaseRecord | null> {
  if (row instanceof Certification) return ctx.loaders.byId(Person).load(row.personId);
  if (row instanceof StatementOfWork || row instanceof ServiceLine) return ctx.loaders.byId(ServiceRegistration).load(row.registrationId);
  if (row instanceof OnboardingTask || row instanceof ChampionActivity) return ctx.loaders.byId(ChampionNomination).load(row.nominationId);
  if (row instanceof ComplianceFinding) return ctx.loaders.byId(ComplianceReview).load(row.reviewId);
  return null;
}

async function mayRead(ctx: RequestContext, row: BaseRecord): Promise<boolean> {
  if (row instanceof Distributor) return true;
  if (readsWholeProgramme(ctx.principal)) return true;
  const partnerId = partnerScopeOf(ctx.principal);
  if (ctx.principal.role !== Role.PARTNER_USER || !partnerId) return false;
  if (row instanceof Opportunity) return partnerMayReadOpportunity(ctx, row.id, partnerId);
  if (row instanceof Customer) return row.incumbentPartnerId === partnerId;
  return (await owningPartnerId(ctx, row)) === partnerId;
}

export async function resolveNode(ctx: RequestContext, globalId: string): Promise<BaseRecord | null> {
  const parsed = fromGlobalId(globalId);
  const entity = parsed ? ENTITY_BY_TYPE.get(parsed.typeName) : undefined;
  if (!parsed || !entity) return null;
  const row = (await ctx.loaders.byId(entity).load(parsed.id)) as BaseRecord | null;
  // An object the caller may not read looks exactly like one that does not exist.
  return row && (await mayRead(ctx, row)) ? row : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when absent or not readable by this key.' })
  node(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return resolveNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: `Up to ${MAX_NODES} objects by global ID, in the order asked.` })
  nodes(@Ctx() ctx: RequestContext, @Arg('ids', () => [ID]) ids: string[]) {
    if (ids.length > MAX_NODES) throw badInput(`\`ids\` takes at most ${MAX_NODES} IDs`, 'ids');
    return Promise.all(ids.map((id) => resolveNode(ctx, id)));
  }
}
