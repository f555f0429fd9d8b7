import 'reflect-metadata';
import '../common/graphql-enums';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ViewerResolver } from '../auth/viewer.resolver';
import { ChampionNominationResolver } from '../champions/champion-nomination.resolver';
import { NodeResolver } from '../common/node.resolver';
import { ComplianceReviewResolver } from '../compliance/compliance-review.resolver';
import { DealRegistrationResolver } from '../deals/deal-registration.resolver';
import { RenewalResolver } from '../deals/renewal.resolver';
import { DistributorResolver, PartnerStatusResolver } from '../distributors/distributor.resolver';
import { StatusTransitionResolver } from '../history/status-transition.resolver';
import { NfrLicenseResolver } from '../nfr/nfr-license.resolver';
import { CustomerResolver, OpportunityResolver } from '../opportunities/opportunity.resolver';
import { PartnerResolver } from '../partners/partner.resolver';
import { CertificationResolver, PersonResolver } from '../people/person.resolver';
import { PspDesignationResolver } from '../psp/psp-designation.resolver';
import { ServiceRegistrationResolver } from '../service-registrations/service-registration.resolver';

export const RESOLVERS = [
  NodeResolver,
  ViewerResolver,
  PartnerResolver,
  PartnerStatusResolver,
  PersonResolver,
  CertificationResolver,
  CustomerResolver,
  OpportunityResolver,
  DealRegistrationResolver,
  RenewalResolver,
  ServiceRegistrationResolver,
  PspDesignationResolver,
  NfrLicenseResolver,
  DistributorResolver,
  ChampionNominationResolver,
  ComplianceReviewResolver,
  StatusTransitionResolver,
] as const;

let cached: Promise<GraphQLSchema> | null = null;

/** The executable schema; built once per process (type-graphql metadata is global). */
export function createSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [...RESOLVERS],
    validate: { forbidUnknownValues: false },
    // The SDL file is written by `npm run schema:emit`, not at start-up.
    emitSchemaFile: false,
  });
  return cached;
}
