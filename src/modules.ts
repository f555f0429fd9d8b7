import { auditModule } from './audit/audit.module';
import { authModule } from './auth/auth.module';
import { championsModule } from './champions/champions.module';
import { coreModule } from './common/core.module';
import type { DomainModule } from './common/domain-module';
import { Registry } from './common/registry';
import { complianceModule } from './compliance/compliance.module';
import { crmModule } from './crm/crm.module';
import { dealsModule } from './deals/deals.module';
import { distributorsModule } from './distributors/distributors.module';
import { eventsModule } from './events/events.module';
import { jobsModule } from './jobs/jobs.module';
import { nfrModule } from './nfr/nfr.module';
import { partnersModule } from './partners/partners.module';
import { peopleModule } from './people/people.module';
import { pspModule } from './psp/psp.module';
import { rulesModule } from './rules/rules.module';
import { serviceRegistrationsModule } from './service-registrations/service-registrations.module';
import { syncModule } from './sync/sync.module';

/**
 * The one place the application is composed. Order matters twice: hooks run in this order inside
 * a transaction, and timers sweep in this order.
 */
export const MODULES: readonly DomainModule[] = [
  coreModule,
  authModule,
  auditModule,
  eventsModule,
  jobsModule,
  syncModule,
  rulesModule,
  partnersModule,
  peopleModule,
  distributorsModule,
  crmModule,
  dealsModule,
  serviceRegistrationsModule,
  nfrModule,
  pspModule,
  complianceModule,
  championsModule,
];

export function createRegistry(modules: readonly DomainModule[] = MODULES): Registry {
  return new Registry(modules);
}
