import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { MutationResult, runMutation } from '../common/mutation';
import { checkVersion, lockById } from '../common/mutation-guards';
import { Refusal, UserErrorCode, refuse, refuseUnmet, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import type { UnitOfWork } from '../db/unit-of-work';
import { DECIDERS, REVIEWERS, complianceReviewMachine } from './compliance.machine';
import { Partner } from '../partners/partner.entity';
import { trackCompliance, trackComplianceInputOf } from '../partners/partner.rules';
import { certificationFactsOf } from '../partners/certification-facts';
import { PspDesignation } from '../psp/psp-designation.entity';
import { evidenceRequestDate, holdsPspDesignation } from '../psp/psp.rules';
import { Decision, UnmetCondition, isoDate, dateAt } from '../rules/decision';
import { ComplianceFinding } from './compliance-finding.entity';
import { ComplianceReview } from './compliance-review.entity';
import { ComplianceReviewStatus } from './compliance.enums';
import { CloseComplianceReviewInput, OpenComplianceReviewInput, RecordComplianceFindingsInput } from './compliance.inputs';
import {
  FINAL_REVIEW_STATUSES,
  complianceFindingsRecording,
  complianceReviewClosing,
  complianceReviewOpening,
  complianceReviewTransition,
  remediationDueAt,
} from './compliance.rules';

const ENTITY = 'ComplianceReview';
const ID_FIELD = ['input', 'id'];

const UNFINISHED: readonly ComplianceReviewStatus[] = [ComplianceReviewStatus.OPEN, ComplianceReviewStatus.NON_COMPLIANT];

/** R-COMP-01: a new OPEN review with its due date and evidence-request date. */
export function openComplianceReview(ctx: RequestContext, input: OpenComplianceReviewInput): Promise<MutationResult<ComplianceReview>> {
  return runMutation(ctx, { operation: 'openComplianceReview', roles: REVIEWERS, input, idempotencyKey: input.idempotencyKey }, async (uow) => {
    const { em, now } = uow;
    const dueAt = input.dueOn;
    const evidenceAt = input.evidenceRequestedOn ?? evidenceRequestDate(dueAt);
    if (evidenceAt.getTime() > dueAt.getTime()) {
      refuse(UserErrorCode.VALIDATION_FAILED, 'Evidence is requested on or before the due date', {
        field: ['input', 'evidenceRequestedOn'],
        ruleIds: ['R-COMP-01'],
      });
    }
    // The partner's row lock serializes openings, so "one unfinished review per kind" holds.
    const partner = await lockById(em, Partner, 'Partner', input.partnerId, ['input', 'partnerId']);
    const [designation, unfinished] = await Promise.all([
      em.findOne(PspDesignation, { where: { partnerId: partner.id } }),
      em.count(ComplianceReview, { where: { partnerId: partner.id, kind: input.kind, status: In([...UNFINISHED]) } }),
    ]);
    const opening = complianceReviewOpening.decide(
      {
        kind: input.kind,
        partnerCategory: partner.category,
        partnerTrack: partner.track,
        holdsPspDesignation: designation !== null && holdsPspDesignation(designation.status),
        hasUnfinishedReviewOfKind: unfinished > 0,
      },
      now,
    );
    if (opening.outcome === 'REFUSED') refuseUnmet(opening.unmet, ['input', 'kind']);
    const review = em.create(ComplianceReview, {
      partnerId: partner.id,
      kind: input.kind,
      dueOn: isoDate(dueAt),
      evidenceRequestedOn: isoDate(evidenceAt),
    });
    return uow.changeStatus(complianceReviewMachine, review, ComplianceReviewStatus.OPEN, {
      outcome: ComplianceReviewStatus.OPEN,
      ruleIds: opening.ruleIds,
      reasons: [`${input.kind} review due ${review.dueOn}, evidence requested ${review.evidenceRequestedOn ?? ''}`],
    });
  });
}

/** R-COMP-01: replaces the findings of an unfinished review; for TRACK, optionally from R-PTR-03/04 now. */
export function recordComplianceFindings(ctx: RequestContext, input: RecordComplianceFindingsInput): Promise<MutationResult<ComplianceReview>> {
  return runMutation(ctx, { operation: 'recordComplianceFindings', roles: REVIEWERS, input }, async (uow) => {
    const { em, now } = uow;
    const review = await lockById(em, ComplianceReview, ENTITY, input.id, ID_FIELD);
    checkVersion(review, input.expectedVersion);
    const allowed = complianceFindingsRecording.decide({ kind: review.kind, status: review.status, computeTrackFindings: input.computeTrackFindings }, now);
    if (allowed.outcome === 'REFUSED') refuseUnmet(allowed.unmet, ID_FIELD);
    const given: UnmetCondition[] = input.findings.map((f) => ({
      ruleId: f.ruleId,
      code: f.code,
      message: f.message,
      required: f.required ?? undefined,
      actual: f.actual ?? undefined,
    }));
    const computed = input.computeTrackFindings ? await currentTrackFindings(em, review.partnerId, now) : [];
    await replaceFindings(em, review, [...computed, ...given]);
    // The findings are what an outcome is judged on, so editing them makes the review a new version.
    await em.update(ComplianceReview, { id: review.id }, { version: review.version + 1 });
    return em.findOneByOrFail(ComplianceReview, { id: review.id });
  });
}

/** R-COMP-01: the outcome of a TRACK or NFR_AUDIT review, checked against the table and the findings. */
export function closeComplianceReview(ctx: RequestContext, input: CloseComplianceReviewInput): Promise<MutationResult<ComplianceReview>> {
  return runMutation(ctx, { operation: 'closeComplianceReview', roles: DECIDERS, input }, async (uow) => {
    const { em, now } = uow;
    const review = await lockById(em, ComplianceReview, ENTITY, input.id, ID_FIELD);
    checkVersion(review, input.expectedVersion);
    const findings = await findingsOf(em, review.id);
    const from = review.status;
    const to = input.outcome;
    const remediationDue =
      to === ComplianceReviewStatus.NON_COMPLIANT
        ? (input.remediationDueOn ?? remediationDueAt(now))
        : review.remediationDueOn === null
          ? null
          : dateAt(review.remediationDueOn);
    if (input.remediationDueOn && to !== ComplianceReviewStatus.NON_COMPLIANT) {
      refuse(UserErrorCode.VALIDATION_FAILED, 'A remediation due date is set with a NON_COMPLIANT outcome only', { field: ['input', 'remediationDueOn'] });
    }
    const closing = complianceReviewClosing.decide({ kind: review.kind, from, to, findings, remediationDueAt: remediationDue }, now);
    if (closing.outcome === 'REFUSED') {
      const code = closing.unmet.some((u) => u.code === 'TRANSITION_NOT_ALLOWED') ? UserErrorCode.INVALID_TRANSITION : UserErrorCode.RULE_VIOLATION;
      const field = closing.unmet.some((u) => u.code === 'REMEDIATION_DUE_DATE_REQUIRED') ? ['input', 'remediationDueOn'] : ['input', 'outcome'];
      refuseUnmet(closing.unmet, field, code);
    }
    if (to === ComplianceReviewStatus.NON_COMPLIANT) review.remediationDueOn = isoDate(remediationDue as Date);
    if (FINAL_REVIEW_STATUSES.includes(to)) review.closedAt = now;
    const reasons =
      to === ComplianceReviewStatus.NON_COMPLIANT || to === ComplianceReviewStatus.REVOKED ? findings.map((f) => f.message) : [closing.reasons[0]];
    if (to === ComplianceReviewStatus.NON_COMPLIANT) reasons.push(`Remediation due ${review.remediationDueOn}`);
    if (input.reason) reasons.push(input.reason);
    return changeReviewStatus(uow, review, to, { outcome: to, ruleIds: closing.ruleIds, reasons });
  });
}

/** The unmet track requirements of the partner now (R-PTR-03/04, counted with R-PTR-05). */
async function currentTrackFindings(em: EntityManager, partnerId: string, now: Date): Promise<UnmetCondition[]> {
  const partner = await em.findOneByOrFail(Partner, { id: partnerId });
  const compliance = trackCompliance.decide(trackComplianceInputOf(partner, await certificationFactsOf(em, [partner.id])), now);
  return compliance.unmet;
}

/** The review's current findings as the rules see them. */
export async function findingsOf(em: EntityManager, reviewId: string): Promise<UnmetCondition[]> {
  const rows = await em.find(ComplianceFinding, { where: { reviewId }, order: { createdAt: 'ASC', id: 'ASC' } });
  return rows.map((f) => ({ ruleId: f.ruleId, code: f.code, message: f.message, required: f.required ?? undefined, actual: f.actual ?? undefined }));
}

/** The findings stand as a set: a new evaluation replaces the previous one. */
export async function replaceFindings(em: EntityManager, review: ComplianceReview, findings: UnmetCondition[]): Promise<void> {
  await em.delete(ComplianceFinding, { reviewId: review.id });
  if (findings.length === 0) return;
  // Rows of one insert share created_at and readers order by (created_at, id): ascending ids keep the
  // findings in the order the rules found them.
  const ids = findings.map(() => randomUUID()).sort();
  await em.insert(
    ComplianceFinding,
    findings.map((f, i) => ({
      id: ids[i],
      reviewId: review.id,
      partnerId: review.partnerId,
      ruleId: f.ruleId,
      code: f.code,
      message: f.message.slice(0, 1000),
      // Ratings may be averages (R-PSP-02); the column counts whole units.
      required: f.required === undefined ? null : Math.round(f.required),
      actual: f.actual === undefined ? null : Math.round(f.actual),
    })),
  );
}

/**
 * R-COMP-01 (and R-EVT-01): every status change of a review, through its machine; NON_COMPLIANT
 * needs a remediation due date after the review. `from` overrides the stored status for a review
 * whose status the caller set already (the PSP review path).
 */
export async function changeReviewStatus(
  uow: UnitOfWork,
  review: ComplianceReview,
  to: ComplianceReviewStatus,
  decision: Decision<string>,
  options: { from?: ComplianceReviewStatus | null } = {},
): Promise<ComplianceReview> {
  const from = options.from !== undefined ? options.from : (review.id as string | undefined) ? review.status : null;
  if (from !== null) {
    const remediation = review.remediationDueOn === null ? null : dateAt(review.remediationDueOn);
    const allowed = complianceReviewTransition.decide({ from, to, remediationDueAt: remediation }, uow.now);
    if (allowed.outcome === 'REFUSED')
      throw new Refusal(allowed.unmet.map((u) => userError(UserErrorCode.INVALID_TRANSITION, u.message, { ruleIds: [u.ruleId] })));
  }
  return uow.changeStatus(complianceReviewMachine, review, to, { ...decision, ruleIds: [...new Set([...decision.ruleIds, 'R-COMP-01'])] }, { from });
}
