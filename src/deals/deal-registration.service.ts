import { actingPartnerId, checkActsFor } from '../access/acting';
import { MutationResult, runMutation } from '../common/mutation';
import { checkVersion, idFromInput } from '../common/mutation-guards';
import { Refusal, UserErrorCode, refuse, refuseUnmet, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { createOpportunity, lockOpportunityByExternalId } from '../crm/opportunity.commands';
import { Opportunity } from '../crm/opportunity.entity';
import { OpportunityStage } from '../crm/opportunity.enums';
import type { RecordedDecision, UnitOfWork } from '../db/unit-of-work';
import { certificationFactsOf } from '../partners/certification-facts';
import { Partner } from '../partners/partner.entity';
import { DealRegistration } from './deal-registration.entity';
import { DealRegistrationStatus } from './deal.enums';
import {
  DecideDealRegistrationInput,
  RegisteredOpportunityInput,
  SalesReviewStep,
  SubmitDealRegistrationInput,
  WithdrawDealRegistrationInput,
} from './deal.inputs';
import { SALES_REVIEWERS, SUBMITTERS, dealRegistrationMachine } from './deal.machine';
import { dealExclusivity, dealExpiresAt, dealOpportunityKind, dealRegistrantEligibility, dealRouting, dealSalesReview } from './deal.rules';

const ENTITY = 'DealRegistration';

/**
 * Submission (R-DEAL-01..05): checks the partner, links or creates the opportunity, routes, and
 * approves straight away where routing says so (then R-DEAL-04 denies competitors).
 */
export function submitDealRegistration(ctx: RequestContext, input: SubmitDealRegistrationInput): Promise<MutationResult<DealRegistration>> {
  return runMutation(ctx, { operation: 'submitDealRegistration', roles: SUBMITTERS, input, idempotencyKey: input.idempotencyKey }, async (uow) => {
    const { em, now } = uow;
    const partner = await partnerForSubmission(uow, input.partnerId);
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
    const existing = input.opportunity.externalId ? await lockOpportunityByExternalId(uow, input.opportunity.externalId) : null;
    const kind = existing?.kind ?? input.opportunity.kind;
    if (!kind)
      refuse(UserErrorCode.VALIDATION_FAILED, 'Give the opportunity kind when the opportunity is not in the CRM yet', {
        field: ['input', 'opportunity', 'kind'],
      });
    const kindCheck = dealOpportunityKind.decide({ opportunityKind: kind }, now);
    if (kindCheck.outcome !== 'ELIGIBLE') refuseUnmet(kindCheck.unmet, ['input', 'opportunity', 'kind']);

    const routing = dealRouting.decide({ opportunity: existing }, now);
    const opportunity = existing ?? (await newOpportunity(uow, partner, input.opportunity));
    const registration = em.create(DealRegistration, {
      partnerId: partner.id,
      opportunityId: opportunity.id,
      programType: input.programType,
      route: routing.route,
      receivedAt: now,
      stageAtSubmission: existing?.stage ?? null,
      routedToEsmAt: routing.outcome === DealRegistrationStatus.PENDING_ESM ? now : null,
      portalExternalId: input.portalExternalId ?? null,
      notes: input.notes ?? null,
    });
    if (routing.outcome === DealRegistrationStatus.APPROVED) return approve(uow, registration, opportunity, routing);
    return uow.changeStatus(dealRegistrationMachine, registration, routing.outcome, withHistoryRule(routing));
  });
}

/** ESM or ASM decision (R-DEAL-06); an ASM approval approves, subject to exclusivity (R-DEAL-04). */
export function decideDealRegistration(ctx: RequestContext, input: DecideDealRegistrationInput): Promise<MutationResult<DealRegistration>> {
  return runMutation(ctx, { operation: 'decideDealRegistration', roles: SALES_REVIEWERS, input }, async (uow) => {
    const { now } = uow;
    const { registration, opportunity } = await lockRegistration(uow, input.id);
    checkVersion(registration, input.expectedVersion);
    const expected = input.step === SalesReviewStep.ESM ? DealRegistrationStatus.PENDING_ESM : DealRegistrationStatus.PENDING_ASM;
    if (registration.status !== expected) {
      refuse(UserErrorCode.INVALID_TRANSITION, `The registration is ${registration.status}, not waiting for the ${input.step} (R-DEAL-06)`, {
        field: ['input', 'step'],
        ruleIds: ['R-DEAL-06'],
      });
    }
    const review = dealSalesReview.decide({ status: registration.status, actorRole: ctx.principal.role, action: input.decision }, now);
    if (review.outcome === 'REFUSED') refuse(UserErrorCode.FORBIDDEN, review.reasons.join('; '), { ruleIds: review.ruleIds });
    const decision: RecordedDecision = { ...review, reasons: input.reason ? [...review.reasons, input.reason] : review.reasons };
    if (review.outcome === DealRegistrationStatus.APPROVED) return approve(uow, registration, opportunity, decision);
    if (review.outcome === DealRegistrationStatus.PENDING_ASM) registration.routedToAsmAt = now;
    return uow.changeStatus(dealRegistrationMachine, registration, review.outcome, withHistoryRule(decision));
  });
}

/** The partner withdraws a pending registration (R-DEAL-09 records it). */
export function withdrawDealRegistration(ctx: RequestContext, input: WithdrawDealRegistrationInput): Promise<MutationResult<DealRegistration>> {
  return runMutation(ctx, { operation: 'withdrawDealRegistration', roles: SUBMITTERS, input }, async (uow) => {
    const { registration } = await lockRegistration(uow, input.id);
    checkActsFor(uow.actor, registration.partnerId, ['input', 'id']);
    checkVersion(registration, input.expectedVersion);
    return uow.changeStatus(dealRegistrationMachine, registration, DealRegistrationStatus.WITHDRAWN, {
      outcome: 'WITHDRAWN',
      ruleIds: ['R-DEAL-09'],
      reasons: [`Withdrawn by the partner${input.reason ? `: ${input.reason}` : ''}`],
    });
  });
}

/**
 * Approves a registration, whoever decided it (routing, ASM, or the R-DEAL-07 timer): R-DEAL-04
 * first, under the opportunity's row lock; competing pending registrations are denied. A
 * registration that another approval blocks is denied instead. `registration` may be new and
 * unsaved: it is written only once its status is decided.
 */
export async function approve(
  uow: UnitOfWork,
  registration: DealRegistration,
  opportunity: Opportunity,
  decision: RecordedDecision,
): Promise<DealRegistration> {
  const { em, now } = uow;
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
    return uow.changeStatus(dealRegistrationMachine, registration, DealRegistrationStatus.DENIED, {
      outcome: DealRegistrationStatus.DENIED,
      ruleIds: ['R-DEAL-04', ...decision.ruleIds, 'R-DEAL-09'],
      reasons: [...exclusivity.reasons, ...decision.reasons],
    });
  }
  registration.approvedAt = now;
  registration.expiresAt = dealExpiresAt(now);
  const approved = await uow.changeStatus(dealRegistrationMachine, registration, DealRegistrationStatus.APPROVED, withHistoryRule(decision));
  for (const competitor of competitors.filter((c) => exclusivity.denyIds.includes(c.id))) {
    await uow.changeStatus(dealRegistrationMachine, competitor, DealRegistrationStatus.DENIED, {
      outcome: DealRegistrationStatus.DENIED,
      ruleIds: ['R-DEAL-04', 'R-DEAL-09'],
      reasons: [`Registration ${approved.id} for the same opportunity was approved`],
    });
  }
  return approved;
}

/** R-DEAL-09: every decision on a registration is on its history. */
function withHistoryRule(decision: RecordedDecision): RecordedDecision {
  return { ...decision, ruleIds: [...new Set([...decision.ruleIds, 'R-DEAL-09'])] };
}

async function lockRegistration(uow: UnitOfWork, globalId: string): Promise<{ registration: DealRegistration; opportunity: Opportunity }> {
  const locked = await lockRegistrationById(uow, idFromInput(globalId, ENTITY, ['input', 'id']));
  if (!locked) refuse(UserErrorCode.NOT_FOUND, `No DealRegistration with ID ${globalId}`, { field: ['input', 'id'] });
  return locked;
}

/** Locks the opportunity first, then the registration: the same order everywhere, so no deadlock. */
export async function lockRegistrationById(uow: UnitOfWork, id: string): Promise<{ registration: DealRegistration; opportunity: Opportunity } | null> {
  const { em } = uow;
  const unlocked = await em.findOne(DealRegistration, { where: { id } });
  if (!unlocked) return null;
  const opportunity = await em.findOneOrFail(Opportunity, { where: { id: unlocked.opportunityId }, lock: { mode: 'pessimistic_write' } });
  const registration = await em.findOneOrFail(DealRegistration, { where: { id }, lock: { mode: 'pessimistic_write' } });
  return { registration, opportunity };
}

async function partnerForSubmission(uow: UnitOfWork, partnerGlobalId: string | null | undefined): Promise<Partner> {
  const field = ['input', 'partnerId'];
  const partnerId = actingPartnerId(uow.actor, partnerGlobalId ? idFromInput(partnerGlobalId, 'Partner', field) : null, field);
  // Locked, so a concurrent suspension cannot slip between the eligibility check and the insert.
  const partner = await uow.em.findOne(Partner, { where: { id: partnerId }, lock: { mode: 'pessimistic_write' } });
  if (!partner) refuse(UserErrorCode.NOT_FOUND, `No Partner with ID ${partnerGlobalId ?? partnerId}`, { field });
  return partner;
}

/** R-DEAL-05, first branch: Ecosystem Ops creates the opportunity (and the customer if new). */
function newOpportunity(uow: UnitOfWork, partner: Partner, input: RegisteredOpportunityInput): Promise<Opportunity> {
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
  return createOpportunity(uow, {
    externalId: input.externalId ?? null,
    name: input.name as string,
    kind: input.kind as NonNullable<RegisteredOpportunityInput['kind']>,
    customer: {
      crmAccountId: input.customerCrmAccountId as string,
      name: input.customerName as string,
      country: input.customerCountry ?? partner.country,
      territory: partner.territory,
    },
  });
}
