import { addDays, CheckedDecision, daysBetween, Decision, defineRule, eligibilityDecision, EligibilityOutcome, UnmetCondition } from '../rules/decision';
import { Role } from '../auth/role.enum';
import { CertificationKind } from '../people/person.enums';
import { PartnerCategory, PartnerLifecycleStatus } from '../partners/partner.enums';
import { CertificationFact, countCurrentHolders } from '../partners/partner.rules';
import { OpportunityKind, OpportunityStage, isClosed, stageNumber } from '../crm/opportunity.enums';
import { DealRegistrationStatus, DealRoute } from './deal.enums';

const { PENDING_ESM, PENDING_ASM, APPROVED, DENIED } = DealRegistrationStatus;

// ---------------------------------------------------------------------------------------------
// R-DEAL-01 / R-DEAL-02: may this be registered at all?

export interface DealRegistrantInput {
  category: PartnerCategory;
  status: PartnerLifecycleStatus;
  agreementSignedAt: Date | null;
  certifications: CertificationFact[];
}

/** R-DEAL-01: an ACTIVE channel partner with a signed agreement and ≥ 1 current FOUNDATIONS holder. */
export const dealRegistrantEligibility = defineRule({
  id: 'R-DEAL-01',
  description: 'Who may register a deal',
  decide(input: DealRegistrantInput, now: Date): CheckedDecision<EligibilityOutcome> {
    const unmet: UnmetCondition[] = [];
    const fail = (code: string, message: string, required?: number, actual?: number) => unmet.push({ ruleId: 'R-DEAL-01', code, message, required, actual });
    if (input.category !== PartnerCategory.CHANNEL) fail('NOT_CHANNEL_PARTNER', `Only channel partners register deals, not ${input.category}`);
    if (input.status !== PartnerLifecycleStatus.ACTIVE) fail('PARTNER_NOT_ACTIVE', `The partner is ${input.status}, not ACTIVE`);
    if (input.agreementSignedAt === null || input.agreementSignedAt.getTime() > now.getTime()) {
      fail('AGREEMENT_NOT_SIGNED', 'The partner agreement is not signed');
    }
    const foundations = countCurrentHolders(input.certifications, [CertificationKind.FOUNDATIONS], now);
    if (foundations < 1) fail('FOUNDATIONS_TRAINING_MISSING', 'At least one person must have completed Foundations for Partners training', 1, foundations);
    return eligibilityDecision(['R-DEAL-01', 'R-PTR-05'], unmet, 'Active channel partner with a signed agreement and Foundations training');
  },
});

export const ELIGIBLE_OPPORTUNITY_KINDS: readonly OpportunityKind[] = [
  OpportunityKind.NEW_CUSTOMER,
  OpportunityKind.NEW_BUSINESS_EXISTING_CUSTOMER,
  OpportunityKind.ADD_ON,
  OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH,
];

/** R-DEAL-02: a plain renewal is not eligible (incumbency, R-REN, governs renewals). */
export const dealOpportunityKind = defineRule({
  id: 'R-DEAL-02',
  description: 'Eligible opportunity kinds for deal registration',
  decide(input: { opportunityKind: OpportunityKind }): CheckedDecision<EligibilityOutcome> {
    const unmet: UnmetCondition[] = ELIGIBLE_OPPORTUNITY_KINDS.includes(input.opportunityKind)
      ? []
      : [
          {
            ruleId: 'R-DEAL-02',
            code: 'OPPORTUNITY_KIND_NOT_ELIGIBLE',
            message: `A ${input.opportunityKind} opportunity cannot be registered (renewals follow R-REN)`,
          },
        ];
    return eligibilityDecision(['R-DEAL-02'], unmet, `${input.opportunityKind} opportunities are eligible`);
  },
});

// ---------------------------------------------------------------------------------------------
// R-DEAL-03: order of receipt

export interface ReceivedRegistration {
  id: string;
  receivedAt: Date;
}

/** R-DEAL-03: earlier `receivedAt` first; the id breaks ties so the order is total and stable. */
export function byOrderOfReceipt(a: ReceivedRegistration, b: ReceivedRegistration): number {
  const byTime = a.receivedAt.getTime() - b.receivedAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function inOrderOfReceipt<T extends ReceivedRegistration>(registrations: readonly T[]): T[] {
  return [...registrations].sort(byOrderOfReceipt);
}

// ---------------------------------------------------------------------------------------------
// R-DEAL-08: expiry (before R-DEAL-04, which needs it)

export const DEAL_APPROVAL_VALID_DAYS = 90;

export function dealExpiresAt(approvedAt: Date): Date {
  return addDays(approvedAt, DEAL_APPROVAL_VALID_DAYS);
}

export interface DealExpiryInput {
  status: DealRegistrationStatus;
  approvedAt: Date | null;
  opportunityClosedWonAt: Date | null;
}

export interface DealExpiryDecision extends Decision<'EXPIRE' | 'KEEP'> {
  /** null when the registration is not approved or will not expire (closed-won in time) */
  expiresAt: Date | null;
}

/** R-DEAL-08: expiry date and the timer's decision. Expired from the instant approvedAt + 90 days. */
export const dealExpiry = defineRule({
  id: 'R-DEAL-08',
  description: 'An approved registration expires 90 days after approval unless its opportunity closed-won before then',
  decide(input: DealExpiryInput, now: Date): DealExpiryDecision {
    if (input.status !== APPROVED || input.approvedAt === null) {
      return { outcome: 'KEEP', expiresAt: null, ruleIds: ['R-DEAL-08'], reasons: [`${input.status} registrations do not expire`] };
    }
    const expiresAt = dealExpiresAt(input.approvedAt);
    if (input.opportunityClosedWonAt !== null && input.opportunityClosedWonAt.getTime() < expiresAt.getTime()) {
      return {
        outcome: 'KEEP',
        expiresAt: null,
        ruleIds: ['R-DEAL-08'],
        reasons: [`The opportunity closed-won on ${input.opportunityClosedWonAt.toISOString()}, before the registration expired`],
      };
    }
    const due = now.getTime() >= expiresAt.getTime();
    return {
      outcome: due ? 'EXPIRE' : 'KEEP',
      expiresAt,
      ruleIds: ['R-DEAL-08'],
      reasons: [`Approved ${input.approvedAt.toISOString()}; ${due ? 'expired' : 'expires'} ${expiresAt.toISOString()} (${DEAL_APPROVAL_VALID_DAYS} days)`],
    };
  },
});

// ---------------------------------------------------------------------------------------------
// R-DEAL-04: exclusivity

export interface CompetingRegistration extends ReceivedRegistration {
  status: DealRegistrationStatus;
  approvedAt: Date | null;
}

export interface ExclusivityInput {
  /** the registration about to be approved; it may or may not be in `registrations` */
  candidateId: string;
  /** all registrations for the opportunity, any partner */
  registrations: CompetingRegistration[];
  opportunityClosedWonAt: Date | null;
}

export interface ExclusivityDecision extends Decision<'MAY_APPROVE' | 'BLOCKED'> {
  /** other pending registrations to deny citing R-DEAL-04, in order of receipt */
  denyIds: string[];
  blockingId: string | null;
}

/**
 * R-DEAL-04: every approval (routing, ASM, timer) goes through this. Decision: approving a later
 * registration while an earlier one is pending is allowed — order of receipt (R-DEAL-03) is the order
 * in which the system decides, not a veto on a human decision (the source lists it as one criterion).
 */
export const dealExclusivity = defineRule({
  id: 'R-DEAL-04',
  description: 'At most one approved, unexpired registration per opportunity',
  decide(input: ExclusivityInput, now: Date): ExclusivityDecision {
    const others = inOrderOfReceipt(input.registrations.filter((r) => r.id !== input.candidateId));
    const blocking = others.find(
      (r) => r.status === APPROVED && dealExpiry.decide({ ...r, opportunityClosedWonAt: input.opportunityClosedWonAt }, now).outcome === 'KEEP',
    );
    if (blocking) {
      return {
        outcome: 'BLOCKED',
        denyIds: [],
        blockingId: blocking.id,
        ruleIds: ['R-DEAL-04', 'R-DEAL-08'],
        reasons: [`Registration ${blocking.id} is already approved for this opportunity and has not expired`],
      };
    }
    const denyIds = others.filter((r) => r.status === PENDING_ESM || r.status === PENDING_ASM).map((r) => r.id);
    return {
      outcome: 'MAY_APPROVE',
      denyIds,
      blockingId: null,
      ruleIds: ['R-DEAL-04'],
      reasons: [
        'No other approved registration holds this opportunity',
        ...(denyIds.length > 0 ? [`Denies competing pending registrations: ${denyIds.join(', ')}`] : []),
      ],
    };
  },
});

// ---------------------------------------------------------------------------------------------
// R-DEAL-05: routing on submission

export const DEAL_INACTIVITY_DAYS = 180;

export interface LinkedOpportunity {
  stage: OpportunityStage;
  kind: OpportunityKind;
  lastSalesActivityAt: Date | null;
}

export type DealRoutingOutcome = DealRegistrationStatus.APPROVED | DealRegistrationStatus.PENDING_ESM | DealRegistrationStatus.DENIED;

export interface DealRouting extends Decision<DealRoutingOutcome> {
  route: DealRoute;
  createOpportunity: boolean;
}

/**
 * R-DEAL-05. Decision (RULES.md): the renewal-with-sourced-growth check comes before the activity
 * check. Decision: inactivity is counted in whole days (daysBetween), so 180 days and 23 hours is
 * still "180 days" and denied; 181 whole days approves.
 */
export const dealRouting = defineRule({
  id: 'R-DEAL-05',
  description: 'Ecosystem Ops routing on submission',
  decide(input: { opportunity: LinkedOpportunity | null }, now: Date): DealRouting {
    const opp = input.opportunity;
    const result = (outcome: DealRoutingOutcome, route: DealRoute, reason: string): DealRouting => ({
      outcome,
      route,
      createOpportunity: route === DealRoute.NO_OPPORTUNITY,
      ruleIds: ['R-DEAL-05'],
      reasons: [reason],
    });
    if (opp === null) return result(APPROVED, DealRoute.NO_OPPORTUNITY, 'No opportunity exists: approved and an opportunity is created');
    if (isClosed(opp.stage)) return result(DENIED, DealRoute.CLOSED, `The opportunity is already ${opp.stage}`);
    const stage = stageNumber(opp.stage) ?? 0;
    if (stage <= 2) return result(PENDING_ESM, DealRoute.EARLY_STAGE, `Opportunity at stage ${stage} (0–2): linked and routed to the ESM`);
    if (opp.kind === OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH) {
      return result(PENDING_ESM, DealRoute.RENEWAL_WITH_SOURCED_GROWTH, `Stage ${stage} renewal with sourced growth: routed to the ESM`);
    }
    if (opp.lastSalesActivityAt === null) return result(APPROVED, DealRoute.LATE_STAGE, `Stage ${stage} with no sales activity: approved`);
    const idle = daysBetween(opp.lastSalesActivityAt, now);
    return idle > DEAL_INACTIVITY_DAYS
      ? result(APPROVED, DealRoute.LATE_STAGE, `Stage ${stage}, last sales activity ${idle} days ago (> ${DEAL_INACTIVITY_DAYS}): approved`)
      : result(DENIED, DealRoute.LATE_STAGE, `Stage ${stage}, last sales activity ${idle} days ago (not > ${DEAL_INACTIVITY_DAYS}): sales is active, denied`);
  },
});

// ---------------------------------------------------------------------------------------------
// R-DEAL-06: ESM / ASM decisions

export type SalesReviewAction = 'APPROVE' | 'REJECT';
type PendingStatus = DealRegistrationStatus.PENDING_ESM | DealRegistrationStatus.PENDING_ASM;

/**
 * R-DEAL-06, keyed by status. Decision: CRM_SYNC may relay either decision, since RULES.md makes it
 * the channel for sales-side approvals.
 */
export const DEAL_SALES_REVIEW: Readonly<Record<PendingStatus, { reviewers: readonly Role[]; on: Record<SalesReviewAction, DealRegistrationStatus> }>> = {
  [PENDING_ESM]: { reviewers: [Role.ESM, Role.CRM_SYNC, Role.ADMIN], on: { APPROVE: PENDING_ASM, REJECT: DENIED } },
  [PENDING_ASM]: { reviewers: [Role.ASM, Role.CRM_SYNC, Role.ADMIN], on: { APPROVE: APPROVED, REJECT: DENIED } },
};

export interface SalesReviewDecision extends Decision<DealRegistrationStatus | 'REFUSED'> {
  from: DealRegistrationStatus;
}

/** R-DEAL-06. An ASM approval still has to pass dealExclusivity (R-DEAL-04). */
export const dealSalesReview = defineRule({
  id: 'R-DEAL-06',
  description: 'ESM decision at PENDING_ESM, ASM decision at PENDING_ASM',
  decide(input: { status: DealRegistrationStatus; actorRole: Role; action: SalesReviewAction }): SalesReviewDecision {
    const refuse = (reason: string): SalesReviewDecision => ({ outcome: 'REFUSED', from: input.status, ruleIds: ['R-DEAL-06'], reasons: [reason] });
    if (input.status !== PENDING_ESM && input.status !== PENDING_ASM) return refuse(`A ${input.status} registration awaits no sales decision`);
    const step = DEAL_SALES_REVIEW[input.status];
    if (!step.reviewers.includes(input.actorRole)) {
      return refuse(`${input.actorRole} cannot decide a ${input.status} registration (${step.reviewers.join('/')} only)`);
    }
    const to = step.on[input.action];
    return {
      outcome: to,
      from: input.status,
      ruleIds: ['R-DEAL-06'],
      reasons: [`${input.actorRole} ${input.action === 'APPROVE' ? 'approved' : 'rejected'}: ${input.status} → ${to}`],
    };
  },
});

// ---------------------------------------------------------------------------------------------
// R-DEAL-07: silence is consent

export const DEAL_SILENCE_DAYS = 10;

export interface AutoApprovalInput {
  route: DealRoute;
  status: DealRegistrationStatus;
  receivedAt: Date;
  /** when the ESM approved (status became PENDING_ASM); null before */
  routedToAsmAt: Date | null;
}

/**
 * R-DEAL-07: when the timer approves, or null if it never will in the current state.
 * Decision: the branch is the route taken at submission (R-DEAL-05), so a stage 0–2 renewal with
 * growth follows the stage 0–2 clock (only PENDING_ASM, from routing to the ASM).
 */
export function autoApprovalDueAt(input: AutoApprovalInput): Date | null {
  if (input.route === DealRoute.EARLY_STAGE) {
    // Decision (RULES.md): still PENDING_ESM after 10 days is not auto-approved.
    return input.status === PENDING_ASM && input.routedToAsmAt !== null ? addDays(input.routedToAsmAt, DEAL_SILENCE_DAYS) : null;
  }
  if (input.route === DealRoute.RENEWAL_WITH_SOURCED_GROWTH) {
    return input.status === PENDING_ESM || input.status === PENDING_ASM ? addDays(input.receivedAt, DEAL_SILENCE_DAYS) : null;
  }
  return null;
}

export interface AutoApprovalDecision extends Decision<'APPROVE' | 'WAIT' | 'NOT_APPLICABLE'> {
  dueAt: Date | null;
}

/** R-DEAL-07 timer: approves (by Ecosystem Ops, actor SYSTEM) at dueAt exactly; still subject to R-DEAL-04. */
export const dealAutoApproval = defineRule({
  id: 'R-DEAL-07',
  description: 'Silence is consent: auto-approval after 10 days',
  decide(input: AutoApprovalInput, now: Date): AutoApprovalDecision {
    const dueAt = autoApprovalDueAt(input);
    if (dueAt === null) {
      const reason =
        input.route === DealRoute.EARLY_STAGE && input.status === PENDING_ESM
          ? 'A stage 0–2 registration waiting on the ESM is not auto-approved'
          : `No auto-approval for a ${input.status} registration routed ${input.route}`;
      return { outcome: 'NOT_APPLICABLE', dueAt, ruleIds: ['R-DEAL-07'], reasons: [reason] };
    }
    const clock = input.route === DealRoute.EARLY_STAGE ? 'routed to the ASM' : 'submitted';
    if (now.getTime() >= dueAt.getTime()) {
      return {
        outcome: 'APPROVE',
        dueAt,
        ruleIds: ['R-DEAL-07'],
        reasons: [`Not decided ${DEAL_SILENCE_DAYS} days after it was ${clock}: approved by Ecosystem Ops`],
      };
    }
    return {
      outcome: 'WAIT',
      dueAt,
      ruleIds: ['R-DEAL-07'],
      reasons: [`Auto-approval due ${dueAt.toISOString()}, ${DEAL_SILENCE_DAYS} days after it was ${clock}`],
    };
  },
});
