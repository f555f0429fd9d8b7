import type { EntityManager } from 'typeorm';
import { changeReviewStatus, findingsOf, replaceFindings } from '../compliance/compliance.service';
import { ComplianceReview } from '../compliance/compliance-review.entity';
import { ComplianceReviewKind, ComplianceReviewStatus } from '../compliance/compliance.enums';
import { FINAL_REVIEW_STATUSES, complianceReviewOutcome } from '../compliance/compliance.rules';
import { MutationResult, runMutation } from '../common/mutation';
import { checkVersion, idFromInput, lockById } from '../common/mutation-guards';
import { UserErrorCode, refuse, refuseUnmet } from '../common/user-error';
import type { RequestContext } from '../context';
import type { UnitOfWork } from '../db/unit-of-work';
import { Partner } from '../partners/partner.entity';
import { countCurrentHolders } from '../partners/partner.rules';
import { certificationFactsOf } from '../partners/certification-facts';
import { CertificationKind } from '../people/person.enums';
import { AllowedDecision, Decision, isoDate, dateAt } from '../rules/decision';
import { PspDesignation } from './psp-designation.entity';
import { pspDesignationChanged } from './psp.hooks';
import { PSP_MANAGERS, pspDesignationMachine } from './psp.machine';
import { PspDesignationStatus } from './psp.enums';
import { GrantPspDesignationInput, RecordPspReviewInput, RevokePspDesignationInput } from './psp.inputs';
import { evidenceRequestDate, nextReviewAfter, nextReviewDue, pspDesignationStatus, pspEntry, pspReview, pspRevocation, PspKpi } from './psp.rules';

const ENTITY = 'PspDesignation';
const ID_FIELD = ['input', 'id'];

/** R-PSP-01: grants the designation; R-PSP-02: schedules the yearly review in the month granted. */
export function grantPspDesignation(ctx: RequestContext, input: GrantPspDesignationInput): Promise<MutationResult<PspDesignation>> {
  return runMutation(ctx, { operation: 'grantPspDesignation', roles: PSP_MANAGERS, input, idempotencyKey: input.idempotencyKey }, async (uow) => {
    const { em, now } = uow;
    const field = ['input', 'partnerId'];
    // The partner's row lock serializes grants for one partner.
    const partner = await lockById(em, Partner, 'Partner', input.partnerId, field);
    const existing = await em.findOne(PspDesignation, { where: { partnerId: partner.id } });
    if (existing?.status === PspDesignationStatus.REVOKED) {
      refuse(UserErrorCode.INVALID_TRANSITION, 'The partner’s designation was revoked, which is final (R-PSP-03)', { field, ruleIds: ['R-PSP-03'] });
    }
    if (existing) refuse(UserErrorCode.ALREADY_EXISTS, `The partner already holds a ${existing.status} PSP designation`, { field, ruleIds: ['R-PSP-01'] });
    const entry = pspEntry.decide(
      { category: partner.category, track: partner.track, status: partner.status, certifications: await certificationFactsOf(em, [partner.id]) },
      now,
    );
    if (entry.outcome !== 'ELIGIBLE') refuseUnmet(entry.unmet, field);

    const reviewDue = nextReviewDue(now, now);
    const created = em.create(PspDesignation, {
      partnerId: partner.id,
      offerings: input.offerings,
      grantedAt: now,
      reviewMonth: now.getUTCMonth() + 1,
      nextReviewDueOn: isoDate(reviewDue),
      remediationDueOn: null,
      revokedAt: null,
    });
    const designation = await uow.changeStatus(pspDesignationMachine, created, PspDesignationStatus.COMPLIANT, {
      outcome: PspDesignationStatus.COMPLIANT,
      ruleIds: [...entry.ruleIds, 'R-PSP-02'],
      reasons: [
        ...entry.reasons,
        `Reviewed every year in month ${created.reviewMonth}: next review due ${created.nextReviewDueOn}, evidence requested ${isoDate(evidenceRequestDate(reviewDue))}`,
      ],
    });
    await uow.emit(pspDesignationChanged, { partnerId: partner.id });
    return designation;
  });
}

/**
 * R-PSP-02 review → a PSP_BADGE compliance review with its findings (R-COMP-01), and the designation
 * status of R-PSP-03: at the yearly review COMPLIANT stays, or goes AT_RISK for a quarter; while AT_RISK
 * a passing review remediates, a failing one at or after the deadline revokes.
 */
export function recordPspReview(ctx: RequestContext, input: RecordPspReviewInput): Promise<MutationResult<ComplianceReview>> {
  return runMutation(ctx, { operation: 'recordPspReview', roles: PSP_MANAGERS, input, idempotencyKey: input.idempotencyKey }, async (uow) => {
    const { em } = uow;
    const designation = await lockDesignation(em, input.id);
    checkVersion(designation, input.expectedVersion);
    if (designation.status === PspDesignationStatus.REVOKED) {
      refuse(UserErrorCode.INVALID_TRANSITION, 'The designation was revoked; there is nothing left to review (R-PSP-03)', {
        field: ID_FIELD,
        ruleIds: ['R-PSP-03'],
      });
    }
    return reviewDesignation(uow, designation, {
      INFRASTRUCTURE_READY: input.kpiInfrastructureReady ?? null,
      FIRST_VALUE: input.kpiFirstValue ?? null,
      OUTCOME_ACHIEVED: input.kpiOutcomeAchieved ?? null,
    });
  });
}

/** R-PSP-03: revokes an AT_RISK designation whose findings still stand at its remediation due date. */
export function revokePspDesignation(ctx: RequestContext, input: RevokePspDesignationInput): Promise<MutationResult<PspDesignation>> {
  return runMutation(ctx, { operation: 'revokePspDesignation', roles: PSP_MANAGERS, input }, async (uow) => {
    const { em } = uow;
    const designation = await lockDesignation(em, input.id);
    checkVersion(designation, input.expectedVersion);
    const revocation = await revokeDesignation(uow, designation, input.reason ?? null);
    if (revocation.outcome === 'REFUSED') {
      const code = revocation.unmet.some((u) => u.code === 'NOT_AT_RISK') ? UserErrorCode.INVALID_TRANSITION : UserErrorCode.RULE_VIOLATION;
      refuseUnmet(revocation.unmet, ID_FIELD, code);
    }
    return designation;
  });
}

/**
 * R-PSP-03: revokes an AT_RISK designation not remediated by its deadline, for a person or the
 * R-COMP-02 timer; returns the refusal, changing nothing, when the rule does not allow it yet.
 */
export async function revokeDesignation(uow: UnitOfWork, designation: PspDesignation, reason: string | null): Promise<AllowedDecision> {
  const { em, now } = uow;
  const review =
    designation.status === PspDesignationStatus.AT_RISK ? await findPspReview(em, designation.partnerId, ComplianceReviewStatus.NON_COMPLIANT) : null;
  const findings = review ? await findingsOf(em, review.id) : [];
  const remediationDueAt = designation.remediationDueOn === null ? null : dateAt(designation.remediationDueOn);
  const revocation = pspRevocation.decide({ status: designation.status, findings, remediationDueAt }, now);
  if (revocation.outcome === 'REFUSED') return revocation;
  const decision: Decision<string> = {
    outcome: PspDesignationStatus.REVOKED,
    ruleIds: [...new Set([...revocation.ruleIds, ...findings.map((f) => f.ruleId)])],
    reasons: [...findings.map((f) => f.message), `Not remediated by ${designation.remediationDueOn}`, ...(reason ? [reason] : [])],
  };
  designation.revokedAt = now;
  await uow.changeStatus(pspDesignationMachine, designation, PspDesignationStatus.REVOKED, decision);
  if (review) {
    review.closedAt = now;
    await changeReviewStatus(uow, review, ComplianceReviewStatus.REVOKED, decision);
  }
  await uow.emit(pspDesignationChanged, { partnerId: designation.partnerId });
  return revocation;
}

/**
 * Records a review of a designation (R-PSP-02) and moves it per R-PSP-03, for a person's review
 * or the R-COMP-02 timer of a due review (no ratings: every KPI counts as unmet).
 */
export async function reviewDesignation(uow: UnitOfWork, designation: PspDesignation, ratings: Record<PspKpi, number | null>): Promise<ComplianceReview> {
  const { em, now } = uow;
  const certifications = await certificationFactsOf(em, [designation.partnerId]);
  const evaluation = pspReview.decide(
    {
      kpiRatings: ratings,
      certifications,
    },
    now,
  );
  const designationFrom = designation.status;
  const status = pspDesignationStatus.decide(
    { status: designationFrom, review: evaluation, remediationDueAt: designation.remediationDueOn === null ? null : dateAt(designation.remediationDueOn) },
    now,
  );
  const review = await reviewToRecord(em, designation);
  const reviewFrom = review.id ? review.status : null;
  const outcome = complianceReviewOutcome.decide(
    { status: review.status, findings: evaluation.unmet, remediationDueAt: review.remediationDueOn === null ? null : dateAt(review.remediationDueOn) },
    now,
  );

  review.kpiInfrastructureReady = ratings.INFRASTRUCTURE_READY;
  review.kpiFirstValue = ratings.FIRST_VALUE;
  review.kpiOutcomeAchieved = ratings.OUTCOME_ACHIEVED;
  review.certificationCount = countCurrentHolders(certifications, [CertificationKind.PROFESSIONAL_SERVICES_ENGINEER], now);
  if (outcome.outcome === ComplianceReviewStatus.NON_COMPLIANT && outcome.remediationDueAt) review.remediationDueOn = isoDate(outcome.remediationDueAt);
  if (FINAL_REVIEW_STATUSES.includes(outcome.outcome)) review.closedAt = now;
  if (outcome.changed || reviewFrom === null) {
    await changeReviewStatus(
      uow,
      review,
      outcome.outcome,
      {
        outcome: outcome.outcome,
        ruleIds: [...outcome.ruleIds, ...evaluation.ruleIds],
        reasons: [...outcome.reasons, `Certified professional services engineers: ${review.certificationCount}`],
      },
      { from: reviewFrom },
    );
  } else {
    await em.save(review);
  }
  await replaceFindings(em, review, evaluation.unmet);

  if (designationFrom === PspDesignationStatus.COMPLIANT) {
    // The yearly review is done (whatever its outcome): the next one is a year on.
    designation.nextReviewDueOn = isoDate(nextReviewAfter(designation.grantedAt, dateAt(designation.nextReviewDueOn), now));
  }
  if (status.changed) {
    if (status.outcome === PspDesignationStatus.AT_RISK) designation.remediationDueOn = isoDate(status.remediationDueAt as Date);
    if (status.outcome === PspDesignationStatus.COMPLIANT) designation.remediationDueOn = null;
    if (status.outcome === PspDesignationStatus.REVOKED) designation.revokedAt = now;
    await uow.changeStatus(pspDesignationMachine, designation, status.outcome, {
      outcome: status.outcome,
      ruleIds: [...status.ruleIds, 'R-PSP-02'],
      reasons: status.reasons,
    });
  } else {
    await em.save(designation);
  }
  if (designation.status === PspDesignationStatus.REVOKED) await uow.emit(pspDesignationChanged, { partnerId: designation.partnerId });
  return review;
}

/**
 * The PSP_BADGE review a recorded review belongs to: while AT_RISK the NON_COMPLIANT one being
 * remediated; otherwise the OPEN one (opened ahead, e.g. to request evidence) or a new one due on
 * the designation's review date. A new one is returned unsaved.
 */
async function reviewToRecord(em: EntityManager, designation: PspDesignation): Promise<ComplianceReview> {
  if (designation.status === PspDesignationStatus.AT_RISK) {
    const remediating = await findPspReview(em, designation.partnerId, ComplianceReviewStatus.NON_COMPLIANT);
    if (!remediating) throw new Error(`AT_RISK designation ${designation.id} has no NON_COMPLIANT PSP_BADGE review`);
    return remediating;
  }
  const open = await findPspReview(em, designation.partnerId, ComplianceReviewStatus.OPEN);
  return (
    open ??
    em.create(ComplianceReview, {
      partnerId: designation.partnerId,
      kind: ComplianceReviewKind.PSP_BADGE,
      status: ComplianceReviewStatus.OPEN,
      dueOn: designation.nextReviewDueOn,
      evidenceRequestedOn: isoDate(evidenceRequestDate(dateAt(designation.nextReviewDueOn))),
      remediationDueOn: null,
      closedAt: null,
    })
  );
}

function findPspReview(em: EntityManager, partnerId: string, status: ComplianceReviewStatus): Promise<ComplianceReview | null> {
  return em.findOne(ComplianceReview, {
    where: { partnerId, kind: ComplianceReviewKind.PSP_BADGE, status },
    order: { createdAt: 'DESC', id: 'DESC' },
    lock: { mode: 'pessimistic_write' },
  });
}

async function lockDesignation(em: EntityManager, globalId: string): Promise<PspDesignation> {
  const designation = await lockDesignationById(em, idFromInput(globalId, ENTITY, ID_FIELD));
  if (!designation) refuse(UserErrorCode.NOT_FOUND, `No PspDesignation with ID ${globalId}`, { field: ID_FIELD });
  return designation;
}

/** Locks the partner first, then the designation: the order grants and review openings use, so no deadlock. */
export async function lockDesignationById(em: EntityManager, id: string): Promise<PspDesignation | null> {
  const unlocked = await em.findOne(PspDesignation, { where: { id } });
  if (!unlocked) return null;
  await em.findOneOrFail(Partner, { where: { id: unlocked.partnerId }, lock: { mode: 'pessimistic_write' } });
  return em.findOneOrFail(PspDesignation, { where: { id }, lock: { mode: 'pessimistic_write' } });
}
