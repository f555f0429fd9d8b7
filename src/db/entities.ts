import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiKey } from '../auth/api-key.entity';
import { ChampionActivity } from '../champions/champion-activity.entity';
import { ChampionNomination } from '../champions/champion-nomination.entity';
import { OnboardingTask } from '../champions/onboarding-task.entity';
import { ComplianceFinding } from '../compliance/compliance-finding.entity';
import { ComplianceReview } from '../compliance/compliance-review.entity';
import { IdempotencyRecord } from '../common/idempotency-record.entity';
import { CustomerCommunication } from '../customers/customer-communication.entity';
import { Customer } from '../customers/customer.entity';
import { DealRegistration } from '../deals/deal-registration.entity';
import { Distributor } from '../distributors/distributor.entity';
import { PartnerDistributor } from '../distributors/partner-distributor.entity';
import { StatusTransition } from '../history/status-transition.entity';
import { NfrLicense } from '../nfr/nfr-license.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { Certification } from '../people/certification.entity';
import { Person } from '../people/person.entity';
import { PspDesignation } from '../psp/psp-designation.entity';
import { MultiPhaseException } from '../service-registrations/multi-phase-exception.entity';
import { ServiceLine } from '../service-registrations/service-line.entity';
import { ServiceRegistration } from '../service-registrations/service-registration.entity';
import { StatementOfWork } from '../service-registrations/statement-of-work.entity';

export const ENTITIES = [
  ApiKey,
  IdempotencyRecord,
  AuditEntry,
  Partner,
  Person,
  Certification,
  Customer,
  CustomerCommunication,
  Opportunity,
  DealRegistration,
  StatusTransition,
  ServiceRegistration,
  StatementOfWork,
  MultiPhaseException,
  ServiceLine,
  PspDesignation,
  NfrLicense,
  Distributor,
  PartnerDistributor,
  ChampionNomination,
  OnboardingTask,
  ChampionActivity,
  ComplianceReview,
  ComplianceFinding,
];
