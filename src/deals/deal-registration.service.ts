import { actingPartnerId, checkActsFor } from '../access/acting';
import { MutationResult, MutationSpec, runMutation } from '../common/mutation';
import { checkVersion, idFromInput } from '../common/mutation-guards';
import { Refusal, UserErrorCode, refuse, refuseUnmet, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { customerTerritory, normalizeEmailDomain } from '../crm/customer-facts';
import { Customer } from '../crm/customer.entity';
import {
  CustomerFacts,
  createOpportunity,
  lockCustomerFacts,
  lockOpportunityByExternalId,
  lockOpportunityById,
  matchCustomer,
} from '../crm/opportunity.commands';
import { Opportunity } from '../crm/opportunity.entity';
import { OpportunityKind, OpportunityStage } from '../crm/opportunity.enums';
import type { RecordedDecision, UnitOfWork } from '../db/unit-of-work';
import type { DecisionSource } from '../events/decision';
import { certificationFactsOf } from '../partners/certification-facts';
import { Partner } from '../partners/partner.entity';
import { DealRegistration } from './deal-registration.entity';
import { DealRegistrationStatus, DealRoute } from './deal.enums';
import {
  ConfirmNewDealOpportunityInput,
  DecideDealRegistrationInput,
  LinkDealRegistrationOpportunityInput,
  RegisteredOpportunityInput,
  SalesReviewDecisionValue,
  SalesReviewStep,
  SubmitDealRegistrationInput,
  WithdrawDealRegistrationInput,
} from './deal.inputs';
import { OPS_REVIEWERS, SALES_REVIEWERS, SUBMITTERS, dealRegistrationMachine } from './deal.machine';
import {
  dealExclusivity,
  dealExpiresAt,
  dealExpiry,
  dealOpportunityKind,
  dealOpportunityMatch,
  dealOrderOfReceipt,
  dealRegistrantEligibility,
  dealRouting,
  dealSalesReview,
} from './deal.rules';
import type { SubmittedOpportunity } from './submitted-opportunity.types';

const ENTITY = 'DealRegistration';
const { PENDING_OPS_REVIEW, PENDING_ESM, PENDING_ASM, APPROVED, DENIED, EXPIRED, WITHDRAWN } = DealRegistrationStatus;

export interface DealMutationResult extends MutationResult<DealRegistration> {
  /** The decision recorded on the registration itself — for a dry run, the one it would have recorded. */
  decision: DecisionSource | null;
}

/** runMutation, also keeping the registration's own decision (a dry run returns nothing else). */
async function runDealMutation(ctx: RequestContext, spec: MutationSpec, work: (uow: UnitOfWork) => Promise<DealRegistration>): Promise<DealMutationResult> {
  let decision: DecisionSource | null = null;
  const outcome = await runMutation(ctx, spec, async (uow) => {
    decision = null;
    const registration = await work(uow);
    decision = uow.recorded.filter((row) => row.entityId === registration.id).at(-1) ?? null;
    return registration;
  });
  return { ...outcome, decision: outcome.userErrors.length > 0 ? null : decision };
}

/**
 * Submission (R-DEAL-01..05): checks the partner, finds the opportunity — by CRM ID, else by
 * matching the customer's open opportunities — and routes; where routing approves, R-DEAL-04
 * denies the competitors.
 */
export function submitDealRegistration(ctx: RequestContext, input: SubmitDealRegistrationInput): Promise<DealMutationResult> {
  const spec = { operation: 'submitDealRegistration', roles: SUBMITTERS, input, idempotencyKey: input.idempotencyKey, dryRun: input.dryRun === true };
  return runDealMutation(ctx, spec, async (uow) => {
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

    const named = input.opportunity.externalId ?? null;
    const kindField = ['input', 'opportunity', 'kind'];
    // Locks the opportunity, so registrations for it are decided one at a time (R-DEAL-03/04).
    let existing = named ? await lockOpportunityByExternalId(uow, named) : null;
    const registration = em.create(DealRegistration, {
      partnerId: partner.id,
      programType: input.programType,
      receivedAt: now,
      portalExternalId: input.portalExternalId ?? null,
      notes: input.notes ?? null,
      candidateOpportunityIds: [],
      submittedOpportunity: null,
      esmDecidedBy: null,
    });
    if (existing) return routeToOpportunity(uow, registration, existing, null, kindField);

    // R-DEAL-05: whether an opportunity exists is Ecosystem Ops' finding, not the partner's.
    const found = submittedOpportunity(partner, input.opportunity);
    checkKind(found.kind, now, kindField);
    const facts = factsOf(found);
    await lockCustomerFacts(uow, facts);
    // A submission for the same customer may have created the named opportunity while this one waited.
    existing = named ? await lockOpportunityByExternalId(uow, named) : null;
    if (existing) return routeToOpportunity(uow, registration, existing, null, kindField);
    const match = dealOpportunityMatch.decide(await matchCustomer(uow, facts), now);
    if (match.outcome === 'OPS_REVIEW') {
      Object.assign(registration, {
        opportunityId: null,
        route: DealRoute.OPS_REVIEW,
        stageAtSubmission: null,
        candidateOpportunityIds: match.candidateIds,
        submittedOpportunity: found,
      });
      return uow.changeStatus(dealRegistrationMachine, registration, PENDING_OPS_REVIEW, withHistoryRule(match));
    }
    const opportunity = await createOpportunity(uow, {
      externalId: found.externalId,
      name: found.name,
      kind: found.kind,
      customer: match.customerId ? { id: match.customerId } : newCustomerOf(found),
    });
    const routing = dealRouting.decide({ opportunity: null }, now);
    Object.assign(registration, { opportunityId: opportunity.id, route: routing.route, stageAtSubmission: null });
    return approve(uow, registration, opportunity, withHistoryRule(combine(match, routing)));
  });
}

/**
 * Ecosystem Ops links a PENDING_OPS_REVIEW registration to an opportunity (R-DEAL-05); the routing
 * then applies to that opportunity, and a registration that another holds is denied (R-DEAL-04).
 */
export function linkDealRegistrationOpportunity(ctx: RequestContext, input: LinkDealRegistrationOpportunityInput): Promise<DealMutationResult> {
  const spec = { operation: 'linkDealRegistrationOpportunity', roles: OPS_REVIEWERS, input, dryRun: input.dryRun };
  return runDealMutation(ctx, spec, async (uow) => {
    const opportunityId = idFromInput(input.opportunityId, 'Opportunity', ['input', 'opportunityId']);
    const id = idFromInput(input.id, ENTITY, ['input', 'id']);
    // The opportunity first, then the registration: the order every deal mutation locks in.
    const opportunity = await lockOpportunityById(uow, opportunityId);
    if (!opportunity) refuse(UserErrorCode.NOT_FOUND, `No Opportunity with ID ${input.opportunityId}`, { field: ['input', 'opportunityId'] });
    const registration = await lockAwaitingOps(uow, id, input.id, input.expectedVersion);
    const candidate = registration.candidateOpportunityIds.includes(opportunity.id);
    return routeToOpportunity(
      uow,
      registration,
      opportunity,
      {
        outcome: 'LINKED',
        ruleIds: ['R-DEAL-05'],
        reasons: withReason(
          [`Ecosystem Ops linked it to ${candidate ? 'one of the candidate opportunities' : 'an opportunity it chose'} in the CRM`],
          input.reason,
        ),
      },
      ['input', 'opportunityId'],
    );
  });
}

/** Ecosystem Ops confirms that a PENDING_OPS_REVIEW registration is for a new opportunity: approved and created (R-DEAL-05). */
export function confirmNewDealOpportunity(ctx: RequestContext, input: ConfirmNewDealOpportunityInput): Promise<DealMutationResult> {
  const spec = { operation: 'confirmNewDealOpportunity', roles: OPS_REVIEWERS, input, dryRun: input.dryRun };
  return runDealMutation(ctx, spec, async (uow) => {
    const { em, now } = uow;
    if (input.customerId && input.newCustomer) {
      refuse(UserErrorCode.VALIDATION_FAILED, 'Give either customerId or newCustomer, not both', { field: ['input', 'newCustomer'] });
    }
    const customerId = input.customerId ? idFromInput(input.customerId, 'Customer', ['input', 'customerId']) : null;
    const registration = await lockAwaitingOps(uow, idFromInput(input.id, ENTITY, ['input', 'id']), input.id, input.expectedVersion);
    const submitted = registration.submittedOpportunity as SubmittedOpportunity;
    if (submitted.externalId && (await em.existsBy(Opportunity, { externalId: submitted.externalId }))) {
      refuse(UserErrorCode.ALREADY_EXISTS, `The CRM has opportunity ${submitted.externalId} now: link the registration to it instead`, {
        field: ['input', 'id'],
        ruleIds: ['R-DEAL-05'],
      });
    }
    if (customerId && !(await em.existsBy(Customer, { id: customerId }))) {
      refuse(UserErrorCode.NOT_FOUND, `No Customer with ID ${input.customerId ?? ''}`, { field: ['input', 'customerId'] });
    }
    let customer: { id: string } | null = customerId ? { id: customerId } : null;
    if (!customer && !input.newCustomer) {
      const facts = factsOf(submitted);
      await lockCustomerFacts(uow, facts);
      const best = dealOpportunityMatch.decide(await matchCustomer(uow, facts), now).customerId;
      customer = best ? { id: best } : null;
    }
    const opportunity = await createOpportunity(uow, {
      externalId: submitted.externalId,
      name: submitted.name,
      kind: submitted.kind,
      customer: customer ?? newCustomerOf(submitted),
    });
    const routing = dealRouting.decide({ opportunity: null, confirmedByOps: true }, now);
    Object.assign(registration, { opportunityId: opportunity.id, route: routing.route, stageAtSubmission: null });
    return approve(uow, registration, opportunity, withHistoryRule({ ...routing, reasons: withReason(routing.reasons, input.reason) }));
  });
}

/**
 * ESM or ASM decision (R-DEAL-06), directly or relayed by the CRM naming who decided; approving
 * ahead of an earlier pending registration needs a reason (R-DEAL-03); an ASM approval approves,
 * subject to exclusivity (R-DEAL-04).
 */
export function decideDealRegistration(ctx: RequestContext, input: DecideDealRegistrationInput): Promise<DealMutationResult> {
  return runDealMutation(ctx, { operation: 'decideDealRegistration', roles: SALES_REVIEWERS, input, dryRun: input.dryRun }, async (uow) => {
    const { em, now } = uow;
    const { registration, opportunity } = await lockRegistration(uow, input.id);
    checkVersion(registration, input.expectedVersion);
    const expected = input.step === SalesReviewStep.ESM ? PENDING_ESM : PENDING_ASM;
    if (registration.status !== expected || !opportunity) {
      refuse(UserErrorCode.INVALID_TRANSITION, `The registration is ${registration.status}, not waiting for the ${input.step} (R-DEAL-06)`, {
        field: ['input', 'step'],
        ruleIds: ['R-DEAL-06'],
      });
    }
    const review = dealSalesReview.decide(
      {
        status: registration.status,
        actorRole: ctx.principal.role,
        action: input.decision,
        actorKeyId: ctx.principal.keyId,
        relayed: input.decidedBy ? { crmUserId: input.decidedBy.crmUserId, role: input.decidedBy.role } : null,
        esmDecidedBy: registration.esmDecidedBy,
      },
      now,
    );
    if (review.outcome === 'REFUSED') {
      const forbidden = review.unmet.some((u) => u.code === 'REVIEWER_ROLE_NOT_ALLOWED');
      refuseUnmet(review.unmet, forbidden ? null : ['input', 'decidedBy'], forbidden ? UserErrorCode.FORBIDDEN : UserErrorCode.RULE_VIOLATION);
    }
    let decision: RecordedDecision = { ...review, decidedBy: review.decidedBy, reasons: withReason(review.reasons, input.reason) };
    if (input.decision === SalesReviewDecisionValue.APPROVE) {
      const registrations = await em.find(DealRegistration, { where: { opportunityId: opportunity.id } });
      const order = dealOrderOfReceipt.decide({ candidate: registration, registrations, reason: input.reason ?? null }, now);
      if (order.outcome === 'REASON_REQUIRED') refuseUnmet(order.unmet, ['input', 'reason']);
      if (order.outcome === 'AHEAD_WITH_REASON')
        decision = { ...decision, ruleIds: [...decision.ruleIds, ...order.ruleIds], reasons: [...review.reasons, ...order.reasons] };
    }
    if (review.outcome === APPROVED) return approve(uow, registration, opportunity, decision);
    if (review.outcome === PENDING_ASM) Object.assign(registration, { routedToAsmAt: now, esmDecidedBy: review.decider });
    return uow.changeStatus(dealRegistrationMachine, registration, review.outcome, withHistoryRule(decision));
  });
}

/** The partner withdraws a pending registration (R-DEAL-09 records it). */
export function withdrawDealRegistration(ctx: RequestContext, input: WithdrawDealRegistrationInput): Promise<DealMutationResult> {
  return runDealMutation(ctx, { operation: 'withdrawDealRegistration', roles: SUBMITTERS, input }, async (uow) => {
    const { registration } = await lockRegistration(uow, input.id);
    checkActsFor(uow.actor, registration.partnerId, ['input', 'id']);
    checkVersion(registration, input.expectedVersion);
    return uow.changeStatus(dealRegistrationMachine, registration, WITHDRAWN, {
      outcome: WITHDRAWN,
      ruleIds: ['R-DEAL-09'],
      reasons: [`Withdrawn by the partner${input.reason ? `: ${input.reason}` : ''}`],
    });
  });
}

/** R-DEAL-02: a plain renewal is not registered (refused, nothing stored). */
function checkKind(kind: OpportunityKind, now: Date, field: string[]): void {
  const check = dealOpportunityKind.decide({ opportunityKind: kind }, now);
  if (check.outcome !== 'ELIGIBLE') refuseUnmet(check.unmet, field);
}

/**
 * R-DEAL-05 routing on a known opportunity (of an eligible kind, R-DEAL-02), after R-DEAL-04: a
 * registration arriving (or linked) while another holds the opportunity is denied at once, told
 * only that it is held.
 */
async function routeToOpportunity(
  uow: UnitOfWork,
  registration: DealRegistration,
  opportunity: Opportunity,
  before: RecordedDecision | null,
  kindField: string[],
): Promise<DealRegistration> {
  const { em, now } = uow;
  checkKind(opportunity.kind, now, kindField);
  const routing = dealRouting.decide({ opportunity }, now);
  Object.assign(registration, { opportunityId: opportunity.id, stageAtSubmission: opportunity.stage, route: routing.route });
  const decided = (decision: RecordedDecision): RecordedDecision => withHistoryRule(before ? combine(before, decision) : decision);
  if (routing.outcome !== DENIED) {
    const others = (await em.find(DealRegistration, { where: { opportunityId: opportunity.id } })).filter((r) => r.id !== registration.id);
    const held = dealExclusivity.decide({ candidateId: registration.id ?? '', registrations: others, opportunityClosedWonAt: closedWonAt(opportunity) }, now);
    if (held.outcome === 'BLOCKED') return uow.changeStatus(dealRegistrationMachine, registration, DENIED, decided(held));
  }
  if (routing.outcome === APPROVED) return approve(uow, registration, opportunity, decided(routing));
  if (routing.outcome === PENDING_ESM) registration.routedToEsmAt = now;
  return uow.changeStatus(dealRegistrationMachine, registration, routing.outcome, decided(routing));
}

/**
 * Approves a registration, whoever decided it (routing, ASM, Ecosystem Ops, or the R-DEAL-07
 * timer), under the opportunity's row lock: approvals past their 90 days are expired first (R-DEAL-08,
 * recorded as SYSTEM), so they never block; then R-DEAL-04 — a registration another approval holds
 * is denied instead, and competing pending registrations are denied. `registration` may be new and
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
  const opportunityClosedWonAt = closedWonAt(opportunity);
  const exclusivity = dealExclusivity.decide({ candidateId: registration.id ?? '', registrations: competitors, opportunityClosedWonAt }, now);
  for (const lapsed of competitors.filter((c) => exclusivity.expireIds.includes(c.id))) {
    const expiry = dealExpiry.decide({ status: lapsed.status, approvedAt: lapsed.approvedAt, opportunityClosedWonAt }, now);
    await uow.changeStatus(dealRegistrationMachine, lapsed, EXPIRED, withHistoryRule(expiry), { bySystem: true });
  }
  if (exclusivity.outcome === 'BLOCKED') {
    return uow.changeStatus(dealRegistrationMachine, registration, DENIED, withHistoryRule(combine(exclusivity, decision, { outcome: DENIED })));
  }
  registration.approvedAt = now;
  registration.expiresAt = dealExpiresAt(now);
  const approved = await uow.changeStatus(
    dealRegistrationMachine,
    registration,
    APPROVED,
    withHistoryRule(exclusivity.expireIds.length > 0 ? combine(decision, exclusivity, { outcome: APPROVED }) : decision),
  );
  const denial = 'Another registration for this opportunity was approved (R-DEAL-04)';
  for (const competitor of competitors.filter((c) => exclusivity.denyIds.includes(c.id))) {
    await uow.changeStatus(dealRegistrationMachine, competitor, DENIED, {
      outcome: DENIED,
      ruleIds: ['R-DEAL-04', 'R-DEAL-09'],
      reasons: [denial],
      unmet: [{ ruleId: 'R-DEAL-04', code: 'ANOTHER_REGISTRATION_APPROVED', message: denial }],
    });
  }
  return approved;
}

/** Several decisions behind one status change: every rule, reason and unmet condition, in order. */
function combine(...decisions: Array<RecordedDecision | (Partial<RecordedDecision> & { outcome: string })>): RecordedDecision {
  const last = decisions[decisions.length - 1];
  return {
    outcome: last.outcome,
    ruleIds: [...new Set(decisions.flatMap((d) => d.ruleIds ?? []))],
    reasons: decisions.flatMap((d) => d.reasons ?? []),
    unmet: decisions.flatMap((d) => d.unmet ?? []),
    decidedBy: decisions.map((d) => d.decidedBy).find((d) => d) ?? null,
  };
}

/** R-DEAL-09: every decision on a registration is on its history. */
function withHistoryRule(decision: RecordedDecision): RecordedDecision {
  return { ...decision, ruleIds: [...new Set([...decision.ruleIds, 'R-DEAL-09'])] };
}

function withReason(reasons: string[], reason: string | null | undefined): string[] {
  const given = reason?.trim();
  return given ? [...reasons, given] : reasons;
}

function closedWonAt(opportunity: Opportunity): Date | null {
  return opportunity.stage === OpportunityStage.CLOSED_WON ? opportunity.closedAt : null;
}

async function lockRegistration(uow: UnitOfWork, globalId: string): Promise<{ registration: DealRegistration; opportunity: Opportunity | null }> {
  const locked = await lockRegistrationById(uow, idFromInput(globalId, ENTITY, ['input', 'id']));
  if (!locked) refuse(UserErrorCode.NOT_FOUND, `No DealRegistration with ID ${globalId}`, { field: ['input', 'id'] });
  return locked;
}

/**
 * Locks the opportunity first, then the registration: the same order everywhere, so no deadlock. A
 * registration waiting for Ecosystem Ops has no opportunity yet, and is locked alone.
 */
export async function lockRegistrationById(uow: UnitOfWork, id: string): Promise<{ registration: DealRegistration; opportunity: Opportunity | null } | null> {
  const { em } = uow;
  const unlocked = await em.findOne(DealRegistration, { where: { id } });
  if (!unlocked) return null;
  const opportunity = unlocked.opportunityId ? await lockOpportunityById(uow, unlocked.opportunityId) : null;
  const registration = await em.findOneOrFail(DealRegistration, { where: { id }, lock: { mode: 'pessimistic_write' } });
  // Linked by Ecosystem Ops between the two reads: lock in the usual order instead.
  if (registration.opportunityId !== unlocked.opportunityId) return lockRegistrationById(uow, id);
  return { registration, opportunity };
}

/** A registration Ecosystem Ops is to resolve, locked (its opportunity, if any, must already be locked). */
async function lockAwaitingOps(uow: UnitOfWork, id: string, globalId: string, expectedVersion: number | null | undefined): Promise<DealRegistration> {
  const registration = await uow.em.findOne(DealRegistration, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!registration) refuse(UserErrorCode.NOT_FOUND, `No DealRegistration with ID ${globalId}`, { field: ['input', 'id'] });
  checkVersion(registration, expectedVersion);
  if (registration.status !== PENDING_OPS_REVIEW) {
    refuse(UserErrorCode.INVALID_TRANSITION, `The registration is ${registration.status}, not waiting for Ecosystem Ops (R-DEAL-05)`, {
      field: ['input', 'id'],
      ruleIds: ['R-DEAL-05'],
    });
  }
  return registration;
}

async function partnerForSubmission(uow: UnitOfWork, partnerGlobalId: string | null | undefined): Promise<Partner> {
  const field = ['input', 'partnerId'];
  const partnerId = actingPartnerId(uow.actor, partnerGlobalId ? idFromInput(partnerGlobalId, 'Partner', field) : null, field);
  // Locked, so a concurrent suspension cannot slip between the eligibility check and the insert.
  const partner = await uow.em.findOne(Partner, { where: { id: partnerId }, lock: { mode: 'pessimistic_write' } });
  if (!partner) refuse(UserErrorCode.NOT_FOUND, `No Partner with ID ${partnerGlobalId ?? partnerId}`, { field });
  return partner;
}

/**
 * What a submission naming no known CRM opportunity says about it (R-DEAL-05): enough for Ecosystem
 * Ops to match the customer and create the opportunity. A new customer needs no CRM account ID;
 * its territory follows from country and sector (US public sector is US_PUBSEC).
 */
function submittedOpportunity(partner: Partner, input: RegisteredOpportunityInput): SubmittedOpportunity {
  const field = (key: string) => ['input', 'opportunity', key];
  const missing = (['name', 'kind', 'customerName'] as const).filter((key) => !input[key]);
  if (missing.length > 0) {
    throw new Refusal(
      missing.map((key) => userError(UserErrorCode.VALIDATION_FAILED, `${key} is needed when the opportunity is not in the CRM`, { field: field(key) })),
    );
  }
  const country = (input.customerCountry ?? partner.country).toUpperCase();
  const sector = input.customerSector ?? null;
  const territory = customerTerritory({ country, sector, territory: input.customerTerritory ?? null, fallback: partner.territory });
  if ('problem' in territory) refuse(UserErrorCode.VALIDATION_FAILED, territory.problem, { field: field('customerTerritory') });
  return {
    externalId: input.externalId ?? null,
    name: input.name as string,
    kind: input.kind as OpportunityKind,
    customerCrmAccountId: input.customerCrmAccountId ?? null,
    customerName: input.customerName as string,
    customerCountry: country,
    customerTerritory: territory.territory,
    customerSector: sector,
    customerEmailDomain: normalizeEmailDomain(input.customerEmailDomain),
  };
}

function factsOf(submitted: SubmittedOpportunity): CustomerFacts {
  return { crmAccountId: submitted.customerCrmAccountId, name: submitted.customerName, emailDomain: submitted.customerEmailDomain };
}

function newCustomerOf(submitted: SubmittedOpportunity) {
  return {
    crmAccountId: submitted.customerCrmAccountId,
    name: submitted.customerName,
    country: submitted.customerCountry,
    territory: submitted.customerTerritory,
    sector: submitted.customerSector,
    emailDomain: submitted.customerEmailDomain,
  };
}
