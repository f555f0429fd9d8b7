import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { partnerScopeOf, readsWholeProgramme } from '../auth/principal';
import { Role } from '../auth/role.enum';
import type { RequestContext } from '../context';
import { forbidden } from './errors';

/**
 * Programme data (partners, people, deals …) is for programme-wide roles and partner users.
 * Distributors read partner status only (R-DIST-03), through `partnerStatuses`.
 */
export function assertCanReadProgramme(ctx: RequestContext): void {
  if (!readsWholeProgramme(ctx.principal) && ctx.principal.role !== Role.PARTNER_USER) {
    throw forbidden('A DISTRIBUTOR key reads partner status only: use `partnerStatuses` (R-DIST-03)');
  }
}

/** Confines a query to the caller's own partner when the caller is a PARTNER_USER. */
export function scopeToOwnPartner<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, ctx: RequestContext, property = 'partnerId'): SelectQueryBuilder<T> {
  const partnerId = partnerScopeOf(ctx.principal);
  const column = property.includes('.') ? property : `${qb.alias}.${property}`;
  if (partnerId) qb.andWhere(`${column} = :scopePartnerId`, { scopePartnerId: partnerId });
  return qb;
}

/** Whether the caller may read a row that belongs to `partnerId`. */
export function mayReadPartnerData(ctx: RequestContext, partnerId: string | null): boolean {
  if (readsWholeProgramme(ctx.principal)) return true;
  const scope = partnerScopeOf(ctx.principal);
  return scope !== null && scope === partnerId;
}
