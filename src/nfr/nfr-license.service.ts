import type { EntityManager } from 'typeorm';
import { actingPartnerId } from '../access/acting';
import { MutationResult, runMutation } from '../common/mutation';
import { checkVersion, idFromInput } from '../common/mutation-guards';
import { Refusal, UserErrorCode, refuse, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import type { UnitOfWork } from '../db/unit-of-work';
import type { Actor } from '../events/outbox';
import { NFR_DECIDERS, REQUESTERS, nfrLicenseMachine } from './nfr.machine';
import { Partner } from '../partners/partner.entity';
import { PartnerCategory } from '../partners/partner.enums';
import { goodStanding, trackCompliance, trackComplianceInputOf } from '../partners/partner.rules';
import { certificationFactsOf } from '../partners/certification-facts';
import { Decision, UnmetCondition } from '../rules/decision';
import { NfrLicenseFact } from './nfr-allocation.rules';
import { NfrLicense } from './nfr-license.entity';
import {
  NfrAuditAction,
  NfrRequestDecision,
  allianceNfrRequest,
  channelNfrRequest,
  nfrAudit,
  nfrExpiry,
  nfrLicenseEndsAt,
  nfrLicenseTerm,
  nfrLicenseTransition,
} from './nfr-request.rules';
import { NfrLicenseStatus } from './nfr.enums';
import { AuditNfrLicenseInput, DecideNfrLicenseInput, NfrAuditActionKind, NfrLicenseDecisionValue, RequestNfrLicenseInput } from './nfr.inputs';

const ENTITY = 'NfrLicense';
const { PENDING_APPROVAL, APPROVED, DENIED, EXPIRED } = NfrLicenseStatus;

/**
 * A partner's request: channel partners by R-NFR-01/04 and the caps of R-NFR-02/03, alliance
 * partners by R-NFR-06. Within the cap it is approved at once (R-NFR-05 dates), above it waits for
 * Ecosystem Ops, or is refused.
 */
export function requestNfrLicense(ctx: RequestContext, input: RequestNfrLicenseInput): Promise<MutationResult<NfrLicense>> {
  return runMutation(ctx, { operation: 'requestNfrLicense', roles: REQUESTERS, input, idempotencyKey: input.idempotencyKey }, async (uow) => {
    const { em, now } = uow;
    // The partner row lock serializes its requests: two cannot both fit under the same remaining cap.
    const partner = await partnerForRequest(uow, input.partnerId);
    const licenses = await licenseFactsOf(em, partner.id);
    const uses = [...new Set(input.uses)];
    const businessJustification = input.businessJustification?.trim() || null;

    let decision: NfrRequestDecision;
    let seats: number;
    if (partner.category === PartnerCategory.ALLIANCE) {
      const alliance = allianceNfrRequest.decide(
        {
          category: partner.category,
          status: partner.status,
          agreementKind: partner.agreementKind,
          agreementSignedAt: partner.agreementSignedAt,
          product: input.product,
          seats: input.seats ?? null,
          uses,
          licenses,
        },
        now,
      );
      decision = alliance;
      seats = alliance.seats;
    } else {
      if (input.seats === null || input.seats === undefined) {
        refuse(UserErrorCode.VALIDATION_FAILED, 'seats is required; only alliance partners get a default (R-NFR-06)', { field: ['input', 'seats'] });
      }
      seats = input.seats;
      const standing = await goodStandingOf(em, partner, now);
      decision = channelNfrRequest.decide(
        {
          category: partner.category,
          track: partner.track,
          inGoodStanding: standing.outcome === 'IN_GOOD_STANDING',
          certifications: standing.certifications,
          awsDevOpsCompetency: partner.awsDevOpsCompetency,
          licenses,
          product: input.product,
          seats,
          businessJustification,
          uses,
        },
        now,
      );
      decision = {
        ...decision,
        unmet: decision.unmet.map((u) => (u.code === 'NOT_IN_GOOD_STANDING' ? { ...u, message: `${u.message}: ${standing.reasons.join('; ')}` } : u)),
      };
    }
    if (decision.outcome === 'REFUSED') {
      throw new Refusal(
        decision.unmet.map((u) => userError(UserErrorCode.RULE_VIOLATION, u.message, { field: requestFieldOf(u), ruleIds: [u.ruleId], ruleCode: u.code })),
      );
    }

    const license = em.create(NfrLicense, {
      partnerId: partner.id,
      product: input.product,
      seats,
      uses,
      businessJustification,
      status: PENDING_APPROVAL,
      requestedAt: now,
      approvedAt: null,
      provisioningDueOn: null,
      startsOn: null,
      endsOn: null,
      portalExternalId: input.portalExternalId ?? null,
    });
    if (decision.outcome === APPROVED) return approveLicense(uow, license, null, decision);
    await em.save(license);
    await recordNfrTransition(uow, license, null, decision);
    return license;
  });
}

/** Ecosystem Ops approves or denies a request above the cap (R-NFR-03) or above 10 alliance users (R-NFR-06). */
export function decideNfrLicense(ctx: RequestContext, input: DecideNfrLicenseInput): Promise<MutationResult<NfrLicense>> {
  return runMutation(ctx, { operation: 'decideNfrLicense', roles: NFR_DECIDERS, input }, async (uow) => {
    const { em, now } = uow;
    const { license, partner } = await lockLicense(em, input.id);
    checkVersion(license, input.expectedVersion);
    const from = license.status;
    const to = input.decision === NfrLicenseDecisionValue.APPROVE ? APPROVED : DENIED;
    checkTransition(ctx.principal, from, to, now);
    const decision: Decision<string> = {
      outcome: to,
      ruleIds: partner.category === PartnerCategory.ALLIANCE ? ['R-NFR-06'] : ['R-NFR-03', 'R-NFR-02'],
      reasons: [to === APPROVED ? 'Approved by Ecosystem Ops' : 'Denied by Ecosystem Ops', ...(input.reason ? [input.reason] : [])],
    };
    if (to === APPROVED) return approveLicense(uow, license, from, decision);
    license.status = DENIED;
    await em.save(license);
    await recordNfrTransition(uow, license, from, decision);
    return license;
  });
}

/**
 * R-NFR-07 audit: reduce the seats of an active license or revoke it. A seat reduction keeps the
 * status but is recorded too (from = to = APPROVED): every change is recorded.
 */
export function auditNfrLicense(ctx: RequestContext, input: AuditNfrLicenseInput): Promise<MutationResult<NfrLicense>> {
  return runMutation(ctx, { operation: 'auditNfrLicense', roles: NFR_DECIDERS, input }, async (uow) => {
    const { em, now } = uow;
    const action = auditActionOf(input);
    const { license } = await lockLicense(em, input.id);
    checkVersion(license, input.expectedVersion);
    const audit = nfrAudit.decide({ actorRole: ctx.principal.role, license, action }, now);
    if (audit.outcome === 'REFUSED') {
      throw new Refusal(
        audit.unmet.map((u) =>
          userError(AUDIT_REFUSALS[u.code]?.code ?? UserErrorCode.RULE_VIOLATION, u.message, {
            field: AUDIT_REFUSALS[u.code]?.field ?? null,
            ruleIds: [u.ruleId],
            ruleCode: u.code,
          }),
        ),
      );
    }
    const from = license.status;
    if (audit.outcome !== from) checkTransition(ctx.principal, from, audit.outcome, now);
    license.status = audit.outcome;
    license.seats = audit.seats;
    await em.save(license);
    await recordNfrTransition(uow, license, from, { ...audit, reasons: [...audit.reasons, input.reason.trim()] });
    return license;
  });
}

/**
 * R-NFR-07 timer step for one license, in the caller's transaction: expires it once past its end
 * date, else leaves it as it is. Returns null when there is no such license.
 */
export async function expireNfrLicense(uow: UnitOfWork, licenseId: string): Promise<boolean> {
  const { em, now, actor } = uow;
  const locked = await lockLicenseRow(em, licenseId);
  if (!locked) return false;
  const { license } = locked;
  const expiry = nfrExpiry.decide({ status: license.status, endsOn: nfrLicenseEndsAt(license.endsOn) }, now);
  if (expiry.outcome === 'NO_CHANGE') return false;
  const from = license.status;
  checkTransition(actor, from, EXPIRED, now);
  license.status = EXPIRED;
  await em.save(license);
  await recordNfrTransition(uow, license, from, expiry);
  return true;
}

const AUDIT_REFUSALS: Record<string, { code: UserErrorCode; field: string[] | null }> = {
  NOT_AN_AUDITOR: { code: UserErrorCode.FORBIDDEN, field: null },
  LICENSE_NOT_ACTIVE: { code: UserErrorCode.INVALID_TRANSITION, field: ['input', 'id'] },
  INVALID_SEATS: { code: UserErrorCode.RULE_VIOLATION, field: ['input', 'seats'] },
};

function auditActionOf(input: AuditNfrLicenseInput): NfrAuditAction {
  const field = ['input', 'seats'];
  if (input.action === NfrAuditActionKind.REVOKE) {
    if (input.seats !== null && input.seats !== undefined) refuse(UserErrorCode.VALIDATION_FAILED, 'seats goes with REDUCE_SEATS only', { field });
    return { kind: 'REVOKE' };
  }
  if (input.seats === null || input.seats === undefined) refuse(UserErrorCode.VALIDATION_FAILED, 'REDUCE_SEATS needs the new seat count', { field });
  return { kind: 'REDUCE_SEATS', seats: input.seats };
}

/** Approval by the request itself or by Ecosystem Ops: sets the R-NFR-05 provisioning date and the term. */
async function approveLicense(uow: UnitOfWork, license: NfrLicense, from: NfrLicenseStatus | null, decision: Decision<string>): Promise<NfrLicense> {
  const term = nfrLicenseTerm(uow.now);
  Object.assign(license, { status: APPROVED, approvedAt: uow.now, ...term });
  await recordNfrTransition(uow, license, from, {
    ...decision,
    ruleIds: [...decision.ruleIds, 'R-NFR-05'],
    reasons: [...decision.reasons, `Provisioning due on ${term.provisioningDueOn}; term ${term.startsOn} to ${term.endsOn}`],
  });
  return license;
}

/** The transition table (R-NFR-03/06/07) decides before anything is written. */
function checkTransition(actor: Actor, from: NfrLicenseStatus | null, to: NfrLicenseStatus, now: Date): void {
  const allowed = nfrLicenseTransition.decide({ from, to, actorRole: actor === 'SYSTEM' ? 'SYSTEM' : actor.role }, now);
  if (allowed.outcome === 'REFUSED') {
    throw new Refusal(
      allowed.unmet.map((u) =>
        userError(u.code === 'ACTOR_NOT_ALLOWED' ? UserErrorCode.FORBIDDEN : UserErrorCode.INVALID_TRANSITION, u.message, {
          field: ['input', 'id'],
          ruleIds: [u.ruleId],
          ruleCode: u.code,
        }),
      ),
    );
  }
}

/** Every change of a license (its status already set), with its rules and reasons, through the machine (R-EVT-01). */
async function recordNfrTransition(uow: UnitOfWork, license: NfrLicense, from: NfrLicenseStatus | null, decision: Decision<string>): Promise<void> {
  await uow.changeStatus(nfrLicenseMachine, license, license.status, decision, { from });
}

function requestFieldOf(unmet: UnmetCondition): string[] {
  if (unmet.code === 'NO_USE_DECLARED' || unmet.code.startsWith('PROHIBITED_USE_')) return ['input', 'uses'];
  if (unmet.code === 'SEAT_CAP_EXCEEDED' || unmet.code === 'INVALID_SEATS') return ['input', 'seats'];
  if (unmet.code === 'PRODUCT_NOT_AVAILABLE') return ['input', 'product'];
  return ['input', 'partnerId'];
}

/** R-PTR-06 (with R-PTR-03/04/05), read inside the request's transaction. */
async function goodStandingOf(em: EntityManager, partner: Partner, now: Date) {
  const certifications = await certificationFactsOf(em, [partner.id]);
  const compliance = trackCompliance.decide(trackComplianceInputOf(partner, certifications), now);
  return { ...goodStanding.decide({ status: partner.status, compliance }, now), certifications };
}

async function licenseFactsOf(em: EntityManager, partnerId: string): Promise<NfrLicenseFact[]> {
  const licenses = await em.find(NfrLicense, { where: { partnerId } });
  return licenses.map((l) => ({ product: l.product, seats: l.seats, status: l.status, endsOn: nfrLicenseEndsAt(l.endsOn) }));
}

async function partnerForRequest(uow: UnitOfWork, partnerGlobalId: string | null | undefined): Promise<Partner> {
  const field = ['input', 'partnerId'];
  const partnerId = actingPartnerId(uow.actor, partnerGlobalId ? idFromInput(partnerGlobalId, 'Partner', field) : null, field);
  const partner = await uow.em.findOne(Partner, { where: { id: partnerId }, lock: { mode: 'pessimistic_write' } });
  if (!partner) refuse(UserErrorCode.NOT_FOUND, `No Partner with ID ${partnerGlobalId ?? partnerId}`, { field });
  return partner;
}

/** Locks the partner first, then the license: the order of requestNfrLicense, so no deadlock. */
async function lockLicenseRow(em: EntityManager, id: string): Promise<{ license: NfrLicense; partner: Partner } | null> {
  const unlocked = await em.findOne(NfrLicense, { where: { id } });
  if (!unlocked) return null;
  const partner = await em.findOneOrFail(Partner, { where: { id: unlocked.partnerId }, lock: { mode: 'pessimistic_write' } });
  const license = await em.findOneOrFail(NfrLicense, { where: { id }, lock: { mode: 'pessimistic_write' } });
  return { license, partner };
}

async function lockLicense(em: EntityManager, globalId: string): Promise<{ license: NfrLicense; partner: Partner }> {
  const locked = await lockLicenseRow(em, idFromInput(globalId, ENTITY, ['input', 'id']));
  if (!locked) refuse(UserErrorCode.NOT_FOUND, `No NfrLicense with ID ${globalId}`, { field: ['input', 'id'] });
  return locked;
}
