import { isoDate, dateAt } from '../rules/decision';
import type { EntityManager } from 'typeorm';
import { changeReviewStatus } from '../compliance/compliance.service';
import { ComplianceReview } from '../compliance/compliance-review.entity';
import { ComplianceReviewKind, ComplianceReviewStatus } from '../compliance/compliance.enums';
import { complianceTimer } from '../compliance/compliance.rules';
import type { ProgramTimer } from '../jobs/program-timer';
import { PspDesignation } from './psp-designation.entity';
import { lockDesignationById, reviewDesignation, revokeDesignation } from './psp.service';
import { PspDesignationStatus } from './psp.enums';
import { evidenceRequestDate } from './psp.rules';

function openReviewOf(em: EntityManager, partnerId: string): Promise<ComplianceReview | null> {
  return em.findOne(ComplianceReview, {
    where: { partnerId, kind: ComplianceReviewKind.PSP_BADGE, status: ComplianceReviewStatus.OPEN },
    lock: { mode: 'pessimistic_write' },
  });
}

async function designationIds(em: EntityManager, where: string, params: Record<string, unknown>, limit: number): Promise<string[]> {
  const rows = await em
    .getRepository(PspDesignation)
    .createQueryBuilder('d')
    .select('d.id', 'id')
    .where(where, params)
    .orderBy('d.nextReviewDueOn', 'ASC')
    .addOrderBy('d.id', 'ASC')
    .limit(limit)
    .getRawMany<{ id: string }>();
  return rows.map((row) => row.id);
}

/**
 * R-PSP-02 / R-COMP-02: one month before the yearly review is due, the review is opened and the
 * partner's evidence requested.
 */
export const pspEvidenceRequestTimer: ProgramTimer = {
  name: 'psp-evidence-request',
  ruleIds: ['R-PSP-02', 'R-COMP-02'],
  findDue(em, now, limit) {
    return designationIds(
      em,
      `d.status = :compliant AND d.nextReviewDueOn - interval '1 month' <= :today
       AND NOT EXISTS (SELECT 1 FROM compliance_review r WHERE r.partner_id = d.partner_id AND r.kind = 'PSP_BADGE' AND r.status = 'OPEN')`,
      { compliant: PspDesignationStatus.COMPLIANT, today: isoDate(now) },
      limit,
    );
  },
  async fire(uow, id) {
    const { em, now } = uow;
    const designation = await lockDesignationById(em, id);
    if (!designation || designation.status !== PspDesignationStatus.COMPLIANT || (await openReviewOf(em, designation.partnerId))) return false;
    const dueAt = dateAt(designation.nextReviewDueOn);
    const step = complianceTimer.decide(
      { status: ComplianceReviewStatus.OPEN, evidenceRequestAt: evidenceRequestDate(dueAt), dueAt, remediationDueAt: null, evidenceRequested: false },
      now,
    );
    if (step.outcome !== 'REQUEST_EVIDENCE') return false;
    const review = em.create(ComplianceReview, {
      partnerId: designation.partnerId,
      kind: ComplianceReviewKind.PSP_BADGE,
      dueOn: designation.nextReviewDueOn,
      evidenceRequestedOn: isoDate(now),
      remediationDueOn: null,
      closedAt: null,
    });
    await changeReviewStatus(uow, review, ComplianceReviewStatus.OPEN, {
      ...step,
      reasons: [...step.reasons, `Yearly PSP review due ${designation.nextReviewDueOn}: evidence requested`],
    });
    return true;
  },
};

/**
 * R-PSP-02 / R-COMP-02: a yearly review still without ratings on its due date is recorded as it
 * stands — every KPI unmet — so the designation goes AT_RISK with a quarter to remediate (R-PSP-03).
 */
export const pspReviewDueTimer: ProgramTimer = {
  name: 'psp-review-due',
  ruleIds: ['R-PSP-02', 'R-PSP-03', 'R-COMP-02'],
  findDue(em, now, limit) {
    return designationIds(
      em,
      `d.status = :compliant AND EXISTS (SELECT 1 FROM compliance_review r WHERE r.partner_id = d.partner_id AND r.kind = 'PSP_BADGE' AND r.status = 'OPEN' AND r.due_on <= :today)`,
      { compliant: PspDesignationStatus.COMPLIANT, today: isoDate(now) },
      limit,
    );
  },
  async fire(uow, id) {
    const { em, now } = uow;
    const designation = await lockDesignationById(em, id);
    if (!designation || designation.status !== PspDesignationStatus.COMPLIANT) return false;
    const review = await openReviewOf(em, designation.partnerId);
    if (!review) return false;
    const step = complianceTimer.decide(
      {
        status: review.status,
        evidenceRequestAt: review.evidenceRequestedOn ? dateAt(review.evidenceRequestedOn) : evidenceRequestDate(dateAt(review.dueOn)),
        dueAt: dateAt(review.dueOn),
        remediationDueAt: null,
        evidenceRequested: review.evidenceRequestedOn !== null,
      },
      now,
    );
    if (step.outcome !== 'REVIEW_DUE') return false;
    await reviewDesignation(uow, designation, { INFRASTRUCTURE_READY: null, FIRST_VALUE: null, OUTCOME_ACHIEVED: null });
    return true;
  },
};

/** R-PSP-03 / R-COMP-02: an AT_RISK designation not remediated by its deadline is revoked. */
export const pspRemediationDeadlineTimer: ProgramTimer = {
  name: 'psp-remediation-deadline',
  ruleIds: ['R-PSP-03', 'R-COMP-02'],
  findDue(em, now, limit) {
    return designationIds(em, `d.status = :atRisk AND d.remediationDueOn <= :today`, { atRisk: PspDesignationStatus.AT_RISK, today: isoDate(now) }, limit);
  },
  async fire(uow, id) {
    const { em } = uow;
    const designation = await lockDesignationById(em, id);
    if (!designation) return false;
    const revocation = await revokeDesignation(uow, designation, 'Revoked by the remediation deadline timer');
    return revocation.outcome === 'ALLOWED';
  },
};
