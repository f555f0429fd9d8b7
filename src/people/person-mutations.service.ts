import type { EntityManager } from 'typeorm';
import { actingPartnerId, checkActsFor } from '../access/acting';
import { Role } from '../auth/role.enum';
import { MutationResult, runMutation } from '../common/mutation';
import { checkVersion, idFromInput } from '../common/mutation-guards';
import type { UnitOfWork } from '../db/unit-of-work';
import { UserErrorCode, refuse } from '../common/user-error';
import type { RequestContext } from '../context';
import { Partner } from '../partners/partner.entity';
import { Certification } from './certification.entity';
import { Person } from './person.entity';
import { AddCertificationInput, AddPersonInput, EndEmploymentInput, UpdateCertificationInput, UpdatePersonInput } from './person.inputs';

/** People are portal-owned data: the partner's own users, the portal, or Ecosystem Ops on their behalf. */
const PEOPLE_EDITORS = [Role.PARTNER_USER, Role.PORTAL_SYNC, Role.ECOSYSTEM_OPS] as const;
/**
 * Decision: certifications count towards track compliance (R-PTR-03/04), so they come from the
 * portal's learning-platform sync or Ecosystem Ops, never self-declared by a PARTNER_USER key.
 */
const CERTIFICATION_RECORDERS = [Role.PORTAL_SYNC, Role.ECOSYSTEM_OPS] as const;

export function addPerson(ctx: RequestContext, input: AddPersonInput): Promise<MutationResult<Person>> {
  return runMutation(ctx, { operation: 'addPerson', roles: PEOPLE_EDITORS, input, idempotencyKey: input.idempotencyKey }, async ({ em, actor }) => {
    const field = ['input', 'partnerId'];
    const partnerId = actingPartnerId(actor, input.partnerId ? idFromInput(input.partnerId, 'Partner', field) : null, field);
    if (!(await em.existsBy(Partner, { id: partnerId }))) refuse(UserErrorCode.NOT_FOUND, `No Partner with ID ${input.partnerId}`, { field });
    return em.save(
      em.create(Person, {
        partnerId,
        firstName: input.firstName,
        lastName: input.lastName,
        email: normalizeEmail(input.email),
        jobTitle: input.jobTitle ?? null,
        isLeadership: input.isLeadership ?? false,
        portalExternalId: input.portalExternalId ?? null,
      }),
    );
  });
}

export function updatePerson(ctx: RequestContext, input: UpdatePersonInput): Promise<MutationResult<Person>> {
  return runMutation(ctx, { operation: 'updatePerson', roles: PEOPLE_EDITORS, input }, async (uow) => {
    const { em } = uow;
    const person = await lockPerson(uow, input.id, ['input', 'id']);
    checkVersion(person, input.expectedVersion);
    if (input.firstName !== undefined) person.firstName = input.firstName;
    if (input.lastName !== undefined) person.lastName = input.lastName;
    if (input.email !== undefined) person.email = normalizeEmail(input.email);
    if (input.jobTitle !== undefined) person.jobTitle = input.jobTitle;
    if (input.isLeadership !== undefined) person.isLeadership = input.isLeadership;
    return em.save(person);
  });
}

/** R-PTR-05: from the end of employment on, the person's certifications no longer count. */
export function endEmployment(ctx: RequestContext, input: EndEmploymentInput): Promise<MutationResult<Person>> {
  return runMutation(ctx, { operation: 'endEmployment', roles: PEOPLE_EDITORS, input }, async (uow) => {
    const { em, now } = uow;
    const person = await lockPerson(uow, input.id, ['input', 'id']);
    checkVersion(person, input.expectedVersion);
    if (person.employmentEndedAt !== null) {
      refuse(UserErrorCode.INVALID_TRANSITION, `The employment already ended on ${person.employmentEndedAt.toISOString()}`, {
        field: ['input', 'id'],
        ruleIds: ['R-PTR-05'],
      });
    }
    const endedAt = input.endedAt ?? now;
    // Employment counts as ended as soon as the date is set, so a future date would end it early.
    if (endedAt.getTime() > now.getTime()) refuse(UserErrorCode.VALIDATION_FAILED, 'endedAt cannot be in the future', { field: ['input', 'endedAt'] });
    person.employmentEndedAt = endedAt;
    return em.save(person);
  });
}

export function addCertification(ctx: RequestContext, input: AddCertificationInput): Promise<MutationResult<Certification>> {
  return runMutation(ctx, { operation: 'addCertification', roles: CERTIFICATION_RECORDERS, input, idempotencyKey: input.idempotencyKey }, async (uow) => {
    const { em, now } = uow;
    const person = await lockPerson(uow, input.personId, ['input', 'personId']);
    if (input.earnedAt.getTime() > now.getTime()) refuse(UserErrorCode.VALIDATION_FAILED, 'earnedAt cannot be in the future', { field: ['input', 'earnedAt'] });
    const expiresAt = input.expiresAt ?? null;
    checkExpiry(input.earnedAt, expiresAt);
    return em.save(em.create(Certification, { personId: person.id, partnerId: person.partnerId, kind: input.kind, earnedAt: input.earnedAt, expiresAt }));
  });
}

/** R-PTR-05: an expired certification stops counting. */
export function updateCertification(ctx: RequestContext, input: UpdateCertificationInput): Promise<MutationResult<Certification>> {
  return runMutation(ctx, { operation: 'updateCertification', roles: CERTIFICATION_RECORDERS, input }, async ({ em }) => {
    const field = ['input', 'id'];
    const id = idFromInput(input.id, 'Certification', field);
    const unlocked = await em.findOneBy(Certification, { id });
    if (!unlocked) refuse(UserErrorCode.NOT_FOUND, `No Certification with ID ${input.id}`, { field });
    const person = await em.findOneByOrFail(Person, { id: unlocked.personId });
    await lockPartnerThenPerson(em, person.partnerId, person.id);
    const certification = await em.findOneOrFail(Certification, { where: { id }, lock: { mode: 'pessimistic_write' } });
    checkVersion(certification, input.expectedVersion);
    const expiresAt = input.expiresAt ?? null;
    checkExpiry(certification.earnedAt, expiresAt);
    certification.expiresAt = expiresAt;
    return em.save(certification);
  });
}

function checkExpiry(earnedAt: Date, expiresAt: Date | null): void {
  if (expiresAt !== null && expiresAt.getTime() <= earnedAt.getTime()) {
    refuse(UserErrorCode.VALIDATION_FAILED, 'expiresAt must be after earnedAt', { field: ['input', 'expiresAt'] });
  }
}

/**
 * Locks the person's partner, then the person: certifications and employment decide track
 * compliance (R-PTR-05), and decisions that count them (accepting Select) lock the partner.
 */
async function lockPerson(uow: UnitOfWork, globalId: string, field: string[]): Promise<Person> {
  const id = idFromInput(globalId, 'Person', field);
  const unlocked = await uow.em.findOneBy(Person, { id });
  if (!unlocked) refuse(UserErrorCode.NOT_FOUND, `No Person with ID ${globalId}`, { field });
  checkActsFor(uow.actor, unlocked.partnerId, field);
  return lockPartnerThenPerson(uow.em, unlocked.partnerId, id);
}

async function lockPartnerThenPerson(em: EntityManager, partnerId: string, personId: string): Promise<Person> {
  await em.findOneOrFail(Partner, { where: { id: partnerId }, lock: { mode: 'pessimistic_write' } });
  return em.findOneOrFail(Person, { where: { id: personId }, lock: { mode: 'pessimistic_write' } });
}

/** The (partner, email) key is meant to catch duplicates, which differ in case as often as not. */
function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
