import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { partnerScopeOf } from '../auth/principal';
import { Role } from '../auth/role.enum';
import { MutationResult, runMutation } from '../common/mutation';
import { checkActsForPartner, checkVersion, idFromInput, lockById } from '../common/mutation-guards';
import { Refusal, UserErrorCode, refuse, refuseUnmet, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { Customer } from '../customers/customer.entity';
import { Actor, recordTransition } from '../history/transition-recorder';
import { Opportunity } from '../opportunities/opportunity.entity';
import { OpportunityStage } from '../opportunities/opportunity.enums';
import { Partner } from '../partners/partner.entity';
import { certificationFactsOf } from '../people/certification-facts';
import { Decision } from '../rules/decision';
import { DealRegistration } from './deal-registration.entity';
import { DealRegistrationStatus } from './deal.enums';
import { DecideDealRegistrationInput, RegisteredOpportunityInput, SubmitDealRegistrationInput, WithdrawDealRegistrationInput } from './deal.inputs';
import { dealExclusivity, dealExpiresAt, dealOpportunityKind, dealRegistrantEligibility, dealRouting, dealSalesReview, dealTransition } from './deal.rules';

const ENTITY = 'DealRegistration';

/** Who may submit and withdraw registrations for a partner. */
const SUBMITTERS = [Role.PARTNER_USER, Role.PORTAL_SYNC, Role.ECOSYSTEM_OPS] as const;
/** Who may relay sales decisions; the rule table (R-DEAL-06) then checks the role per step. */
const SALES_REVIEWERS = [Role.ESM, Role.ASM, Role.CRM_SYNC] as const;

/**
 * Submission (R-DEAL-01..05): checks the partner, links or creates the opportunity, routes, and
 * approves straight away where routing says so (then R-DEAL-04 denies competitors).
 */
export function submitDealRegistration(ctx: RequestContext, input: SubmitDealRegistrationInput): Promise<MutationResult<DealRegistration>> {
  return runMutation(ctx, { operation: 'submitDealRegistration', roles: SUBMITTERS, input, idempotencyKey: input.idempotencyKey }, async ({ em, now }) => {
    const partner = await partnerForSubmission(ctx, em, input.partnerId);
    const eligibility = dealRegistrantEligibility.decide(
      {
        category: partner.category,
        status: partner.status,
        agreementSignedAt: partner.agreementSignedAt,
        certifications: await certificationFactsOf(em, [partner.id]),
      },
      now,
    );
    if (eligibility.outcome !== 'ELIGIBLE') refuseUnmet(eligibility.unmet, ['input', 'partnerId']);

    // Locks the opportunity, so registrations for it are decided one at a time (R-DEAL-03/04).
    const existing = input.opportunity.externalId
      ? await em.findOne(Opportunity, { where: { externalId: input.opportunity.externalId }, lock: { mode: 'pessimistic_write' } })
      : null;
    const kind = existing?.kind ?? input.opportunity.kind;
    if (!kind)
      refuse(UserErrorCode.VALIDATION_FAILED, 'Give the opportunity kind when the opportunity is not in the CRM yet', {
        field: ['input', 'opportunity', 'kind'],
      });
    const kindCheck = dealOpportunityKind.decide({ opportunityKind: kind }, now);
    if (kindCheck.outcome !== 'ELIGIBLE') refuseUnmet(kindCheck.unmet, ['input', 'opportunity', 'kind']);

    const routing = dealRouting.decide({ opportunity: existing }, now);
    const opportunity = existing ?? (await createOpportunity(em, partner, input.opportunity));
    const registration = em.create(DealRegistration, {
      partnerId: partner.id,
      opportunityId: opportunity.id,
      programType: input.programType,
      status: routing.outcome,
      route: routing.route,
      receivedAt: now,
      stageAtSubmission: existing?.stage ?? null,
      routedToEsmAt: routing.outcome === DealRegistrationStatus.PENDING_ESM ? now : null,
      portalExternalId: input.portalExternalId ?? null,
      notes: input.notes ?? null,
    });
    if (routing.outcome === DealRegistrationStatus.APPROVED) {
      return approve(em, ctx.principal, now, registration, opportunity, null, routing);
    }
    await em.save(registration);
    await recordDealTransition(em, ctx.principal, now, registration, null, routing);
    return registration;
  });
}

/** ESM or ASM decision (R-DEAL-06); an ASM approval approves, subject to exclusivity (R-DEAL-04). */
export function decideDealRegistration(ctx: RequestContext, input: DecideDealRegistrationInput): Promise<MutationResult<DealRegistration>> {
  return runMutation(ctx, { operation: 'decideDealRegistration', roles: SALES_REVIEWERS, input }, async ({ em, now }) => {
    const { registration, opportunity } = await lockRegistration(em, input.id);
    checkVersion(registration, input.expectedVersion);
    const expected = input.step === 'ESM' ? DealRegistrationStatus.PENDING_ESM : DealRegistrationStatus.PENDING_ASM;
    if (registration.status !== expected) {
      refuse(UserErrorCode.INVALID_TRANSITION, `The registration is ${registration.status}, not waiting for the ${input.step} (R-DEAL-06)`, {
        field: ['input', 'step'],
        ruleIds: ['R-DEAL-06'],
      });
    }
    const review = dealSalesReview.decide({ status: registration.status, actorRole: ctx.principal.role, action: input.decision }, now);
    if (review.outcome === 'REFUSED') refuse(UserErrorCode.FORBIDDEN, review.reasons.join('; '), { ruleIds: review.ruleIds });
    const decision: Decision<string> = { ...review, reasons: input.reason ? [...review.reasons, input.reason] : review.reasons };
    const from = registration.status;
    if (review.outcome === DealRegistrationStatus.APPROVED) return approve(em, ctx.principal, now, registration, opportunity, from, decision);
    registration.status = review.outcome;
    if (review.outcome === DealRegistrationStatus.PENDING_ASM) registration.routedToAsmAt = now;
    await em.save(registration);
    await recordDealTransition(em, ctx.principal, now, registration, from, decision);
    return registration;
  });
}

/** The partner withdraws a pending registration (R-DEAL-09 records it). */
export function withdrawDealRegistration(ctx: RequestContext, input: WithdrawDealRegistrationInput): Promise<MutationResult<DealRegistration>> {
  return runMutation(ctx, { operation: 'withdrawDealRegistration', roles: SUBMITTERS, input }, async ({ em, now }) => {
    const { registration } = await lockRegistration(em, input.id);
    checkActsForPartner(ctx, registration.partnerId, ['input', 'id']);
    checkVersion(registration, input.expectedVersion);
    const from = registration.status;
    const allowed = dealTransition.decide({ from, to: DealRegistrationStatus.WITHDRAWN }, now);
    if (allowed.outcome === 'REFUSED') refuseUnmet(allowed.unmet, ['input', 'id'], UserErrorCode.INVALID_TRANSITION);
    registration.status = DealRegistrationStatus.WITHDRAWN;
    await em.save(registration);
    await recordDealTransition(em, ctx.principal, now, registration, from, {
      outcome: 'WITHDRAWN',
      ruleIds: ['R-DEAL-09'],
      reasons: [`Withdrawn by the partner${input.reason ? `: ${input.reason}` : ''}`],
    });
    return registration;
  });
}

/**
 * Approves a registration, whoever decided it (routing, ASM, or the R-DEAL-07 timer): R-DEAL-04
 * first, under the opportunity's row lock; competing pending registrations are denied. A
 * registration that another approval blocks is denied instead. `registration` may be new and
 * unsaved: it is written only once its status is decided.
 */
export async function approve(
  em: EntityManager,
  actor: Actor,
  now: Date,
  registration: DealRegistration,
  opportunity: Opportunity,
  from: DealRegistrationStatus | null,
  decision: Decision<string>,
): Promise<DealRegistration> {
  const competitors = (await em.find(DealRegistration, { where: { opportunityId: opportunity.id } })).filter((c) => c.id !== registration.id);
  const exclusivity = dealExclusivity.decide(
    {
      candidateId: registration.id ?? '',
      registrations: competitors,
      opportunityClosedWonAt: opportunity.stage === OpportunityStage.CLOSED_WON ? opportunity.closedAt : null,
    },
    now,
  );
  if (exclusivity.outcome === 'BLOCKED') {
    registration.status = DealRegistrationStatus.DENIED;
    await em.save(registration);
    await recordDealTransition(em, actor, now, registration, from, {
      outcome: DealRegistrationStatus.DENIED,
      ruleIds: ['R-DEAL-04', ...decision.ruleIds],
      reasons: [...exclusivity.reasons, ...decision.reasons],
    });
    return registration;
  }
  registration.status = DealRegistrationStatus.APPROVED;
  registration.approvedAt = now;
  registration.expiresAt = dealExpiresAt(now);
  await em.save(registration);
  await recordDealTransition(em, actor, now, registration, from, decision);
  for (const competitor of competitors.filter((c) => exclusivity.denyIds.includes(c.id))) {
    const competitorFrom = competitor.status;
    competitor.status = DealRegistrationStatus.DENIED;
    await em.save(competitor);
    await recordDealTransition(em, actor, now, competitor, competitorFrom, {
      outcome: DealRegistrationStatus.DENIED,
      ruleIds: ['R-DEAL-04'],
      reasons: [`Registration ${registration.id} for the same opportunity was approved`],
    });
  }
  return registration;
}

/** R-DEAL-09: every transition, checked against the transition table, with its decision. */
export async function recordDealTransition(
  em: EntityManager,
  actor: Actor,
  now: Date,
  registration: DealRegistration,
  from: DealRegistrationStatus | null,
  decision: Decision<string>,
): Promise<void> {
  const allowed = dealTransition.decide({ from, to: registration.status }, now);
  if (allowed.outcome === 'REFUSED')
    throw new Refusal(allowed.unmet.map((u) => userError(UserErrorCode.INVALID_TRANSITION, u.message, { ruleIds: [u.ruleId] })));
  await recordTransition(em, actor, now, {
    entityType: ENTITY,
    entityId: registration.id,
    partnerId: registration.partnerId,
    from,
    to: registration.status,
    ruleIds: [...new Set([...decision.ruleIds, 'R-DEAL-09'])],
    reason: decision.reasons.join('; '),
  });
}

async function lockRegistration(em: EntityManager, globalId: string): Promise<{ registration: DealRegistration; opportunity: Opportunity }> {
  const locked = await lockRegistrationById(em, idFromInput(globalId, ENTITY, ['input', 'id']));
  if (!locked) refuse(UserErrorCode.NOT_FOUND, `No DealRegistration with ID ${globalId}`, { field: ['input', 'id'] });
  return locked;
}

/** Locks the opportunity first, then the registration: the same order everywhere, so no deadlock. */
export async function lockRegistrationById(em: EntityManager, id: string): Promise<{ registration: DealRegistration; opportunity: Opportunity } | null> {
  const unlocked = await em.findOne(DealRegistration, { where: { id } });
  if (!unlocked) return null;
  const opportunity = await em.findOneOrFail(Opportunity, { where: { id: unlocked.opportunityId }, lock: { mode: 'pessimistic_write' } });
  const registration = await em.findOneOrFail(DealRegistration, { where: { id }, lock: { mode: 'pessimistic_write' } });
  return { registration, opportunity };
}

async function partnerForSubmission(ctx: RequestContext, em: EntityManager, partnerGlobalId: string | null | undefined): Promise<Partner> {
  const field = ['input', 'partnerId'];
  const ownPartner = partnerScopeOf(ctx.principal);
  if (!partnerGlobalId && !ownPartner) refuse(UserErrorCode.VALIDATION_FAILED, 'partnerId is required for this key', { field });
  // Locked, so a concurrent suspension cannot slip between the eligibility check and the insert.
  const partner = partnerGlobalId
    ? await lockById(em, Partner, 'Partner', partnerGlobalId, field)
    : await em.findOneOrFail(Partner, { where: { id: ownPartner as string }, lock: { mode: 'pessimistic_write' } });
  checkActsForPartner(ctx, partner.id, field);
  return partner;
}

/** R-DEAL-05, first branch: Ecosystem Ops creates the opportunity (and the customer if new). */
async function createOpportunity(em: EntityManager, partner: Partner, input: RegisteredOpportunityInput): Promise<Opportunity> {
  const missing = (['name', 'customerCrmAccountId', 'customerName'] as const).filter((key) => !input[key]);
  if (missing.length > 0) {
    throw new Refusal(
      missing.map((key) =>
        userError(UserErrorCode.VALIDATION_FAILED, `${key} is needed to create the opportunity, which is not in the CRM`, {
          field: ['input', 'opportunity', key],
        }),
      ),
    );
  }
  const crmAccountId = input.customerCrmAccountId as string;
  await em
    .createQueryBuilder()
    .insert()
    .into(Customer)
    .values({ crmAccountId, name: input.customerName as string, country: input.customerCountry ?? partner.country, territory: partner.territory })
    .orIgnore()
    .execute();
  const customer = await em.findOneByOrFail(Customer, { crmAccountId });
  return em.save(
    em.create(Opportunity, {
      externalId: input.externalId ?? `PRM-${randomUUID()}`,
      customerId: customer.id,
      name: input.name as string,
      stage: OpportunityStage.STAGE_0,
      kind: input.kind ?? undefined,
    }),
  );
}
