import { addDays, CheckedDecision, Decision, defineRule, eligibilityDecision, EligibilityOutcome, UnmetCondition } from '../rules/decision';
import { Role } from '../auth/role.enum';
import { CertificationKind } from '../people/person.enums';
import { PartnerCategory, PartnerLifecycleStatus } from '../partners/partner.enums';
import { CertificationFact, countCurrentHolders } from '../partners/partner.rules';
import type { CustomerMatchKind } from '../crm/customer-facts';
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

const SALES_PENDING: readonly DealRegistrationStatus[] = [PENDING_ESM, PENDING_ASM];

export interface OrderOfReceiptInput {
  candidate: ReceivedRegistration;
  /** the other registrations for the opportunity, any partner */
  registrations: ReadonlyArray<ReceivedRegistration & { status: DealRegistrationStatus }>;
  /** the reviewer's recorded reason, if any */
  reason: string | null;
}

export type OrderOfReceiptOutcome = 'IN_ORDER' | 'AHEAD_WITH_REASON' | 'REASON_REQUIRED';

/**
 * R-DEAL-03 (revision 2026-12-01): an ESM or ASM approval of a registration while an earlier one
 * for the opportunity still waits on a sales decision needs a recorded reason, and then cites
 * R-DEAL-03. Never names the earlier registration: it may be another partner's.
 */
export const dealOrderOfReceipt = defineRule({
  id: 'R-DEAL-03',
  description: 'Approving a later registration ahead of an earlier pending one needs a recorded reason',
  decide(input: OrderOfReceiptInput): CheckedDecision<OrderOfReceiptOutcome> & { earlierPending: number } {
    const earlierPending = input.registrations.filter(
      (r) => r.id !== input.candidate.id && SALES_PENDING.includes(r.status) && byOrderOfReceipt(r, input.candidate) < 0,
    ).length;
    const reason = input.reason?.trim() ?? '';
    if (earlierPending === 0) {
      return { outcome: 'IN_ORDER', earlierPending, ruleIds: ['R-DEAL-03'], reasons: ['No earlier registration for the opportunity is pending'], unmet: [] };
    }
    if (reason === '') {
      const message =
        'An earlier registration for this opportunity is still pending: approving this one first needs a recorded reason (e.g. in-region support, relationship with the customer)';
      return {
        outcome: 'REASON_REQUIRED',
        earlierPending,
        ruleIds: ['R-DEAL-03'],
        reasons: [message],
        unmet: [{ ruleId: 'R-DEAL-03', code: 'EARLIER_REGISTRATION_PENDING', message }],
      };
    }
    return {
      outcome: 'AHEAD_WITH_REASON',
      earlierPending,
      ruleIds: ['R-DEAL-03'],
      reasons: [`Approved ahead of an earlier pending registration for the opportunity, for the reason recorded: ${reason}`],
      unmet: [],
    };
  },
});

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
  /** the registration about to be approved or submitted ('' when not saved yet); it may or may not be in `registrations` */
  candidateId: string;
  /** all registrations for the opportunity, any partner */
  registrations: CompetingRegistration[];
  opportunityClosedWonAt: Date | null;
}

export interface ExclusivityDecision extends CheckedDecision<'MAY_APPROVE' | 'BLOCKED'> {
  /** other pending registrations to deny citing R-DEAL-04, in order of receipt */
  denyIds: string[];
  /** approvals past their 90 days that no timer expired yet: expire them in the same transaction (R-DEAL-08) */
  expireIds: string[];
  /** for the record only: never put it in a reason, the holder may be another partner's */
  blockingId: string | null;
}

/** What a registration denied because another holds the opportunity is told: that it is held, never by whom. */
export const OPPORTUNITY_HELD = 'Another registration is approved for this opportunity and has not expired (R-DEAL-04)';

/**
 * R-DEAL-04: every approval (routing, ASM, Ecosystem Ops, timer) and every submission goes through
 * this. An approval past its 90 days is expired from that instant (R-DEAL-08), whether or not the
 * timer ran: it never blocks, and the caller expires it before approving.
 */
export const dealExclusivity = defineRule({
  id: 'R-DEAL-04',
  description: 'At most one approved, unexpired registration per opportunity',
  decide(input: ExclusivityInput, now: Date): ExclusivityDecision {
    const others = inOrderOfReceipt(input.registrations.filter((r) => r.id !== input.candidateId));
    const approved = others.filter((r) => r.status === APPROVED);
    const expiry = (r: CompetingRegistration) => dealExpiry.decide({ ...r, opportunityClosedWonAt: input.opportunityClosedWonAt }, now).outcome;
    const blocking = approved.find((r) => expiry(r) === 'KEEP');
    const expireIds = approved.filter((r) => expiry(r) === 'EXPIRE').map((r) => r.id);
    if (blocking) {
      return {
        outcome: 'BLOCKED',
        denyIds: [],
        expireIds,
        blockingId: blocking.id,
        ruleIds: ['R-DEAL-04', 'R-DEAL-08'],
        reasons: [OPPORTUNITY_HELD],
        unmet: [{ ruleId: 'R-DEAL-04', code: 'OPPORTUNITY_HELD', message: OPPORTUNITY_HELD }],
      };
    }
    const denyIds = others.filter((r) => SALES_PENDING.includes(r.status)).map((r) => r.id);
    return {
      outcome: 'MAY_APPROVE',
      denyIds,
      expireIds,
      blockingId: null,
      ruleIds: expireIds.length > 0 ? ['R-DEAL-04', 'R-DEAL-08'] : ['R-DEAL-04'],
      reasons: [
        expireIds.length > 0
          ? 'No other approval holds this opportunity: an earlier one lapsed after its 90 days (R-DEAL-08)'
          : 'No other approval holds this opportunity',
      ],
      unmet: [],
    };
  },
});

// ---------------------------------------------------------------------------------------------
// R-DEAL-05: routing on submission

export const DEAL_INACTIVITY_DAYS = 180;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface LinkedOpportunity {
  stage: OpportunityStage;
  kind: OpportunityKind;
  lastSalesActivityAt: Date | null;
}

export type DealRoutingOutcome = DealRegistrationStatus.APPROVED | DealRegistrationStatus.PENDING_ESM | DealRegistrationStatus.DENIED;

export interface DealRouting extends CheckedDecision<DealRoutingOutcome> {
  route: DealRoute;
  createOpportunity: boolean;
}

/** "180 days 23 h": whole days and hours, so a reason shows why 180 days and an hour is more than 180 days. */
function elapsed(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms - days * DAY_MS) / HOUR_MS);
  return hours === 0 ? `${days} days` : `${days} days ${hours} h`;
}

/**
 * R-DEAL-05 on a known opportunity, or on Ecosystem Ops' finding that none exists (null). Decision
 * (RULES.md): the renewal-with-sourced-growth check comes before the activity check; "> 180 days" is
 * more than 180 × 24 h before now, to the millisecond (180 days and 1 hour approves).
 */
export const dealRouting = defineRule({
  id: 'R-DEAL-05',
  description: 'Ecosystem Ops routing on submission',
  decide(input: { opportunity: LinkedOpportunity | null; confirmedByOps?: boolean }, now: Date): DealRouting {
    const opp = input.opportunity;
    const result = (outcome: DealRoutingOutcome, route: DealRoute, reason: string, unmet: UnmetCondition[] = []): DealRouting => ({
      outcome,
      route,
      createOpportunity: route === DealRoute.NO_OPPORTUNITY,
      ruleIds: ['R-DEAL-05'],
      reasons: [reason],
      unmet,
    });
    if (opp === null) {
      return result(
        APPROVED,
        DealRoute.NO_OPPORTUNITY,
        input.confirmedByOps
          ? 'Ecosystem Ops confirmed the opportunity is new: approved and an opportunity is created'
          : 'No opportunity of this customer exists: approved and an opportunity is created',
      );
    }
    if (isClosed(opp.stage)) {
      const message = `The opportunity is already ${opp.stage}`;
      return result(DENIED, DealRoute.CLOSED, message, [{ ruleId: 'R-DEAL-05', code: 'OPPORTUNITY_CLOSED', message }]);
    }
    const stage = stageNumber(opp.stage) ?? 0;
    if (stage <= 2) return result(PENDING_ESM, DealRoute.EARLY_STAGE, `Opportunity at stage ${stage} (0–2): linked and routed to the ESM`);
    if (opp.kind === OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH) {
      return result(PENDING_ESM, DealRoute.RENEWAL_WITH_SOURCED_GROWTH, `Stage ${stage} renewal with sourced growth: routed to the ESM`);
    }
    if (opp.lastSalesActivityAt === null) return result(APPROVED, DealRoute.LATE_STAGE, `Stage ${stage} with no sales activity: approved`);
    const idleMs = now.getTime() - opp.lastSalesActivityAt.getTime();
    if (idleMs > DEAL_INACTIVITY_DAYS * DAY_MS) {
      return result(
        APPROVED,
        DealRoute.LATE_STAGE,
        `Stage ${stage}, last sales activity ${elapsed(idleMs)} ago (more than ${DEAL_INACTIVITY_DAYS} × 24 h): approved`,
      );
    }
    const message = `Stage ${stage}, last sales activity ${elapsed(Math.max(0, idleMs))} ago (not more than ${DEAL_INACTIVITY_DAYS} × 24 h): sales is active, denied`;
    return result(DENIED, DealRoute.LATE_STAGE, message, [
      { ruleId: 'R-DEAL-05', code: 'RECENT_SALES_ACTIVITY', message, required: DEAL_INACTIVITY_DAYS, actual: Math.max(0, Math.floor(idleMs / DAY_MS)) },
    ]);
  },
});

/** Strongest first. */
const MATCH_STRENGTH: readonly CustomerMatchKind[] = ['CRM_ACCOUNT_ID', 'NAME', 'EMAIL_DOMAIN'];
const MATCH_WORDS: Record<CustomerMatchKind, string> = { CRM_ACCOUNT_ID: 'CRM account ID', NAME: 'name', EMAIL_DOMAIN: 'e-mail domain' };

export interface MatchedCustomer {
  id: string;
  matchedBy: CustomerMatchKind;
  createdAt: Date;
}

export interface CustomerOpportunity {
  id: string;
  customerId: string;
  stage: OpportunityStage;
}

export interface OpportunityMatchDecision extends Decision<'OPS_REVIEW' | 'NO_CANDIDATE'> {
  /** the open opportunities of the matched customers, for Ecosystem Ops */
  candidateIds: string[];
  /** the customer a new opportunity is created for: the strongest match, oldest first; null for a new customer */
  customerId: string | null;
}

/**
 * R-DEAL-05 (revision 2026-12-01), Decision: "no opportunity exists" is Ecosystem Ops' finding. A
 * submission that names no known CRM opportunity is matched against the open opportunities of the
 * same customer (CRM account ID, else normalized name or e-mail domain): any → PENDING_OPS_REVIEW.
 * Reasons say how the customer matched, never which opportunities (they may be other partners').
 */
export const dealOpportunityMatch = defineRule({
  id: 'R-DEAL-05',
  description: 'A submission without a known CRM opportunity is matched against the customer’s open opportunities',
  decide(input: { customers: readonly MatchedCustomer[]; opportunities: readonly CustomerOpportunity[] }): OpportunityMatchDecision {
    const strongest = [...input.customers].sort(
      (a, b) =>
        MATCH_STRENGTH.indexOf(a.matchedBy) - MATCH_STRENGTH.indexOf(b.matchedBy) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const customerIds = new Set(strongest.map((c) => c.id));
    const candidateIds = input.opportunities.filter((o) => customerIds.has(o.customerId) && !isClosed(o.stage)).map((o) => o.id);
    const customerId = strongest[0]?.id ?? null;
    if (candidateIds.length > 0) {
      const how = [...new Set(strongest.map((c) => MATCH_WORDS[c.matchedBy]))].join(' and ');
      return {
        outcome: 'OPS_REVIEW',
        candidateIds,
        customerId,
        ruleIds: ['R-DEAL-05'],
        reasons: [
          `No known CRM opportunity was named, and the customer (matched by ${how}) has open opportunities: Ecosystem Ops links one or confirms the opportunity is new`,
        ],
      };
    }
    return {
      outcome: 'NO_CANDIDATE',
      candidateIds,
      customerId,
      ruleIds: ['R-DEAL-05'],
      reasons: [customerId === null ? 'No customer matches: a new customer' : 'The customer has no open opportunity'],
    };
  },
});

// ---------------------------------------------------------------------------------------------
// R-DEAL-06: ESM / ASM decisions

export type SalesReviewAction = 'APPROVE' | 'REJECT';
type PendingStatus = DealRegistrationStatus.PENDING_ESM | DealRegistrationStatus.PENDING_ASM;
type SalesStep = 'ESM' | 'ASM';

/** R-DEAL-06, keyed by status. CRM_SYNC relays either decision, naming the person who decided. */
export const DEAL_SALES_REVIEW: Readonly<
  Record<PendingStatus, { step: SalesStep; reviewers: readonly Role[]; on: Record<SalesReviewAction, DealRegistrationStatus> }>
> = {
  [PENDING_ESM]: { step: 'ESM', reviewers: [Role.ESM, Role.CRM_SYNC, Role.ADMIN], on: { APPROVE: PENDING_ASM, REJECT: DENIED } },
  [PENDING_ASM]: { step: 'ASM', reviewers: [Role.ASM, Role.CRM_SYNC, Role.ADMIN], on: { APPROVE: APPROVED, REJECT: DENIED } },
};

/** Roles that relay a decision someone else took in the CRM, and so must name that person. */
const RELAYING: readonly Role[] = [Role.CRM_SYNC, Role.ADMIN];

export interface SalesReviewInput {
  status: DealRegistrationStatus;
  actorRole: Role;
  action: SalesReviewAction;
  /** the API key that calls */
  actorKeyId: string;
  /** for a relayed decision: the person who decided in the CRM */
  relayed: { crmUserId: string; role: SalesStep } | null;
  /** who decided the ESM step (`decider` of that decision), for the ASM step */
  esmDecidedBy: string | null;
}

export interface SalesReviewDecision extends CheckedDecision<DealRegistrationStatus | 'REFUSED'> {
  from: DealRegistrationStatus;
  /** who decided, comparable across steps: `crm:<CRM user ID>` when relayed, else `key:<API key ID>` */
  decider: string;
  /** the person a relayed decision names, as the history records it */
  decidedBy: { id: string; role: string } | null;
}

/**
 * R-DEAL-06 (revision 2026-12-01): the ESM decides PENDING_ESM, the ASM PENDING_ASM; a relayed
 * decision (CRM_SYNC) names the CRM user who decided and in which role; the ASM step is decided by
 * someone other than the ESM step. An ASM approval still has to pass dealExclusivity (R-DEAL-04).
 */
export const dealSalesReview = defineRule({
  id: 'R-DEAL-06',
  description: 'ESM decision at PENDING_ESM, ASM decision at PENDING_ASM, by different people',
  decide(input: SalesReviewInput): SalesReviewDecision {
    const decider = input.relayed ? `crm:${input.relayed.crmUserId}` : `key:${input.actorKeyId}`;
    const decidedBy = input.relayed ? { id: input.relayed.crmUserId, role: input.relayed.role } : null;
    const refuse = (code: string, message: string): SalesReviewDecision => ({
      outcome: 'REFUSED',
      from: input.status,
      decider,
      decidedBy,
      ruleIds: ['R-DEAL-06'],
      reasons: [message],
      unmet: [{ ruleId: 'R-DEAL-06', code, message }],
    });
    if (input.status !== PENDING_ESM && input.status !== PENDING_ASM) {
      return refuse('NOT_AWAITING_SALES_DECISION', `A ${input.status} registration awaits no sales decision`);
    }
    const step = DEAL_SALES_REVIEW[input.status];
    if (!step.reviewers.includes(input.actorRole)) {
      return refuse('REVIEWER_ROLE_NOT_ALLOWED', `${input.actorRole} cannot decide a ${input.status} registration (${step.reviewers.join('/')} only)`);
    }
    if (input.actorRole === Role.CRM_SYNC && input.relayed === null) {
      return refuse('DECIDER_REQUIRED', 'A relayed decision names the person who decided (decidedBy: CRM user ID and role)');
    }
    if (input.relayed !== null && !RELAYING.includes(input.actorRole)) {
      return refuse('DECIDER_NOT_RELAYED', `An ${input.actorRole} key decides in its own name: decidedBy is for decisions relayed from the CRM`);
    }
    if (input.relayed !== null && input.relayed.role !== step.step) {
      return refuse('DECIDER_ROLE_MISMATCH', `The ${step.step} step is decided by an ${step.step}, not an ${input.relayed.role}`);
    }
    if (input.status === PENDING_ASM && input.esmDecidedBy !== null && input.esmDecidedBy === decider) {
      return refuse('SAME_DECIDER', 'The ESM and the ASM steps of one registration are decided by different people');
    }
    const to = step.on[input.action];
    const who = input.relayed ? `${input.relayed.role} (CRM user ${input.relayed.crmUserId}, relayed by ${input.actorRole})` : input.actorRole;
    return {
      outcome: to,
      from: input.status,
      decider,
      decidedBy,
      ruleIds: ['R-DEAL-06'],
      reasons: [`${who} ${input.action === 'APPROVE' ? 'approved' : 'rejected'}: ${input.status} → ${to}`],
      unmet:
        input.action === 'REJECT' ? [{ ruleId: 'R-DEAL-06', code: `REJECTED_BY_${step.step}`, message: `The ${step.step} rejected the registration` }] : [],
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
