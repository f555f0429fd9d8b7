import { addMonths, AllowedDecision, allowedDecision, calendarQuarter, CalendarQuarter, Decision, defineRule, UnmetCondition } from '../rules/decision';
import { Role } from '../auth/role.enum';
import { OpportunityStage, isClosed } from '../crm/opportunity.enums';
import { ServiceLineKind, ServiceQualification } from './service-registration.enums';

export interface ServiceLineFact {
  kind: ServiceLineKind;
  freeOfCharge: boolean;
  /** delivered by a subcontractor of the partner */
  subcontracted: boolean;
  /** for managed/hosted services: the GitLab software is sold to or owned by the partner */
  softwareOwnedByPartner: boolean;
  proofOfExecution: boolean;
}

export interface SowFact {
  reference: string;
  fullyExecuted: boolean;
  /** written customer acknowledgement of the completed work, accepted instead in regulated industries */
  customerAcknowledgement: boolean;
  regulatedIndustry: boolean;
  /** the customer's signature (or acknowledgement) date */
  customerSignedAt: Date | null;
  submittedAt: Date | null;
  paid: boolean;
}

export interface ServiceQualificationInput {
  /** the linked opportunity, null until linked */
  opportunity: { stage: OpportunityStage; closedAt: Date | null; netArrPresent: boolean } | null;
  hasRelatedLicenseOpportunity: boolean;
  partnerHoldsPsp: boolean;
  sow: SowFact | null;
  registrationSubmittedAt: Date;
  serviceLines: ServiceLineFact[];
}

export interface ServiceQualificationResult extends Decision<ServiceQualification> {
  unmet: UnmetCondition[];
  /**
   * R-SAR-07: the first instant after `now` at which a window of R-SAR-03/05 closes and time alone
   * changes this result (its outcome or its unmet conditions); null when no window is still open.
   */
  recheckAt: Date | null;
}

export const SOW_AFTER_CLOSE_MONTHS = 6;
export const SOW_SIGNATURE_MAX_AGE_MONTHS = 6;
export const PSP_ONLY_SOW_MONTHS = 12;

const { APPROVED_REBATE_AND_PSP, ACCEPTED_PSP_ONLY, UNQUALIFIED, PENDING } = ServiceQualification;

/** "≤ N months after": `later` may fall exactly on `earlier` + N calendar months. */
function withinMonths(earlier: Date, later: Date, months: number): boolean {
  return later.getTime() <= addMonths(earlier, months).getTime();
}

function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** The first instant outside a "≤ N months" window that ends at `end`. */
function justAfter(end: Date): Date {
  return new Date(end.getTime() + 1);
}

/**
 * R-SAR-03/05: the windows in which a missing SOW can still arrive, judged by `now` only while no
 * SOW has been submitted (a submitted SOW is judged by its own dates, which never change).
 */
export interface SowWindows {
  /** R-SAR-03: the SOW is signed and submitted ≤ 6 months after the opportunity closed-won (null: not closed-won). */
  rebate: Date | null;
  /** R-SAR-05: the SOW is signed and submitted ≤ 12 months after the registration's submission. */
  pspOnly: Date;
}

export function sowWindows(input: ServiceQualificationInput): SowWindows {
  const opp = input.opportunity;
  const closedWonAt = opp !== null && opp.stage === OpportunityStage.CLOSED_WON ? opp.closedAt : null;
  return {
    rebate: closedWonAt === null ? null : addMonths(closedWonAt, SOW_AFTER_CLOSE_MONTHS),
    pspOnly: addMonths(input.registrationSubmittedAt, PSP_ONLY_SOW_MONTHS),
  };
}

function sowSubmitted(input: ServiceQualificationInput): boolean {
  return input.sow !== null && input.sow.submittedAt !== null;
}

// ---------------------------------------------------------------------------------------------
// R-SAR-04: scope

export const REBATE_SCOPE_KINDS: readonly ServiceLineKind[] = [
  ServiceLineKind.IMPLEMENTATION,
  ServiceLineKind.INTEGRATION,
  ServiceLineKind.OPTIMIZATION,
  ServiceLineKind.MIGRATION,
  ServiceLineKind.MANAGED_HOSTED,
  ServiceLineKind.SECURITY_COMPLIANCE,
  ServiceLineKind.ADOPTION,
  ServiceLineKind.ASSESSMENT,
  ServiceLineKind.TRANSFORMATION,
  ServiceLineKind.APPLICATION_DEVELOPMENT,
  ServiceLineKind.DEVSECOPS_AI,
  ServiceLineKind.SUPPORT,
  ServiceLineKind.SUCCESS_SERVICES,
];

/** R-SAR-06: kinds of engagement that qualify for nothing. */
export const UNQUALIFIED_KINDS: readonly ServiceLineKind[] = [
  ServiceLineKind.NON_GITLAB,
  ServiceLineKind.GITLAB_CE_WITHOUT_UPGRADE,
  ServiceLineKind.GITLAB_PS_SUBCONTRACTING,
  ServiceLineKind.EDUCATION_TRAINING,
];

/** R-SAR-04: why a service line is out of scope for rebates (empty when in scope). */
export const rebateScope = defineRule({
  id: 'R-SAR-04',
  description: 'Services in and out of scope for rebates',
  decide(input: { line: ServiceLineFact; label: string }): UnmetCondition[] {
    const { line, label } = input;
    const out = (code: string, why: string): UnmetCondition => ({ ruleId: 'R-SAR-04', code, message: `${label} (${line.kind}): ${why}` });
    const unmet: UnmetCondition[] = [];
    if (!REBATE_SCOPE_KINDS.includes(line.kind)) unmet.push(out('SERVICE_KIND_OUT_OF_SCOPE', 'this kind of service is out of scope for rebates'));
    if (line.freeOfCharge) unmet.push(out('SERVICE_FREE_OF_CHARGE', 'free-of-charge services are out of scope'));
    if (line.subcontracted) unmet.push(out('SERVICE_SUBCONTRACTED', 'subcontracted services are out of scope'));
    if (line.kind === ServiceLineKind.MANAGED_HOSTED && line.softwareOwnedByPartner) {
      unmet.push(out('MANAGED_SOFTWARE_OWNED_BY_PARTNER', 'managed/hosted services on software sold to or owned by the partner are out of scope'));
    }
    return unmet;
  },
});

// ---------------------------------------------------------------------------------------------
// R-SAR-03 / 05 / 06 / 07: qualification

/** R-SAR-03: every unmet condition for APPROVED_REBATE_AND_PSP (with R-SAR-04 per service line). */
function rebateUnmet(input: ServiceQualificationInput, now: Date): UnmetCondition[] {
  const unmet: UnmetCondition[] = [];
  const fail = (code: string, message: string) => unmet.push({ ruleId: 'R-SAR-03', code, message });
  const opp = input.opportunity;
  const closedWon = opp !== null && opp.stage === OpportunityStage.CLOSED_WON;
  if (!closedWon) fail('OPPORTUNITY_NOT_CLOSED_WON', `The opportunity is ${opp === null ? 'not linked' : opp.stage}, not closed-won`);
  if (!input.partnerHoldsPsp) fail('PSP_DESIGNATION_MISSING', 'The partner does not hold the PSP designation');
  const sow = input.sow;
  const rebateWindow = sowWindows(input).rebate;
  if (!sowSubmitted(input) && rebateWindow !== null && now.getTime() > rebateWindow.getTime()) {
    fail(
      'REBATE_SOW_WINDOW_CLOSED',
      `No SOW was submitted within ${SOW_AFTER_CLOSE_MONTHS} months of the opportunity's close (the window closed at ${rebateWindow.toISOString()})`,
    );
  }
  if (sow === null) {
    fail('SOW_MISSING', 'No statement of work has been provided');
  } else {
    if (!sow.fullyExecuted && !(sow.regulatedIndustry && sow.customerAcknowledgement)) {
      fail(
        'SOW_NOT_EXECUTED',
        sow.regulatedIndustry
          ? 'The SOW is not fully executed and there is no written customer acknowledgement'
          : 'The SOW is not fully executed (a customer acknowledgement is accepted only in regulated industries)',
      );
    }
    if (sow.customerSignedAt === null) fail('SOW_NOT_SIGNED', 'The SOW has no customer signature date');
    if (sow.submittedAt === null) fail('SOW_NOT_SUBMITTED', 'The SOW has not been submitted');
    // Decision: only the upper bound counts — a SOW signed or submitted before the close is in time.
    const closedAt = closedWon ? opp.closedAt : null;
    if (closedAt !== null) {
      const late = [sow.customerSignedAt, sow.submittedAt].some((at) => at !== null && !withinMonths(closedAt, at, SOW_AFTER_CLOSE_MONTHS));
      if (late) fail('SOW_AFTER_CLOSE_WINDOW', `The SOW was signed or submitted more than ${SOW_AFTER_CLOSE_MONTHS} months after the opportunity closed`);
    }
    // Decision: the signature is a calendar day, so the submission's day is what counts against it, not its hour.
    if (
      sow.customerSignedAt !== null &&
      sow.submittedAt !== null &&
      !withinMonths(sow.customerSignedAt, startOfUtcDay(sow.submittedAt), SOW_SIGNATURE_MAX_AGE_MONTHS)
    ) {
      fail('SOW_SIGNATURE_TOO_OLD', `The customer signed the SOW more than ${SOW_SIGNATURE_MAX_AGE_MONTHS} months before it was submitted`);
    }
  }
  if (input.serviceLines.length === 0) fail('NO_SERVICE_LINES', 'The registration lists no services');
  input.serviceLines.forEach((line, i) => unmet.push(...rebateScope.decide({ line, label: `Service ${i + 1}` }, now)));
  return unmet;
}

/**
 * R-SAR-05, paid engagement: what it lacks beyond the closed-won opportunity and the SOW's presence
 * and signature, which R-SAR-03 already lists (so a condition is never listed twice).
 */
function paidEngagementUnmet(input: ServiceQualificationInput, now: Date): UnmetCondition[] {
  const unmet: UnmetCondition[] = [];
  const fail = (code: string, message: string) => unmet.push({ ruleId: 'R-SAR-05', code, message });
  const window = sowWindows(input).pspOnly;
  const sow = input.sow;
  if (!sowSubmitted(input)) {
    if (now.getTime() > window.getTime()) {
      fail(
        'PSP_ONLY_SOW_WINDOW_CLOSED',
        `No SOW was submitted within ${PSP_ONLY_SOW_MONTHS} months of the registration (the window closed at ${window.toISOString()})`,
      );
    }
  } else if ([sow?.customerSignedAt, sow?.submittedAt].some((at) => at != null && at.getTime() > window.getTime())) {
    fail('SOW_AFTER_PSP_ONLY_WINDOW', `The SOW was signed or submitted more than ${PSP_ONLY_SOW_MONTHS} months after the registration`);
  }
  if (sow !== null && !sow.paid) fail('ENGAGEMENT_NOT_PAID', 'The engagement is not a paid one');
  if (input.opportunity !== null && !input.opportunity.netArrPresent) fail('NO_NET_ARR', 'The opportunity has no net ARR');
  return unmet;
}

/** R-SAR-05: the first basis that accepts the registration for PSP compliance only, or null. */
function pspOnlyBasis(input: ServiceQualificationInput, now: Date): string | null {
  const closedWon = input.opportunity?.stage === OpportunityStage.CLOSED_WON;
  const sow = input.sow;
  if (sow !== null && closedWon && sow.customerSignedAt !== null && sow.submittedAt !== null && paidEngagementUnmet(input, now).length === 0) {
    return `Paid engagement with the SOW signed and submitted within ${PSP_ONLY_SOW_MONTHS} months of registration and a closed-won net-ARR opportunity`;
  }
  if (input.serviceLines.some((l) => l.freeOfCharge && !l.subcontracted && l.proofOfExecution && !UNQUALIFIED_KINDS.includes(l.kind))) {
    return 'Free-of-charge partner-led services with proof of execution';
  }
  if (closedWon && input.serviceLines.some((l) => l.kind === ServiceLineKind.MANAGED_HOSTED && l.softwareOwnedByPartner)) {
    return 'Closed-won managed/hosted service deal with software owned by the partner';
  }
  return null;
}

const UNQUALIFIED_KIND_MESSAGES: Partial<Record<ServiceLineKind, string>> = {
  [ServiceLineKind.NON_GITLAB]: 'Non-GitLab services',
  [ServiceLineKind.GITLAB_CE_WITHOUT_UPGRADE]: 'GitLab CE services without an upgrade opportunity',
  [ServiceLineKind.GITLAB_PS_SUBCONTRACTING]: 'GitLab professional services subcontracting',
  [ServiceLineKind.EDUCATION_TRAINING]: 'Education/training only',
};

/**
 * R-SAR-06. Decision: the service kinds disqualify the registration only when every service line is of
 * such a kind ("education/training only"); a mix with GitLab services falls to R-SAR-03/05 instead.
 */
function unqualifiedReasons(input: ServiceQualificationInput): UnmetCondition[] {
  const unmet: UnmetCondition[] = [];
  if (!input.hasRelatedLicenseOpportunity) {
    unmet.push({ ruleId: 'R-SAR-06', code: 'NO_RELATED_LICENSE_OPPORTUNITY', message: 'The engagement has no related license opportunity' });
  }
  const lines = input.serviceLines;
  if (lines.length > 0 && lines.every((l) => UNQUALIFIED_KINDS.includes(l.kind))) {
    for (const kind of new Set(lines.map((l) => l.kind))) {
      unmet.push({ ruleId: 'R-SAR-06', code: `UNQUALIFIED_${kind}`, message: `${UNQUALIFIED_KIND_MESSAGES[kind]}: no rebate or PSP credit` });
    }
  }
  return unmet;
}

/**
 * R-SAR-03/04/05/06, reported per R-SAR-07: R-SAR-06 disqualifies first, then R-SAR-03, then R-SAR-05.
 * Decision: when none applies the result is PENDING while the facts can still change the outcome (the
 * opportunity is open or unlinked, or it closed-won and a SOW may still arrive in time: within 6 months
 * of the close for the rebate or within 12 months of the registration for PSP credit, whichever ends
 * later) and UNQUALIFIED otherwise.
 */
function qualificationAt(input: ServiceQualificationInput, now: Date): Omit<ServiceQualificationResult, 'recheckAt'> {
  const disqualified = unqualifiedReasons(input);
  const rebate = rebateUnmet(input, now);
  if (disqualified.length > 0) {
    return { outcome: UNQUALIFIED, ruleIds: ['R-SAR-06', 'R-SAR-07'], reasons: disqualified.map((u) => u.message), unmet: [...disqualified, ...rebate] };
  }
  if (rebate.length === 0) {
    return {
      outcome: APPROVED_REBATE_AND_PSP,
      ruleIds: ['R-SAR-03', 'R-SAR-04', 'R-SAR-07'],
      reasons: ['Meets every condition for the rebate and PSP credit'],
      unmet: [],
    };
  }
  const basis = pspOnlyBasis(input, now);
  if (basis !== null) {
    return { outcome: ACCEPTED_PSP_ONLY, ruleIds: ['R-SAR-05', 'R-SAR-03', 'R-SAR-07'], reasons: [basis, ...rebate.map((u) => u.message)], unmet: rebate };
  }
  const unmet = [...rebate, ...paidEngagementUnmet(input, now)];
  const opportunityOpen = input.opportunity === null || !isClosed(input.opportunity.stage);
  const windows = sowWindows(input);
  const lastWindow = Math.max(windows.pspOnly.getTime(), windows.rebate?.getTime() ?? 0);
  const sowAwaited = input.opportunity?.stage === OpportunityStage.CLOSED_WON && !sowSubmitted(input) && now.getTime() <= lastWindow;
  const outcome = opportunityOpen || sowAwaited ? PENDING : UNQUALIFIED;
  const headline = outcome === PENDING ? 'Not qualified yet: waiting for the opportunity to close or the SOW' : 'Meets neither R-SAR-03 nor R-SAR-05';
  return { outcome, ruleIds: ['R-SAR-03', 'R-SAR-05', 'R-SAR-07'], reasons: [headline, ...unmet.map((u) => u.message)], unmet };
}

function sameResult(a: Omit<ServiceQualificationResult, 'recheckAt'>, b: Omit<ServiceQualificationResult, 'recheckAt'>): boolean {
  const key = (r: Omit<ServiceQualificationResult, 'recheckAt'>) => JSON.stringify([r.outcome, r.ruleIds, r.unmet.map((u) => `${u.ruleId}:${u.code}`)]);
  return key(a) === key(b);
}

/**
 * R-SAR-07, windows that close with time: the result only depends on `now` through the R-SAR-03/05
 * windows for a SOW not yet submitted, so it is constant between their ends. `recheckAt` is the first
 * window end after `now` at which the result (outcome or unmet conditions) differs, e.g. the instant a
 * PENDING registration lapses to UNQUALIFIED. An R-SAR-06 disqualification is final: no recheck.
 */
export const serviceQualification = defineRule({
  id: 'R-SAR-07',
  description: 'Service attached registration qualification with every unmet condition',
  decide(input: ServiceQualificationInput, now: Date): ServiceQualificationResult {
    const result = qualificationAt(input, now);
    if (sowSubmitted(input) || result.ruleIds.includes('R-SAR-06')) return { ...result, recheckAt: null };
    const { rebate, pspOnly } = sowWindows(input);
    const closes = [rebate, pspOnly]
      .flatMap((end) => (end === null ? [] : [justAfter(end)]))
      .filter((at) => at.getTime() > now.getTime())
      .sort((a, b) => a.getTime() - b.getTime());
    return { ...result, recheckAt: closes.find((at) => !sameResult(qualificationAt(input, at), result)) ?? null };
  },
});

// ---------------------------------------------------------------------------------------------
// R-SAR-01: one qualifying registration per opportunity

/** R-SAR-01: the qualifications that count as "qualifies" (one per opportunity). */
export const QUALIFYING: readonly ServiceQualification[] = [APPROVED_REBATE_AND_PSP, ACCEPTED_PSP_ONLY];

/**
 * R-SAR-01: applied to a computed qualification, given the stored qualifications of the other
 * registrations for the same opportunity. Decision: "qualifies" means APPROVED_REBATE_AND_PSP or
 * ACCEPTED_PSP_ONLY; the registration that qualified first keeps it, so services recompute competing
 * registrations in order of receipt.
 */
export const onePerOpportunity = defineRule({
  id: 'R-SAR-01',
  description: 'At most one service attached registration qualifies per opportunity',
  decide(input: { result: ServiceQualificationResult; others: { id: string; qualification: ServiceQualification }[] }): ServiceQualificationResult {
    const holder = input.others.find((o) => QUALIFYING.includes(o.qualification));
    if (holder === undefined || input.result.outcome === UNQUALIFIED) return input.result;
    const unmet: UnmetCondition = {
      ruleId: 'R-SAR-01',
      code: 'ANOTHER_REGISTRATION_QUALIFIES',
      message: `Registration ${holder.id} already qualifies for this opportunity (${holder.qualification})`,
    };
    return {
      outcome: UNQUALIFIED,
      ruleIds: ['R-SAR-01', ...input.result.ruleIds],
      reasons: [unmet.message],
      unmet: [unmet, ...input.result.unmet],
      // Its own windows still change what it would qualify for on its own.
      recheckAt: input.result.recheckAt,
    };
  },
});

// ---------------------------------------------------------------------------------------------
// R-SAR-02: one registration per SOW

/** SOW references compare trimmed and case-insensitively, so "sow-12 " and "SOW-12" are one SOW. */
export function normalizeSowReference(reference: string): string {
  return reference.trim().toUpperCase();
}

export interface SowReuseInput {
  /** ids of the other registrations backed by the same (normalized) SOW reference */
  otherRegistrationIds: string[];
  multiPhaseException: { grantedByRole: Role; reason: string } | null;
}

export const SOW_EXCEPTION_GRANTORS: readonly Role[] = [Role.ECOSYSTEM_OPS, Role.ADMIN];

/** R-SAR-02: a multi-phase exception counts only when Ecosystem Ops granted it, with a reason. */
export const multiPhaseExceptionGrant = defineRule({
  id: 'R-SAR-02',
  description: 'A multi-phase exception is granted by Ecosystem Ops with a reason',
  decide(input: { grantedByRole: Role; reason: string }): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    if (!SOW_EXCEPTION_GRANTORS.includes(input.grantedByRole)) {
      unmet.push({
        ruleId: 'R-SAR-02',
        code: 'EXCEPTION_GRANTOR_NOT_ECOSYSTEM_OPS',
        message: `Only Ecosystem Ops may grant a multi-phase exception, not ${input.grantedByRole}`,
      });
    }
    if (input.reason.trim() === '') unmet.push({ ruleId: 'R-SAR-02', code: 'EXCEPTION_REASON_MISSING', message: 'A multi-phase exception needs a reason' });
    return allowedDecision(['R-SAR-02'], unmet, `Multi-phase exception: ${input.reason.trim()}`);
  },
});

/** R-SAR-02: a SOW backs at most one registration unless Ecosystem Ops granted a multi-phase exception with a reason. */
export const sowReuse = defineRule({
  id: 'R-SAR-02',
  description: 'A statement of work backs at most one registration',
  decide(input: SowReuseInput, now: Date): AllowedDecision {
    const exception = input.multiPhaseException;
    const validException = exception !== null && multiPhaseExceptionGrant.decide(exception, now).outcome === 'ALLOWED';
    const unmet: UnmetCondition[] =
      input.otherRegistrationIds.length === 0 || validException
        ? []
        : [
            {
              ruleId: 'R-SAR-02',
              code: 'SOW_ALREADY_USED',
              message: `The SOW already backs registration ${input.otherRegistrationIds.join(', ')}${exception === null ? '' : ' (the exception needs Ecosystem Ops and a reason)'}`,
            },
          ];
    const metReason = input.otherRegistrationIds.length === 0 ? 'The SOW backs no other registration' : `Multi-phase exception: ${exception?.reason}`;
    return allowedDecision(['R-SAR-02'], unmet, metReason);
  },
});

// ---------------------------------------------------------------------------------------------
// R-SAR-07: rebate periods

/** R-SAR-07: rebates are reported for the calendar quarter in which the registration qualified for them. */
export function rebateQuarter(qualifiedAt: Date): CalendarQuarter {
  return calendarQuarter(qualifiedAt);
}

/** R-SAR-07: the calendar quarter named like '2026-Q2', or null when the label is not one. */
export function rebateQuarterNamed(label: string): CalendarQuarter | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(label.trim());
  return match ? calendarQuarter(new Date(Date.UTC(Number(match[1]), (Number(match[2]) - 1) * 3, 1))) : null;
}
