import { adminOnly } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { AuditEntry } from './audit-entry.entity';
import { AuditEntryResolver } from './audit-entry.resolver';

/** The audit trail of mutation calls (ADMIN). */
export const auditModule: DomainModule = {
  name: 'audit',
  entities: [AuditEntry],
  resolvers: [AuditEntryResolver],
  policies: [adminOnly('AuditEntry')],
};
