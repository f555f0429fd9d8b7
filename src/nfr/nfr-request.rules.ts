import {
  addDays,
  addMonths,
  AllowedDecision,
  allowedDecision,
  CheckedDecision,
  Decision,
  defineRule,
  eligibilityDecision,
  EligibilityOutcome,
  UnmetCondition,
  isoDate,
} from '../rules/decision';
import { Role } from '../auth/role.enum';
import type { ActorKind } from '../rules/state-machine';
import { nfrLicenseMachine } from './nfr.machine';
import { CertificationKind } from '../people/person.enums';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from '../partners/partner.enums';
import { CertificationFact, countCurrentHolders } from '../partners/partner.rules';
import { AgreementFacts, signedAgreement } from '../partners/partner-lifecycle.rules';
import { NfrAllocationInput, NfrLicenseFact, countsAgainstCap, nfrAllocation } from './nfr-allocation.rules';
import { NfrLicenseStatus, NfrProduct, NfrUse } from './nfr.enums';

const { PENDING_APPROVAL, APPROVED, REVOKED, EXPIRED } = NfrLicenseStatus;

export type NfrRequestOutcome = NfrLicenseStatus.APPROVED | NfrLicenseStatus.PENDING_APPROVAL | 'REFUSED';

export interface NfrRequestDecision extends Decision<NfrRequestOutcome> {
  unmet: UnmetCondition[];
}

function refused(ruleIds: string[], unmet: UnmetCondition[]): NfrRequestDecision {
  return { outcome: 'REFUSED', ruleIds, reasons: unmet.map((u) => u.message), unmet };
}

function invalidSeats(seats: number, ruleId: string): UnmetCondition[] {
  return Number.isInteger(seats) && seats >= 1 ? [] : [{ ruleId, code: 'INVALID_SEATS', message: `Seats must be a whole number of at least 1, got ${seats}` }];
}

// ---------------------------------------------------------------------------------------------
// R-NFR-04: uses

export const PERMITTED_NFR_USES: readonly NfrUse[] = [NfrUse.INTERNAL_TRAINING, NfrUse.INTEGRATION_TESTING, NfrUse.PARTNER_DEMOS];

/** R-NFR-04. Decision: a request must declare at least one use, so that it can be judged at all. */
export const nfrUses = defineRule({
  id: 'R-NFR-04',
  description: 'Permitted and prohibited uses of NFR licenses',
  decide(input: { uses: NfrUse[] }): AllowedDecision {
    const unmet: UnmetCondition[] = input.uses
      .filter((use) => !PERMITTED_NFR_USES.includes(use))
      .map((use) => ({ ruleId: 'R-NFR-04', code: `PROHIBITED_USE_${use}`, message: `${use} is a prohibited use of NFR licenses` }));
    if (input.uses.length === 0) unmet.push({ ruleId: 'R-NFR-04', code: 'NO_USE_DECLARED', message: 'The request declares no intended use' });
    return allowedDecision(['R-NFR-04'], unmet, `Permitted uses: ${input.uses.join(', ')}`);
  },
});

// ---------------------------------------------------------------------------------------------
// R-NFR-01 / R-NFR-03: channel partners

export interface ChannelNfrEligibilityInput {
  category: PartnerCategory;
  track: PartnerTrack | null;
  /** R-PTR-06 */
  inGoodStanding: boolean;
  certifications: CertificationFact[];
}

/** R-NFR-01: an Open or Select partner in good standing with ≥ 1 current SA or PSE. */
export const channelNfrEligibility = defineRule({
  id: 'R-NFR-01',
  description: 'Channel partner eligibility for NFR licenses',
  decide(input: ChannelNfrEligibilityInput, now: Date): CheckedDecision<EligibilityOutcome> {
    const unmet: UnmetCondition[] = [];
    if (input.category !== PartnerCategory.CHANNEL || input.track === null) {
      unmet.push({ ruleId: 'R-NFR-01', code: 'NOT_OPEN_OR_SELECT_PARTNER', message: 'Only Open or Select channel partners request channel NFR licenses' });
    }
    if (!input.inGoodStanding) unmet.push({ ruleId: 'R-NFR-01', code: 'NOT_IN_GOOD_STANDING', message: 'The partner is not in good standing' });
    const holders = countCurrentHolders(input.certifications, [CertificationKind.SOLUTIONS_ARCHITECT, CertificationKind.PROFESSIONAL_SERVICES_ENGINEER], now);
    if (holders < 1) {
      unmet.push({
        ruleId: 'R-NFR-01',
        code: 'SA_OR_PSE_MISSING',
        required: 1,
        actual: holders,
        message: 'At least one person needs a current Solutions Architect or Professional Services Engineer certification',
      });
    }
    return eligibilityDecision(['R-NFR-01', 'R-PTR-05'], unmet, 'Open or Select partner in good standing with a certified SA or PSE');
  },
});

export interface NfrCapInput {
  allocation: NfrAllocationInput;
  product: NfrProduct;
  seats: number;
  businessJustification: string | null;
}

export interface NfrCapDecision extends NfrRequestDecision {
  cap: number;
  used: number;
}

/** R-NFR-03 on the caps of R-NFR-02: within the cap → APPROVED; above with a justification → PENDING_APPROVAL; else refused. */
export const nfrCap = defineRule({
  id: 'R-NFR-03',
  description: 'Requests within the seat cap are approved automatically',
  decide(input: NfrCapInput, now: Date): NfrCapDecision {
    const { cap, used, remaining } = nfrAllocation.decide(input.allocation, now).find((a) => a.product === input.product) ?? { cap: 0, used: 0, remaining: 0 };
    const ruleIds = ['R-NFR-03', 'R-NFR-02'];
    const bad = invalidSeats(input.seats, 'R-NFR-03');
    if (bad.length > 0) return { ...refused(ruleIds, bad), cap, used };
    const usage = `${used} + ${input.seats} of ${cap} ${input.product} seats`;
    if (input.seats <= remaining) return { outcome: APPROVED, ruleIds, reasons: [`Within the cap: ${usage}`], unmet: [], cap, used };
    const overCap: UnmetCondition = {
      ruleId: 'R-NFR-03',
      code: 'SEAT_CAP_EXCEEDED',
      message: `Above the cap: ${usage}`,
      required: cap,
      actual: used + input.seats,
    };
    if (input.businessJustification !== null && input.businessJustification.trim() !== '') {
      return {
        outcome: PENDING_APPROVAL,
        ruleIds,
        reasons: [overCap.message, 'A business justification was given: Ecosystem Ops decides'],
        unmet: [overCap],
        cap,
        used,
      };
    }
    return { ...refused(ruleIds, [{ ...overCap, message: `${overCap.message}, without a business justification` }]), cap, used };
  },
});

export type ChannelNfrRequestInput = ChannelNfrEligibilityInput &
  Omit<NfrCapInput, 'allocation'> & {
    awsDevOpsCompetency: boolean;
    licenses: NfrLicenseFact[];
    uses: NfrUse[];
  };

/** A channel partner's request: R-NFR-01 and R-NFR-04 must hold, then R-NFR-03 decides. */
export const channelNfrRequest = defineRule({
  id: 'R-NFR-03',
  description: 'Channel NFR request: eligibility, uses, then the cap',
  decide(input: ChannelNfrRequestInput, now: Date): NfrRequestDecision {
    const eligibility = channelNfrEligibility.decide(input, now);
    const uses = nfrUses.decide(input, now);
    const unmet = [...eligibility.unmet, ...uses.unmet];
    if (unmet.length > 0) return refused([...new Set(unmet.map((u) => u.ruleId))], unmet);
    const allocation = { track: input.track, awsDevOpsCompetency: input.awsDevOpsCompetency, licenses: input.licenses };
    const decision = nfrCap.decide({ ...input, allocation }, now);
    return { ...decision, ruleIds: [...decision.ruleIds, 'R-NFR-01', 'R-NFR-04'] };
  },
});

// ---------------------------------------------------------------------------------------------
// R-NFR-05: provisioning

export const NFR_PROVISIONING_BUSINESS_DAYS = 2;

/** Adds whole business days (Mon–Fri, UTC), keeping the time of day; a weekend start counts from Monday. */
export function addBusinessDays(at: Date, days: number): Date {
  let result = at;
  let remaining = days;
  while (remaining > 0) {
    result = addDays(result, 1);
    const weekday = result.getUTCDay();
    if (weekday !== 0 && weekday !== 6) remaining -= 1;
  }
  return result;
}

/** R-NFR-05: provisioning is due two business days after approval. */
export const nfrProvisioningDue = defineRule({
  id: 'R-NFR-05',
  description: 'Provisioning is due two business days after approval',
  decide(input: { approvedAt: Date }): Date {
    return addBusinessDays(input.approvedAt, NFR_PROVISIONING_BUSINESS_DAYS);
  },
});

export interface NfrLicenseTerm {
  /** calendar dates (UTC), as stored */
  provisioningDueOn: string;
  startsOn: string;
  /** the last day the license runs (inclusive) */
  endsOn: string;
}

/**
 * R-NFR-05 with the 12-month term of R-NFR-06. Decision: the term starts on the provisioning due
 * date (the license cannot be used before) and runs 12 months, through the day before the
 * anniversary. Decision: channel licenses get the same 12-month term, RULES.md names none.
 */
export function nfrLicenseTerm(approvedAt: Date): NfrLicenseTerm {
  const due = nfrProvisioningDue.decide({ approvedAt }, approvedAt);
  const startsOn = isoDate(due);
  const anniversary = allianceNfrEndsOn(new Date(`${startsOn}T00:00:00Z`));
  return { provisioningDueOn: startsOn, startsOn, endsOn: isoDate(addDays(anniversary, -1)) };
}

/** The instant a license stops counting: it runs through its end date, UTC (as Partner.nfrAllocation reads it). */
export function nfrLicenseEndsAt(endsOn: string | null): Date | null {
  return endsOn === null ? null : new Date(`${endsOn}T23:59:59.999Z`);
}

// ---------------------------------------------------------------------------------------------
// R-NFR-06: alliance partners

export const ALLIANCE_NFR_TERM_MONTHS = 12;
export const ALLIANCE_NFR_DEFAULT_SEATS = 5;
export const ALLIANCE_NFR_SEATS_WITHOUT_APPROVAL = 10;
export const ALLIANCE_NFR_PRODUCTS: readonly NfrProduct[] = [NfrProduct.ULTIMATE_SAAS, NfrProduct.ULTIMATE_SELF_MANAGED];

export function allianceNfrEndsOn(startsOn: Date): Date {
  return addMonths(startsOn, ALLIANCE_NFR_TERM_MONTHS);
}

export interface AllianceNfrRequestInput extends AgreementFacts {
  /** R-PTR-06: only an ACTIVE partner counts as registered */
  status: PartnerLifecycleStatus;
  product: NfrProduct;
  /** null = unspecified, defaults to 5 */
  seats: number | null;
  uses: NfrUse[];
  /** the partner's existing NFR licenses */
  licenses: NfrLicenseFact[];
}

export interface AllianceNfrDecision extends NfrRequestDecision {
  seats: number;
  /** the end of the 12-month term if approved now; recompute from the approval date when approved later */
  endsOn: Date;
}

/**
 * R-NFR-06. Decision: the 10-user limit is per partner and product, summed over its active licenses
 * (as the channel caps of R-NFR-02), so it cannot be bypassed with several requests.
 * Decision: "registered technology partner" = an ACTIVE alliance partner that signed the technology
 * partner agreement; an applied, suspended or terminated partner gets no licenses.
 */
export const allianceNfrRequest = defineRule({
  id: 'R-NFR-06',
  description: 'Alliance partner NFR licenses: technology partners, 12 months, up to 10 users without approval',
  decide(input: AllianceNfrRequestInput, now: Date): AllianceNfrDecision {
    const seats = input.seats ?? ALLIANCE_NFR_DEFAULT_SEATS;
    const endsOn = allianceNfrEndsOn(now);
    const unmet: UnmetCondition[] = [];
    if (input.category !== PartnerCategory.ALLIANCE) {
      unmet.push({ ruleId: 'R-NFR-06', code: 'NOT_ALLIANCE_PARTNER', message: 'Only alliance partners request technology partner NFR licenses' });
    }
    if (input.status !== PartnerLifecycleStatus.ACTIVE) {
      unmet.push({ ruleId: 'R-NFR-06', code: 'PARTNER_NOT_ACTIVE', message: `The partner is ${input.status}, not an ACTIVE registered technology partner` });
    }
    unmet.push(...signedAgreement.decide(input, now).unmet);
    if (!ALLIANCE_NFR_PRODUCTS.includes(input.product)) {
      unmet.push({
        ruleId: 'R-NFR-06',
        code: 'PRODUCT_NOT_AVAILABLE',
        message: `Alliance NFR licenses are for GitLab SaaS or Self-Managed, not ${input.product}`,
      });
    }
    unmet.push(...invalidSeats(seats, 'R-NFR-06'), ...nfrUses.decide(input, now).unmet);
    const ruleIds = ['R-NFR-06', 'R-PTR-08', 'R-NFR-04'];
    if (unmet.length > 0) return { ...refused(ruleIds, unmet), seats, endsOn };
    const used = input.licenses.filter((l) => l.product === input.product && countsAgainstCap(l, now)).reduce((sum, l) => sum + l.seats, 0);
    const usage = `${used} + ${seats} ${input.product} users (${input.seats === null ? 'default' : 'requested'}), ${ALLIANCE_NFR_TERM_MONTHS}-month term`;
    if (used + seats <= ALLIANCE_NFR_SEATS_WITHOUT_APPROVAL) {
      return {
        outcome: APPROVED,
        ruleIds,
        reasons: [`Up to ${ALLIANCE_NFR_SEATS_WITHOUT_APPROVAL} users need no approval: ${usage}`],
        unmet: [],
        seats,
        endsOn,
      };
    }
    return {
      outcome: PENDING_APPROVAL,
      ruleIds,
      seats,
      endsOn,
      unmet: [],
      reasons: [`More than ${ALLIANCE_NFR_SEATS_WITHOUT_APPROVAL} users needs Ecosystem Ops approval: ${usage}`],
    };
  },
});

// ---------------------------------------------------------------------------------------------
// R-NFR-07: audit and expiry; license transitions

export type NfrAuditAction = { kind: 'REDUCE_SEATS'; seats: number } | { kind: 'REVOKE' };

export const NFR_AUDITORS: readonly Role[] = [Role.ECOSYSTEM_OPS, Role.ADMIN];

export interface NfrAuditDecision extends CheckedDecision<NfrLicenseStatus.APPROVED | NfrLicenseStatus.REVOKED | 'REFUSED'> {
  seats: number;
}

/** R-NFR-07: Ecosystem Ops reduces the seats of an active license (to at least 1) or revokes it. */
export const nfrAudit = defineRule({
  id: 'R-NFR-07',
  description: 'Ecosystem Ops may audit NFR licenses: reduce seats or revoke',
  decide(input: { actorRole: Role; license: { status: NfrLicenseStatus; seats: number }; action: NfrAuditAction }): NfrAuditDecision {
    const { license, action } = input;
    const refuse = (code: string, reason: string): NfrAuditDecision => ({
      outcome: 'REFUSED',
      seats: license.seats,
      ruleIds: ['R-NFR-07'],
      reasons: [reason],
      unmet: [{ ruleId: 'R-NFR-07', code, message: reason }],
    });
    if (!NFR_AUDITORS.includes(input.actorRole)) return refuse('NOT_AN_AUDITOR', `${input.actorRole} cannot audit NFR licenses (Ecosystem Ops only)`);
    if (license.status !== APPROVED) return refuse('LICENSE_NOT_ACTIVE', `Only an active (APPROVED) license can be audited, this one is ${license.status}`);
    if (action.kind === 'REVOKE') return { outcome: REVOKED, seats: license.seats, ruleIds: ['R-NFR-07'], reasons: ['Revoked by audit'], unmet: [] };
    if (!Number.isInteger(action.seats) || action.seats < 1 || action.seats >= license.seats) {
      return refuse('INVALID_SEATS', `Seats can only be reduced, to a whole number from 1 to ${license.seats - 1}; got ${action.seats}`);
    }
    return {
      outcome: APPROVED,
      seats: action.seats,
      ruleIds: ['R-NFR-07'],
      reasons: [`Seats reduced by audit from ${license.seats} to ${action.seats}`],
      unmet: [],
    };
  },
});

/** R-NFR-07 timer: an active license past its end date expires (and, per countsAgainstCap, stops counting). */
export const nfrExpiry = defineRule({
  id: 'R-NFR-07',
  description: 'An NFR license past its end date expires',
  decide(input: { status: NfrLicenseStatus; endsOn: Date | null }, now: Date): Decision<NfrLicenseStatus.EXPIRED | 'NO_CHANGE'> {
    if (input.status === APPROVED && input.endsOn !== null && now.getTime() >= input.endsOn.getTime()) {
      return { outcome: EXPIRED, ruleIds: ['R-NFR-07'], reasons: [`Ended ${input.endsOn.toISOString()}`] };
    }
    return {
      outcome: 'NO_CHANGE',
      ruleIds: ['R-NFR-07'],
      reasons: [input.status === APPROVED ? 'Not past its end date' : `A ${input.status} license does not expire`],
    };
  },
});

export const nfrLicenseTransition = defineRule({
  id: 'R-NFR-07',
  description: 'NFR license status transitions',
  decide(input: { from: NfrLicenseStatus | null; to: NfrLicenseStatus; actorRole: ActorKind }): AllowedDecision {
    const edge = nfrLicenseMachine.edge(input.from, input.to);
    const label = `${input.from ?? 'request'} → ${input.to}`;
    const unmet: UnmetCondition[] = [];
    if (!edge) unmet.push({ ruleId: 'R-NFR-07', code: 'TRANSITION_NOT_ALLOWED', message: `An NFR license cannot go ${label}` });
    else if (input.actorRole !== Role.ADMIN && !edge.by.includes(input.actorRole))
      unmet.push({ ruleId: edge.ruleIds[0] ?? 'R-NFR-07', code: 'ACTOR_NOT_ALLOWED', message: `${input.actorRole} cannot make ${label}` });
    return allowedDecision(edge ? [...edge.ruleIds] : ['R-NFR-07'], unmet, label);
  },
});
