import { isoDate } from '../rules/decision';
import { EntityManager, In } from 'typeorm';
import { actingPartnerId, checkActsFor } from '../access/acting';
import { ApiKey } from '../auth/api-key.entity';
import { Role } from '../auth/role.enum';
import { toGlobalId } from '../common/global-id';
import { MutationResult, runMutation } from '../common/mutation';
import { checkVersion, idFromInput } from '../common/mutation-guards';
import { UserErrorCode, refuse, refuseUnmet } from '../common/user-error';
import type { RequestContext } from '../context';
import type { UnitOfWork } from '../db/unit-of-work';
import { SUBMITTERS, serviceQualificationMachine } from './service-registration.machine';
import { Opportunity } from '../crm/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { PspDesignation } from '../psp/psp-designation.entity';
import { PspDesignationStatus } from '../psp/psp.enums';
import { MultiPhaseException } from './multi-phase-exception.entity';
import { ServiceLine } from './service-line.entity';
import { ServiceRegistration } from './service-registration.entity';
import { ServiceQualification } from './service-registration.enums';
import { AttachStatementOfWorkInput, GrantMultiPhaseExceptionInput, SubmitServiceRegistrationInput } from './service-registration.inputs';
import {
  QUALIFYING,
  SOW_EXCEPTION_GRANTORS,
  ServiceQualificationInput,
  ServiceQualificationResult,
  multiPhaseExceptionGrant,
  normalizeSowReference,
  onePerOpportunity,
  serviceQualification,
  sowReuse,
} from './service-registration.rules';
import { StatementOfWork } from './statement-of-work.entity';

const ENTITY = 'ServiceRegistration';
/** R-SAR-02: only Ecosystem Ops grants exceptions (runMutation always lets ADMIN through). */
const EXCEPTION_GRANTORS = SOW_EXCEPTION_GRANTORS.filter((role) => role !== Role.ADMIN);
/** R-PSP-03: an AT_RISK designation is still held until it is revoked. */
const PSP_HELD: readonly PspDesignationStatus[] = [PspDesignationStatus.COMPLIANT, PspDesignationStatus.AT_RISK];

/** Registers services for a customer, linked to the related license opportunity if any, and qualifies it (R-SAR-01/06/07); a dry run rolls it all back. */
export function submitServiceRegistration(ctx: RequestContext, input: SubmitServiceRegistrationInput): Promise<MutationResult<ServiceRegistration>> {
  const spec = { operation: 'submitServiceRegistration', roles: SUBMITTERS, input, idempotencyKey: input.idempotencyKey, dryRun: input.dryRun ?? false };
  return runMutation(ctx, spec, async (uow) => {
    const { em, now } = uow;
    const partner = await partnerForSubmission(uow, input.partnerId);
    const externalId = input.opportunityExternalId ?? null;
    // Locked, so registrations competing for this opportunity are qualified one at a time (R-SAR-01).
    const opportunity = externalId ? await em.findOne(Opportunity, { where: { externalId }, lock: { mode: 'pessimistic_write' } }) : null;
    if (externalId && !opportunity) {
      refuse(UserErrorCode.NOT_FOUND, `No opportunity with CRM ID ${JSON.stringify(externalId)}`, { field: ['input', 'opportunityExternalId'] });
    }
    const registration = await em.save(
      em.create(ServiceRegistration, {
        partnerId: partner.id,
        opportunityId: opportunity?.id ?? null,
        submittedAt: now,
        qualification: ServiceQualification.PENDING,
        regulatedIndustry: input.regulatedIndustry ?? false,
        portalExternalId: input.portalExternalId ?? null,
      }),
    );
    await em.save(
      input.serviceLines.map((line) =>
        em.create(ServiceLine, {
          registrationId: registration.id,
          partnerId: registration.partnerId,
          kind: line.kind,
          description: line.description ?? null,
          freeOfCharge: line.freeOfCharge ?? false,
          subcontracted: line.subcontracted ?? false,
          softwareOwnedByPartner: line.softwareOwnedByPartner ?? false,
          proofOfExecution: line.proofOfExecution ?? false,
          amount: line.amount ?? null,
          currency: line.currency ?? 'USD',
        }),
      ),
    );
    return registrationAfterRecompute(uow, registration.id, true);
  });
}

/** Attaches the one SOW of a registration (R-SAR-02) and requalifies it and its competitors (R-SAR-01/03/07). */
export function attachStatementOfWork(ctx: RequestContext, input: AttachStatementOfWorkInput): Promise<MutationResult<ServiceRegistration>> {
  return runMutation(ctx, { operation: 'attachStatementOfWork', roles: SUBMITTERS, input, idempotencyKey: input.idempotencyKey }, async (uow) => {
    const { em, now } = uow;
    const field = ['input', 'registrationId'];
    const registration = await lockRegistration(em, input.registrationId, field);
    checkActsFor(uow.actor, registration.partnerId, field);
    checkVersion(registration, input.expectedVersion);
    if (await em.existsBy(StatementOfWork, { registrationId: registration.id })) {
      refuse(UserErrorCode.ALREADY_EXISTS, 'This registration already has its statement of work', { field });
    }
    const signedOn = input.customerSignedOn ? isoDate(input.customerSignedOn) : null;
    if (signedOn !== null && signedOn > isoDate(now)) {
      refuse(UserErrorCode.VALIDATION_FAILED, 'customerSignedOn cannot be in the future', { field: ['input', 'customerSignedOn'] });
    }

    const reference = normalizeSowReference(input.reference);
    await lockSowReference(em, reference);
    const others = await em.find(StatementOfWork, { where: { reference }, order: { submittedAt: 'ASC', id: 'ASC' } });
    const exception = await em.findOne(MultiPhaseException, { where: { sowReference: reference }, order: { grantedAt: 'ASC', id: 'ASC' } });
    const grantor = exception ? await em.findOne(ApiKey, { where: { id: exception.grantedBy } }) : null;
    const reuse = sowReuse.decide(
      {
        otherRegistrationIds: others.map((sow) => toGlobalId(ENTITY, sow.registrationId)),
        multiPhaseException: exception && grantor ? { grantedByRole: grantor.role, reason: exception.reason } : null,
      },
      now,
    );
    if (reuse.outcome === 'REFUSED') refuseUnmet(reuse.unmet, ['input', 'reference']);

    await em.save(
      em.create(StatementOfWork, {
        registrationId: registration.id,
        partnerId: registration.partnerId,
        reference,
        customerSignedOn: signedOn,
        submittedAt: now,
        fullyExecuted: input.fullyExecuted ?? false,
        customerAcknowledgement: input.customerAcknowledgement ?? false,
        paid: input.paid ?? true,
        amount: input.amount ?? null,
        currency: input.currency ?? 'USD',
        // R-SAR-02: only a reuse is covered by the exception; the first SOW stays under the unique index.
        multiPhaseExceptionId: others.length > 0 && exception ? exception.id : null,
      }),
    );
    return registrationAfterRecompute(uow, registration.id, false);
  });
}

/** R-SAR-02: Ecosystem Ops lets one SOW reference back several registrations, with a reason. */
export function grantMultiPhaseException(ctx: RequestContext, input: GrantMultiPhaseExceptionInput): Promise<MutationResult<MultiPhaseException>> {
  return runMutation(
    ctx,
    { operation: 'grantMultiPhaseException', roles: EXCEPTION_GRANTORS, input, idempotencyKey: input.idempotencyKey },
    async ({ em, now }) => {
      const grant = multiPhaseExceptionGrant.decide({ grantedByRole: ctx.principal.role, reason: input.reason }, now);
      if (grant.outcome === 'REFUSED') refuseUnmet(grant.unmet, ['input', 'reason']);
      const sowReference = normalizeSowReference(input.sowReference);
      await lockSowReference(em, sowReference);
      if (await em.existsBy(MultiPhaseException, { sowReference })) {
        refuse(UserErrorCode.ALREADY_EXISTS, `SOW ${sowReference} already has a multi-phase exception`, {
          field: ['input', 'sowReference'],
          ruleIds: ['R-SAR-02'],
        });
      }
      return em.save(em.create(MultiPhaseException, { sowReference, reason: input.reason.trim(), grantedBy: ctx.principal.keyId, grantedAt: now }));
    },
  );
}

/** Which registrations to requalify: every registration matching any of the given criteria. */
export interface ServiceQualificationScope {
  /** database ids (not global IDs) */
  registrationIds?: string[];
  opportunityId?: string;
  partnerId?: string;
}

/**
 * R-SAR-07: recomputes the qualification of the registrations in `where` (database ids; the criteria
 * are OR-ed, an empty `where` touches nothing) with everything that competes with them, inside the
 * caller's transaction. Call it whenever an input changes: the opportunity's stage/close/net ARR (CRM
 * sync), a PSP designation granted or revoked (`{ partnerId }`), a SOW attached.
 *
 * It locks each affected opportunity (FOR UPDATE, in id order) before reading its registrations, so
 * the caller must not hold registration locks taken before an opportunity lock. Every registration of
 * an affected opportunity is recomputed: the one that already qualifies keeps it while it still
 * qualifies, otherwise the earliest received that qualifies wins (R-SAR-01). Stores qualification,
 * rule IDs and reasons (every unmet condition) and records a transition when any of them changes, and
 * when the next window of R-SAR-03/05 closes (`requalifyAt`). Returns the recomputed registrations.
 */
export async function recomputeServiceQualifications(uow: UnitOfWork, where: ServiceQualificationScope): Promise<ServiceRegistration[]> {
  return (await recompute(uow, where, new Set())).registrations;
}

/**
 * R-SAR-07, a window closing with time: recomputes a registration whose `requalifyAt` has come (and
 * its competitors). Asks the rule again under the locks, so a second instance firing the same target
 * finds it decided already and records nothing. True when it recorded a decision.
 */
export async function requalifyDueRegistration(uow: UnitOfWork, id: string): Promise<boolean> {
  return (await recompute(uow, { registrationIds: [id] }, new Set())).decided > 0;
}

/** `created`: registrations inserted in this transaction, whose first transition starts from null. */
async function recompute(
  uow: UnitOfWork,
  where: ServiceQualificationScope,
  created: ReadonlySet<string>,
): Promise<{ registrations: ServiceRegistration[]; decided: number }> {
  const { em, now } = uow;
  const criteria = [
    ...(where.registrationIds && where.registrationIds.length > 0 ? [{ id: In(where.registrationIds) }] : []),
    ...(where.opportunityId ? [{ opportunityId: where.opportunityId }] : []),
    ...(where.partnerId ? [{ partnerId: where.partnerId }] : []),
  ];
  if (criteria.length === 0) return { registrations: [], decided: 0 };
  const targets = await em.find(ServiceRegistration, { select: { id: true, opportunityId: true }, where: criteria });
  if (targets.length === 0) return { registrations: [], decided: 0 };

  const opportunityIds = [...new Set(targets.flatMap((t) => (t.opportunityId ? [t.opportunityId] : [])))].sort();
  const unlinkedIds = targets.filter((t) => t.opportunityId === null).map((t) => t.id);
  const opportunities =
    opportunityIds.length > 0
      ? await em.find(Opportunity, { where: { id: In(opportunityIds) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } })
      : [];
  // Read only now, under the opportunity locks: competitors are all there and up to date.
  const registrations = await em.find(ServiceRegistration, {
    where: [...(opportunityIds.length > 0 ? [{ opportunityId: In(opportunityIds) }] : []), ...(unlinkedIds.length > 0 ? [{ id: In(unlinkedIds) }] : [])],
    order: { submittedAt: 'ASC', id: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
  const facts = await loadFacts(em, registrations, opportunities);

  const results = new Map<string, ServiceQualificationResult>();
  const groups = new Map<string | null, ServiceRegistration[]>();
  for (const registration of registrations) {
    const key = registration.opportunityId;
    if (key === null) {
      results.set(registration.id, serviceQualification.decide(facts(registration), now));
      continue;
    }
    groups.set(key, [...(groups.get(key) ?? []), registration]);
  }
  for (const competitors of groups.values()) {
    for (const [id, result] of decideCompetitors(competitors, facts, now)) results.set(id, result);
  }

  // A registration losing its qualification is written first: the unique index checks every row (R-SAR-01).
  const resultOf = (registration: ServiceRegistration): ServiceQualificationResult => required(results, registration.id);
  const ordered = [...registrations].sort((a, b) => Number(qualifies(resultOf(a).outcome)) - Number(qualifies(resultOf(b).outcome)));
  let decided = 0;
  for (const registration of ordered) if (await apply(uow, registration, resultOf(registration), created.has(registration.id))) decided += 1;
  return { registrations, decided };
}

/**
 * R-SAR-01 among the registrations of one opportunity (in order of receipt): the current holder is
 * decided first, so it keeps the qualification while it still qualifies on its own facts.
 */
function decideCompetitors(
  competitors: ServiceRegistration[],
  facts: (registration: ServiceRegistration) => ServiceQualificationInput,
  now: Date,
): Map<string, ServiceQualificationResult> {
  const own = new Map(competitors.map((r) => [r.id, serviceQualification.decide(facts(r), now)]));
  const holder = competitors.find((r) => qualifies(r.qualification) && qualifies(required(own, r.id).outcome));
  const order = holder ? [holder, ...competitors.filter((r) => r !== holder)] : competitors;
  const decided: { id: string; qualification: ServiceQualification }[] = [];
  const results = new Map<string, ServiceQualificationResult>();
  for (const registration of order) {
    const result = onePerOpportunity.decide({ result: required(own, registration.id), others: decided }, now);
    decided.push({ id: toGlobalId(ENTITY, registration.id), qualification: result.outcome });
    results.set(registration.id, result);
  }
  return results;
}

/**
 * Stores a recomputed qualification and records it as a decision (R-SAR-07, R-EVT-01) when anything
 * of it changed: the qualification, its rule IDs or its unmet conditions (a new registration always).
 * Returns whether it recorded one.
 */
async function apply(uow: UnitOfWork, registration: ServiceRegistration, result: ServiceQualificationResult, isNew: boolean): Promise<boolean> {
  const { em, now } = uow;
  const from = registration.qualification;
  const to = result.outcome;
  // R-SAR-07: the reasons name every unmet condition, not only the headline.
  const reasons = [...new Set([...result.reasons, ...result.unmet.map((u) => u.message)])];
  const changed = isNew || from !== to;
  const decided = changed || !sameList(registration.qualificationRuleIds, result.ruleIds) || !sameList(registration.qualificationReasons, reasons);
  const requalifyAt = result.recheckAt;
  if (!decided) {
    // Bookkeeping for the timer, not a change of the record: its version and updatedAt stay.
    if (registration.requalifyAt?.getTime() !== requalifyAt?.getTime()) {
      await em.query(`UPDATE "service_registration" SET "requalify_at" = $1 WHERE "id" = $2`, [requalifyAt, registration.id]);
      registration.requalifyAt = requalifyAt;
    }
    return false;
  }
  registration.qualificationRuleIds = result.ruleIds;
  registration.qualificationReasons = reasons;
  registration.requalifyAt = requalifyAt;
  if (!qualifies(to)) registration.qualifiedAt = null;
  else if (changed) registration.qualifiedAt = now;
  // R-SAR-07: reported in the quarter it first qualified for the rebate, once: a loss and a regain do not move it.
  if (to === ServiceQualification.APPROVED_REBATE_AND_PSP) registration.firstQualifiedAt ??= now;
  await uow.changeStatus(
    serviceQualificationMachine,
    registration,
    to,
    { outcome: to, ruleIds: result.ruleIds, reasons: [reasons.join('; ')], unmet: result.unmet },
    { from: isNew ? null : from },
  );
  return true;
}

/** The facts the pure rule needs, read in bulk for all registrations at once. */
async function loadFacts(
  em: EntityManager,
  registrations: ServiceRegistration[],
  opportunities: Opportunity[],
): Promise<(registration: ServiceRegistration) => ServiceQualificationInput> {
  const ids = registrations.map((r) => r.id);
  const partnerIds = [...new Set(registrations.map((r) => r.partnerId))];
  // One after the other: a transaction's connection runs one statement at a time.
  const sows = await em.find(StatementOfWork, { where: { registrationId: In(ids) } });
  const lines = await em.find(ServiceLine, { where: { registrationId: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
  const designations = await em.find(PspDesignation, { where: { partnerId: In(partnerIds), status: In([...PSP_HELD]) } });
  const opportunityById = new Map(opportunities.map((o) => [o.id, o]));
  const sowByRegistration = new Map(sows.map((s) => [s.registrationId, s]));
  const pspHolders = new Set(designations.map((d) => d.partnerId));
  return (registration) => {
    const opportunity = registration.opportunityId ? (opportunityById.get(registration.opportunityId) ?? null) : null;
    const sow = sowByRegistration.get(registration.id) ?? null;
    return {
      opportunity: opportunity
        ? { stage: opportunity.stage, closedAt: opportunity.closedAt, netArrPresent: opportunity.netArr !== null && Number(opportunity.netArr) > 0 }
        : null,
      hasRelatedLicenseOpportunity: registration.opportunityId !== null,
      partnerHoldsPsp: pspHolders.has(registration.partnerId),
      sow: sow
        ? {
            reference: sow.reference,
            fullyExecuted: sow.fullyExecuted,
            customerAcknowledgement: sow.customerAcknowledgement,
            regulatedIndustry: registration.regulatedIndustry,
            customerSignedAt: sow.customerSignedOn ? new Date(`${sow.customerSignedOn}T00:00:00Z`) : null,
            submittedAt: sow.submittedAt,
            paid: sow.paid,
          }
        : null,
      registrationSubmittedAt: registration.submittedAt,
      serviceLines: lines.filter((l) => l.registrationId === registration.id),
    };
  };
}

async function registrationAfterRecompute(uow: UnitOfWork, id: string, isNew: boolean): Promise<ServiceRegistration> {
  const { registrations } = await recompute(uow, { registrationIds: [id] }, isNew ? new Set([id]) : new Set());
  return registrations.find((r) => r.id === id) ?? uow.em.findOneByOrFail(ServiceRegistration, { id });
}

/** Locks the opportunity first, then the registration: the order `recompute` uses, so no deadlock. */
async function lockRegistration(em: EntityManager, globalId: string, field: string[]): Promise<ServiceRegistration> {
  const id = idFromInput(globalId, ENTITY, field);
  const unlocked = await em.findOne(ServiceRegistration, { where: { id } });
  if (!unlocked) refuse(UserErrorCode.NOT_FOUND, `No ServiceRegistration with ID ${globalId}`, { field });
  if (unlocked.opportunityId) await em.findOne(Opportunity, { where: { id: unlocked.opportunityId }, lock: { mode: 'pessimistic_write' } });
  return em.findOneOrFail(ServiceRegistration, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/**
 * R-SAR-02: attachments and exception grants for one SOW reference run one at a time, so a reuse
 * sees the first SOW and its exception (the partial unique index stays the last line of defence).
 */
async function lockSowReference(em: EntityManager, reference: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`statement_of_work:${reference}`]);
}

async function partnerForSubmission(uow: UnitOfWork, partnerGlobalId: string | null | undefined): Promise<Partner> {
  const field = ['input', 'partnerId'];
  const id = actingPartnerId(uow.actor, partnerGlobalId ? idFromInput(partnerGlobalId, 'Partner', field) : null, field);
  const partner = await uow.em.findOne(Partner, { where: { id } });
  if (!partner) refuse(UserErrorCode.NOT_FOUND, `No Partner with ID ${partnerGlobalId ?? id}`, { field });
  return partner;
}

/** Every registration read is decided: a missing one is a bug, not a state. */
function required<V>(map: ReadonlyMap<string, V>, id: string): V {
  const value = map.get(id);
  if (value === undefined) throw new Error(`No qualification decided for registration ${id}`);
  return value;
}

function qualifies(qualification: ServiceQualification): boolean {
  return QUALIFYING.includes(qualification);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
