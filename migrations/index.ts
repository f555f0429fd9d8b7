import { InitialSchema1795426411420 } from './1795426411420-InitialSchema';
import { SeedDistributors1795426411421 } from './1795426411421-SeedDistributors';
import { MutationSupport1795427118070 } from './1795427118070-MutationSupport';
import { CustomerCommunications1795427570116 } from './1795427570116-CustomerCommunications';
import { EventSequence1795427900000 } from './1795427900000-EventSequence';
import { RateLimits1795428000000 } from './1795428000000-RateLimits';
import { AuditAndKeys1795428100000 } from './1795428100000-AuditAndKeys';
import { ChangeLog1795428200000 } from './1795428200000-ChangeLog';
import { PartnerOwnershipAndDecisions1795428300000 } from './1795428300000-PartnerOwnershipAndDecisions';
import { DealOpsReviewAndCustomerMatching1795428455000 } from './1795428455000-DealOpsReviewAndCustomerMatching';
import { ServiceQualificationWindows1795428460000 } from './1795428460000-ServiceQualificationWindows';
import { ChampionActivation1795428470000 } from './1795428470000-ChampionActivation';

/** Every migration, in order. New ones: `npm run migration:generate -- migrations/Name`, then review and list here. */
export const MIGRATIONS = [
  InitialSchema1795426411420,
  SeedDistributors1795426411421,
  MutationSupport1795427118070,
  CustomerCommunications1795427570116,
  EventSequence1795427900000,
  RateLimits1795428000000,
  AuditAndKeys1795428100000,
  ChangeLog1795428200000,
  PartnerOwnershipAndDecisions1795428300000,
  DealOpsReviewAndCustomerMatching1795428455000,
  ServiceQualificationWindows1795428460000,
  ChampionActivation1795428470000,
];
