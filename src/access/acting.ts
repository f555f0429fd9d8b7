import { Role } from '../auth/role.enum';
import { UserErrorCode, refuse } from '../common/user-error';
import type { Actor } from '../events/outbox';

/**
 * Who a mutation acts for: the one resolution of "may this key act for that partner". A
 * PARTNER_USER key acts only for its own partner; a DISTRIBUTOR key for no partner (unless a rule
 * lets it, e.g. endorsing its Open partners' MDF, which the domain checks itself); every other role
 * the mutation admits acts for whichever partner it names. Timers (SYSTEM) act for any.
 */
export function checkActsFor(actor: Actor, partnerId: string, field: string[]): void {
  if (actor === 'SYSTEM') return;
  if (actor.role === Role.PARTNER_USER && actor.partnerId !== partnerId) {
    refuse(UserErrorCode.FORBIDDEN, 'A PARTNER_USER key acts only for its own partner', { field });
  }
  if (actor.role === Role.DISTRIBUTOR) refuse(UserErrorCode.FORBIDDEN, 'A DISTRIBUTOR key does not act for partners here', { field });
}

/**
 * The partner a mutation is for: the one named in the input, or the key's own when it names none.
 * Refuses when neither is given, or when a partner key names another partner.
 */
export function actingPartnerId(actor: Actor, requested: string | null | undefined, field: string[]): string {
  const own = actor !== 'SYSTEM' && actor.role === Role.PARTNER_USER ? actor.partnerId : null;
  const partnerId = requested ?? own;
  if (!partnerId) refuse(UserErrorCode.VALIDATION_FAILED, 'Name the partner this is for (partnerId)', { field });
  checkActsFor(actor, partnerId, field);
  return partnerId;
}
