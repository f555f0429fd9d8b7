import { registerEnumType } from 'type-graphql';

/** Roles of RULES.md. A rule that names a role means only that role (or ADMIN). */
export enum Role {
  PARTNER_USER = 'PARTNER_USER',
  DISTRIBUTOR = 'DISTRIBUTOR',
  PORTAL_SYNC = 'PORTAL_SYNC',
  CRM_SYNC = 'CRM_SYNC',
  ECOSYSTEM_OPS = 'ECOSYSTEM_OPS',
  ESM = 'ESM',
  ASM = 'ASM',
  CHANNEL_ACCOUNT_MANAGER = 'CHANNEL_ACCOUNT_MANAGER',
  CHAMPIONS_PROGRAM_MANAGER = 'CHAMPIONS_PROGRAM_MANAGER',
  PARTNER_SUPPORT = 'PARTNER_SUPPORT',
  ADMIN = 'ADMIN',
}

registerEnumType(Role, { name: 'Role' });
