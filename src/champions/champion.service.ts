import { EntityManager, In, Not } from 'typeorm';
import { actingPartnerId, checkActsFor } from '../access/acting';
import { Role } from '../auth/role.enum';
import { badInput } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { MutationResult, runMutation } from '../common/mutation';
import { checkVersion, idFromInput, lockById } from '../common/mutation-guards';
import { Refusal, UserErrorCode, refuse, refuseUnmet, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import type { UnitOfWork } from '../db/unit-of-work';
import { certificationFactsByPartner } from '../partners/certification-facts';
import { NOMINATORS, championNominationMachine } from './champion.machine';
import { Partner } from '../partners/partner.entity';
import { Person } from '../people/person.entity';
import { AllowedDecision, Decision, isoDate } from '../rules/decision';
import { ChampionActivity } from './champion-activity.entity';
import { ChampionNomination } from './champion-nomination.entity';
import { ChampionExpectationCode, ChampionExpectationStatus, ChampionStandingReport } from './champion-standing.types';
import { ChampionNominationStatus, OnboardingTaskKind } from './champion.enums';
import {
  AssignChampionSponsorInput,
  ChampionNominationDecisionValue,
  CompleteOnboardingTaskInput,
  DecideChampionNominationInput,
  NominateChampionInput,
  RecordChampionActivityInput,
  RetireChampionInput,
  StartChampionReviewInput,
} from './champion.inputs';
import { championActivityRecording, championNomination, championStanding, championTransition } from './champion.rules';
import { OnboardingTask } from './onboarding-task.entity';

const ENTITY = 'ChampionNomination';
const { NOMINATED, UNDER_REVIEW, APPROVED, DECLINED, ONBOARDING, ACTIVE, ALUMNI } = ChampionNominationStatus;

/** The partner nominates (a PARTNER_USER only for its own partner, R-CHAMP-01). */
/** R-CHAMP-02: the support case is Partner Support's. */
const PARTNER_SUPPORT = [Role.PARTNER_SUPPORT] as const;
/** R-CHAMP-02 names the Champions Program Manager for decisions, sponsors, onboarding and retirement. */
const MANAGER = [Role.CHAMPIONS_PROGRAM_MANAGER] as const;
/** Outputs are reported by the champion's partner or by the program (R-CHAMP-03). */
const ACTIVITY_RECORDERS = [Role.PARTNER_USER, Role.PORTAL_SYNC, Role.CHAMPIONS_PROGRAM_MANAGER] as const;

/** R-CHAMP-01: a partner nominates one of its people, endorsed by one of its leaders; a dry run rolls it back. */
export function nominateChampion(ctx: RequestContext, input: NominateChampionInput): Promise<MutationResult<ChampionNomination>> {
  const spec = { operation: 'nominateChampion', roles: NOMINATORS, input, idempotencyKey: input.idempotencyKey, dryRun: input.dryRun ?? false };
  return runMutation(ctx, spec, async (uow) => {
    const { em, now } = uow;
    const partner = await nominatingPartner(uow, input.partnerId);
    // Locked, so two nominations of the same person are decided one after the other.
    const nominee = await lockById(em, Person, 'Person', input.personId, ['input', 'personId']);
    const endorser = await em.findOne(Person, { where: { id: idFromInput(input.endorsedByPersonId, 'Person', ['input', 'endorsedByPersonId']) } });
    if (!endorser) refuse(UserErrorCode.NOT_FOUND, `No Person with ID ${input.endorsedByPersonId}`, { field: ['input', 'endorsedByPersonId'] });

    const decision = championNomination.decide(
      {
        partnerId: partner.id,
        nominee: { personId: nominee.id, partnerId: nominee.partnerId, employed: nominee.employed },
        endorser: { personId: endorser.id, partnerId: endorser.partnerId, employed: endorser.employed, isLeadership: endorser.isLeadership },
      },
      now,
    );
    if (decision.outcome === 'REFUSED') {
      throw new Refusal(
        decision.unmet.map((u) =>
          userError(UserErrorCode.RULE_VIOLATION, u.message, {
            field: ['input', u.code.startsWith('NOMINEE') ? 'personId' : 'endorsedByPersonId'],
            ruleIds: [u.ruleId],
            ruleCode: u.code,
          }),
        ),
      );
    }
    const open = await em.findOne(ChampionNomination, { where: { personId: nominee.id, status: Not(In([DECLINED, ALUMNI])) } });
    if (open) {
      refuse(UserErrorCode.ALREADY_EXISTS, `This person already has a nomination in progress (${open.status})`, {
        field: ['input', 'personId'],
        ruleIds: ['R-CHAMP-02'],
      });
    }

    const endorserName = `${endorser.firstName} ${endorser.lastName}`.slice(0, 200);
    const nomination = em.create(ChampionNomination, {
      partnerId: partner.id,
      personId: nominee.id,
      endorsedBy: endorserName,
      endorsementNote: input.endorsementNote ?? null,
      nominatedAt: now,
    });
    await uow.changeStatus(championNominationMachine, nomination, NOMINATED, {
      outcome: NOMINATED,
      ruleIds: ['R-CHAMP-01', 'R-CHAMP-02'],
      reasons: [...decision.reasons, `Endorsed by ${endorserName} (${toGlobalId('Person', endorser.id)})`],
    });
    return nomination;
  });
}

/** R-CHAMP-02: Partner Support opens its case and the nomination goes under review. */
export function startChampionReview(ctx: RequestContext, input: StartChampionReviewInput): Promise<MutationResult<ChampionNomination>> {
  return runMutation(ctx, { operation: 'startChampionReview', roles: PARTNER_SUPPORT, input }, async (uow) => {
    const { em, now } = uow;
    const nomination = await lockNomination(em, input.id);
    checkVersion(nomination, input.expectedVersion);
    const decision = decideTransition(ctx, nomination, UNDER_REVIEW, now);
    nomination.supportCaseReference = input.supportCaseReference.trim();
    return moveTo(uow, nomination, UNDER_REVIEW, withReason(decision, `Partner-support case ${nomination.supportCaseReference}`));
  });
}

/** R-CHAMP-02: only the Champions Program Manager approves or declines. */
export function decideChampionNomination(ctx: RequestContext, input: DecideChampionNominationInput): Promise<MutationResult<ChampionNomination>> {
  return runMutation(ctx, { operation: 'decideChampionNomination', roles: MANAGER, input }, async (uow) => {
    const { em, now } = uow;
    const nomination = await lockNomination(em, input.id);
    checkVersion(nomination, input.expectedVersion);
    const to = input.decision === ChampionNominationDecisionValue.APPROVE ? APPROVED : DECLINED;
    const decision = decideTransition(ctx, nomination, to, now);
    nomination.decidedAt = now;
    return moveTo(uow, nomination, to, withReason(decision, input.reason));
  });
}

/** R-CHAMP-02: the sponsor SA is assigned and the four onboarding tasks are created. */
export function assignChampionSponsor(ctx: RequestContext, input: AssignChampionSponsorInput): Promise<MutationResult<ChampionNomination>> {
  return runMutation(ctx, { operation: 'assignChampionSponsor', roles: MANAGER, input }, async (uow) => {
    const { em, now } = uow;
    const nomination = await lockNomination(em, input.id);
    checkVersion(nomination, input.expectedVersion);
    const sponsorEmail = input.sponsorEmail.toLowerCase();
    const decision = decideTransition(ctx, nomination, ONBOARDING, now, { sponsorId: sponsorEmail });
    nomination.sponsorName = input.sponsorName.trim();
    nomination.sponsorEmail = sponsorEmail;
    await moveTo(uow, nomination, ONBOARDING, withReason(decision, `Sponsor SA ${nomination.sponsorName} <${sponsorEmail}>`));
    await em.save(
      Object.values(OnboardingTaskKind).map((kind) =>
        em.create(OnboardingTask, { nominationId: nomination.id, partnerId: nomination.partnerId, kind, completedAt: null }),
      ),
    );
    return nomination;
  });
}

/** R-CHAMP-02: one onboarding task done; when none is left the champion becomes ACTIVE. */
export function completeOnboardingTask(ctx: RequestContext, input: CompleteOnboardingTaskInput): Promise<MutationResult<ChampionNomination>> {
  return runMutation(ctx, { operation: 'completeOnboardingTask', roles: MANAGER, input }, async (uow) => {
    const { em, now } = uow;
    // The nomination's lock serializes completions, so exactly one of them sees the last task done.
    const nomination = await lockNomination(em, input.id);
    checkVersion(nomination, input.expectedVersion);
    if (nomination.status !== ONBOARDING) {
      refuse(UserErrorCode.INVALID_TRANSITION, `Onboarding tasks are done while ONBOARDING; this nomination is ${nomination.status} (R-CHAMP-02)`, {
        field: ['input', 'id'],
        ruleIds: ['R-CHAMP-02'],
      });
    }
    const tasks = await em.find(OnboardingTask, { where: { nominationId: nomination.id } });
    const task = tasks.find((t) => t.kind === input.task);
    if (!task) refuse(UserErrorCode.NOT_FOUND, `This nomination has no ${input.task} onboarding task`, { field: ['input', 'task'] });
    if (task.completedAt) {
      refuse(UserErrorCode.INVALID_TRANSITION, `${input.task} was done at ${task.completedAt.toISOString()}`, {
        field: ['input', 'task'],
        ruleIds: ['R-CHAMP-02'],
      });
    }
    const completedTasks = [...tasks.filter((t) => t.completedAt !== null).map((t) => t.kind), task.kind];
    const activation = championTransition.decide(
      { from: ONBOARDING, to: ACTIVE, actorRole: ctx.principal.role, sponsorId: nomination.sponsorEmail, completedTasks },
      now,
    );
    const blocking = activation.unmet.filter((u) => u.code !== 'ONBOARDING_TASK_OPEN');
    if (blocking.length > 0) refuseUnmet(blocking, ['input', 'id']);
    task.completedAt = now;
    await em.save(task);
    // Tasks still open: the champion stays ONBOARDING.
    if (activation.outcome === 'REFUSED') return nomination;
    // R-CHAMP-03: the expected outputs count from here.
    nomination.activatedAt = now;
    return moveTo(uow, nomination, ACTIVE, withReason(activation, 'Every onboarding task is done'));
  });
}

/** R-CHAMP-03: an enablement session or publication of an ACTIVE champion. */
export function recordChampionActivity(ctx: RequestContext, input: RecordChampionActivityInput): Promise<MutationResult<ChampionActivity>> {
  return runMutation(ctx, { operation: 'recordChampionActivity', roles: ACTIVITY_RECORDERS, input, idempotencyKey: input.idempotencyKey }, async (uow) => {
    const { em, now } = uow;
    // Locked, so an activity is not recorded for a champion retired at the same moment.
    const nomination = await lockById(em, ChampionNomination, ENTITY, input.nominationId, ['input', 'nominationId']);
    checkActsFor(uow.actor, nomination.partnerId, ['input', 'nominationId']);
    const decision = championActivityRecording.decide({ status: nomination.status, occurredOn: input.occurredOn }, now);
    if (decision.outcome === 'REFUSED') {
      throw new Refusal(
        decision.unmet.map((u) =>
          userError(u.code === 'CHAMPION_NOT_ACTIVE' ? UserErrorCode.INVALID_TRANSITION : UserErrorCode.RULE_VIOLATION, u.message, {
            field: ['input', u.code === 'CHAMPION_NOT_ACTIVE' ? 'nominationId' : 'occurredOn'],
            ruleIds: [u.ruleId],
            ruleCode: u.code,
          }),
        ),
      );
    }
    return em.save(
      em.create(ChampionActivity, {
        nominationId: nomination.id,
        partnerId: nomination.partnerId,
        kind: input.kind,
        title: input.title.trim(),
        occurredOn: isoDate(input.occurredOn),
        url: input.url ?? null,
      }),
    );
  });
}

/** R-CHAMP-02: ACTIVE → ALUMNI. */
export function retireChampion(ctx: RequestContext, input: RetireChampionInput): Promise<MutationResult<ChampionNomination>> {
  return runMutation(ctx, { operation: 'retireChampion', roles: MANAGER, input }, async (uow) => {
    const { em, now } = uow;
    const nomination = await lockNomination(em, input.id);
    checkVersion(nomination, input.expectedVersion);
    const decision = decideTransition(ctx, nomination, ALUMNI, now);
    return moveTo(uow, nomination, ALUMNI, withReason(decision, input.reason));
  });
}

/** R-CHAMP-03: the champion's outputs for a calendar year, with the person's current certifications. */
export async function championStandingOf(ctx: RequestContext, nominationGlobalId: string, year: number): Promise<ChampionStandingReport> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('`year` must be a calendar year between 2000 and 2100', 'year');
  ctx.access.assertMayRead(ChampionNomination.name);
  const id = databaseIdOrNull(nominationGlobalId);
  const nomination = id ? await ctx.loaders.byId(ChampionNomination).load(id) : null;
  // Another partner's nomination is reported as absent, not as forbidden: its existence is not the caller's to know.
  if (!nomination || (await ctx.access.shapeOf(nomination)) === 'NONE')
    throw badInput(`\`nominationId\`: no ChampionNomination with ID ${nominationGlobalId}`, 'nominationId');
  const [activities, partnerCertifications] = await Promise.all([
    ctx.loaders.listBy(ChampionActivity, 'nominationId').load(nomination.id),
    ctx.loaders.get(certificationFactsByPartner).load(nomination.partnerId),
  ]);
  const standing = championStanding.decide(
    {
      year,
      activatedAt: nomination.activatedAt,
      activities: activities.map((a) => ({ kind: a.kind, at: new Date(`${a.occurredOn}T00:00:00Z`) })),
      certifications: partnerCertifications.filter((c) => c.personId === nomination.personId),
    },
    ctx.clock.now(),
  );
  return Object.assign(new ChampionStandingReport(), {
    nomination,
    year,
    activatedAt: nomination.activatedAt,
    meetsExpectations: standing.outcome === 'MEETS_EXPECTATIONS',
    ruleIds: standing.ruleIds,
    reasons: standing.reasons,
    unmet: standing.unmet.map((u) => ({ code: u.code, ruleId: u.ruleId, message: u.message, required: u.required ?? null, actual: u.actual ?? null })),
    expectations: standing.expectations.map(({ code, status, ...counts }) => ({
      ...counts,
      code: ChampionExpectationCode[code],
      status: ChampionExpectationStatus[status],
    })),
  });
}

function databaseIdOrNull(globalId: string): string | null {
  try {
    return idFromInput(globalId, ENTITY, ['nominationId']);
  } catch {
    return null;
  }
}

/** Asks R-CHAMP-02 whether the caller may move the nomination to `to`; refuses otherwise. */
function decideTransition(
  ctx: RequestContext,
  nomination: ChampionNomination,
  to: ChampionNominationStatus,
  now: Date,
  extra: { sponsorId?: string } = {},
): AllowedDecision {
  const decision = championTransition.decide(
    { from: nomination.status, to, actorRole: ctx.principal.role, sponsorId: extra.sponsorId ?? nomination.sponsorEmail, completedTasks: [] },
    now,
  );
  if (decision.outcome === 'REFUSED') {
    const codeOf = (ruleCode: string) =>
      ruleCode === 'TRANSITION_NOT_ALLOWED'
        ? UserErrorCode.INVALID_TRANSITION
        : ruleCode === 'ACTOR_NOT_ALLOWED'
          ? UserErrorCode.FORBIDDEN
          : UserErrorCode.RULE_VIOLATION;
    throw new Refusal(decision.unmet.map((u) => userError(codeOf(u.code), u.message, { field: ['input', 'id'], ruleIds: [u.ruleId], ruleCode: u.code })));
  }
  return decision;
}

function withReason(decision: Decision<string>, reason: string | null | undefined): Decision<string> {
  return reason ? { ...decision, reasons: [...decision.reasons, reason] } : decision;
}

function moveTo(uow: UnitOfWork, nomination: ChampionNomination, to: ChampionNominationStatus, decision: Decision<string>): Promise<ChampionNomination> {
  return uow.changeStatus(championNominationMachine, nomination, to, decision);
}

function lockNomination(em: EntityManager, globalId: string): Promise<ChampionNomination> {
  return lockById(em, ChampionNomination, ENTITY, globalId, ['input', 'id']);
}

async function nominatingPartner(uow: UnitOfWork, partnerGlobalId: string | null | undefined): Promise<Partner> {
  const field = ['input', 'partnerId'];
  const partnerId = actingPartnerId(uow.actor, partnerGlobalId ? idFromInput(partnerGlobalId, 'Partner', field) : null, field);
  const partner = await uow.em.findOneBy(Partner, { id: partnerId });
  if (!partner) refuse(UserErrorCode.NOT_FOUND, `No Partner with ID ${partnerGlobalId ?? partnerId}`, { field });
  return partner;
}
