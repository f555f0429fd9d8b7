import { runBulk, UpsertChange } from '../common/bulk';
import { toGlobalId } from '../common/global-id';
import { MutationResult } from '../common/mutation';
import { UserErrorCode, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { Person } from './person.entity';
import { AddPersonInput, UpdatePersonInput, UpsertPeopleInput } from './person.inputs';
import { addPerson, updatePerson } from './person-mutations.service';

/**
 * The portal's people sync: each item is added (addPerson) or, when its portal ID is known,
 * updated (updatePerson) — same rules, roles and scope, one transaction each. An item equal to
 * what is stored is UNCHANGED and not written, so a retried batch bumps no version.
 */
export function upsertPeople(ctx: RequestContext, input: UpsertPeopleInput) {
  return runBulk(
    { ctx, operation: 'upsertPeople' },
    input.items,
    (item) => item.portalExternalId ?? '',
    (item) => upsertPerson(ctx, item),
  );
}

async function upsertPerson(ctx: RequestContext, item: AddPersonInput): Promise<MutationResult<Person> & { change: UpsertChange | null }> {
  if (!item.portalExternalId) {
    return {
      result: null,
      change: null,
      userErrors: [userError(UserErrorCode.VALIDATION_FAILED, 'portalExternalId is the key of the sync', { field: ['input', 'portalExternalId'] })],
    };
  }
  const existing = await ctx.dataSource.getRepository(Person).findOneBy({ portalExternalId: item.portalExternalId });
  if (!existing) return { ...(await addPerson(ctx, Object.assign(new AddPersonInput(), item))), change: UpsertChange.CREATED };
  const wanted = {
    firstName: item.firstName,
    lastName: item.lastName,
    email: item.email.toLowerCase(),
    jobTitle: item.jobTitle ?? null,
    isLeadership: item.isLeadership ?? false,
  };
  const same = (Object.keys(wanted) as Array<keyof typeof wanted>).every((key) => existing[key] === wanted[key]);
  if (same) return { result: existing, change: UpsertChange.UNCHANGED, userErrors: [] };
  const update = Object.assign(new UpdatePersonInput(), { id: toGlobalId('Person', existing.id), ...wanted });
  return { ...(await updatePerson(ctx, update)), change: UpsertChange.UPDATED };
}
