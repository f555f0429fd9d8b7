import { Role } from './role.enum';

/** Who is calling: the API key's id, its role and, for scoped roles, its partner or distributor. */
export interface Principal {
  keyId: string;
  role: Role;
  partnerId: string | null;
  distributorId: string | null;
}

/** Roles that read the whole programme (every partner's data). */
const PROGRAMME_WIDE_READERS = new Set<Role>([
  Role.ADMIN,
  Role.ECOSYSTEM_OPS,
  Role.ESM,
  Role.ASM,
  Role.CHANNEL_ACCOUNT_MANAGER,
  Role.CHAMPIONS_PROGRAM_MANAGER,
  Role.PARTNER_SUPPORT,
  Role.PORTAL_SYNC,
  Role.CRM_SYNC,
]);

export function readsWholeProgramme(principal: Principal): boolean {
  return PROGRAMME_WIDE_READERS.has(principal.role);
}

/** The partner a PARTNER_USER is confined to; null for every other role. */
export function partnerScopeOf(principal: Principal): string | null {
  return principal.role === Role.PARTNER_USER ? principal.partnerId : null;
}
