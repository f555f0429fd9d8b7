import { partnerOwned, programmeOnly, valueType } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { UserErrorCode } from '../common/user-error';
import { MultiPhaseException } from './multi-phase-exception.entity';
import { ServiceLine } from './service-line.entity';
import { serviceQualificationWindowTimer } from './service-registration-timers';
import { SERVICE_REGISTRATION_RULES } from './service-registration.catalogue';
import { ServiceRegistration } from './service-registration.entity';
import { requalifyOnOpportunityChange, requalifyOnPspChange } from './service-registration.hooks';
import { serviceQualificationMachine } from './service-registration.machine';
import {
  OpportunityServiceRegistrationsResolver,
  PartnerServiceRegistrationsResolver,
  ServiceRegistrationResolver,
  StatementOfWorkResolver,
} from './service-registration.resolver';
import { StatementOfWork } from './statement-of-work.entity';

const owned = <T extends { partnerId: string }>(type: string) => partnerOwned<T>(type, { ownerOf: (row) => row.partnerId });

/** Service attached registrations, their SOWs and service lines, and the quarterly rebate report (R-SAR). */
export const serviceRegistrationsModule: DomainModule = {
  name: 'service-registrations',
  entities: [ServiceRegistration, StatementOfWork, MultiPhaseException, ServiceLine],
  nodeTypes: [ServiceRegistration, StatementOfWork, MultiPhaseException, ServiceLine],
  resolvers: [ServiceRegistrationResolver, StatementOfWorkResolver, PartnerServiceRegistrationsResolver, OpportunityServiceRegistrationsResolver],
  policies: [
    owned<ServiceRegistration>('ServiceRegistration'),
    owned<StatementOfWork>('StatementOfWork'),
    owned<ServiceLine>('ServiceLine'),
    // Granted by Ecosystem Ops on a SOW reference, which may span partners: programme data.
    programmeOnly('MultiPhaseException'),
    valueType('ServiceRebateReport'),
    valueType('ServiceRebateLine'),
  ],
  rules: SERVICE_REGISTRATION_RULES,
  machines: [serviceQualificationMachine],
  timers: [serviceQualificationWindowTimer],

  hooks: [requalifyOnOpportunityChange, requalifyOnPspChange],
  constraintErrors: {
    service_registration_one_qualifying_per_opportunity: {
      code: UserErrorCode.CONFLICT,
      message: 'Another service registration already qualifies for this opportunity (R-SAR-01)',
      ruleIds: ['R-SAR-01'],
    },
    statement_of_work_reference_unique: {
      code: UserErrorCode.RULE_VIOLATION,
      message: 'This SOW already backs another registration; only a multi-phase exception allows reuse (R-SAR-02)',
      ruleIds: ['R-SAR-02'],
    },
    service_registration_portal_external_id_key: {
      code: UserErrorCode.ALREADY_EXISTS,
      message: 'A service registration with this portal ID exists already',
      ruleIds: [],
    },
  },
};
