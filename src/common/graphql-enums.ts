import { registerEnumType } from 'type-graphql';
import { Role } from '../auth/role.enum';
import { ChampionActivityKind, ChampionNominationStatus, OnboardingTaskKind } from '../champions/champion.enums';
import { ComplianceReviewKind, ComplianceReviewStatus } from '../compliance/compliance.enums';
import { DealProgramType, DealRegistrationStatus, DealRoute } from '../deals/deal.enums';
import { DistributorKind } from '../distributors/distributor.enums';
import { NfrLicenseStatus, NfrProduct, NfrUse } from '../nfr/nfr.enums';
import { OpportunityKind, OpportunityStage } from '../opportunities/opportunity.enums';
import { AgreementKind, AllianceType, PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from '../partners/partner.enums';
import { CertificationKind } from '../people/person.enums';
import { PspDesignationStatus, PspServiceOffering } from '../psp/psp.enums';
import { ServiceLineKind, ServiceQualification } from '../service-registrations/service-registration.enums';

/** Every domain enum, exposed to GraphQL under its own name. */
const ENUMS: Record<string, object> = {
  Role,
  PartnerCategory,
  AllianceType,
  PartnerTrack,
  PartnerLifecycleStatus,
  AgreementKind,
  Territory,
  CertificationKind,
  OpportunityStage,
  OpportunityKind,
  DealProgramType,
  DealRegistrationStatus,
  DealRoute,
  ServiceQualification,
  ServiceLineKind,
  PspDesignationStatus,
  PspServiceOffering,
  NfrProduct,
  NfrLicenseStatus,
  NfrUse,
  DistributorKind,
  ChampionNominationStatus,
  OnboardingTaskKind,
  ChampionActivityKind,
  ComplianceReviewKind,
  ComplianceReviewStatus,
};

for (const [name, enumObject] of Object.entries(ENUMS)) registerEnumType(enumObject, { name });
