import type { EntityManager, EntityTarget } from 'typeorm';
import { partnerScopeOf } from '../auth/principal';
import type { RequestContext } from '../context';
import type { BaseRecord } from './base.entity';
import { databaseIdOf } from './global-id';
import { UserErrorCode, refuse } from './user-error';

/** The database id behind a global ID input, or a NOT_FOUND user error on that field. */
export function idFromInput(globalId: string, typeName: string, field: string[]): string {
  const id = databaseIdOf(globalId, typeName);
  if (!id) refuse(UserErrorCode.NOT_FOUND, `No ${typeName} with ID ${JSON.stringify(globalId.slice(0, 80))}`, { field });
  return id;
}

/**
 * Loads a row by global ID and locks it for the rest of the transaction, so concurrent mutations
 * of the same row run one after the other. Refuses NOT_FOUND when absent.
 */
export async function lockById<T extends BaseRecord>(
  em: EntityManager,
  entity: EntityTarget<T>,
  typeName: string,
  globalId: string,
  field: string[],
): Promise<T> {
  const id = idFromInput(globalId, typeName, field);
  const row = await em.findOne(entity, { where: { id } as never, lock: { mode: 'pessimistic_write' } });
  if (!row) refuse(UserErrorCode.NOT_FOUND, `No ${typeName} with ID ${globalId}`, { field });
  return row;
}

/** Optimistic concurrency: refuse when the client edited an older version than the current one. */
export function checkVersion(row: BaseRecord, expectedVersion: number | null | undefined): void {
  if (expectedVersion !== null && expectedVersion !== undefined && row.version !== expectedVersion) {
    refuse(UserErrorCode.CONFLICT, `Expected version ${expectedVersion}, but it is at version ${row.version}: read it again`, {
      field: ['input', 'expectedVersion'],
    });
  }
}

/** A partner user acts only for its own partner. */
export function checkActsForPartner(ctx: RequestContext, partnerId: string, field: string[]): void {
  const scope = partnerScopeOf(ctx.principal);
  if (scope !== null && scope !== partnerId) refuse(UserErrorCode.FORBIDDEN, 'A PARTNER_USER key acts only for its own partner', { field });
}
