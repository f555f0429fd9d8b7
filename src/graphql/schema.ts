import 'reflect-metadata';
import '../common/graphql-enums';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ApiKeyResolver } from '../auth/api-key.resolver';
import { AuditEntryResolver } from '../audit/audit-entry.resolver';
import { ViewerResolver } from '../auth/viewer.resolver';
import { ChampionNominationResolver } from '../champions/champion-nomination.resolver';
import { NodeResolver } from '../common/node.resolver';
import { ComplianceReviewResolver } from '../compliance/compliance-review.resolver';
import { DealRegistrationResolver } from '../deals/deal-registration.resolver';
import { RenewalResolver } from '../deals/renewal.resolver';
import { DistributorResolver, PartnerStatusResolver } from '../distributors/distributor.resolver';
import { ApprovalEventResolver } from '../events/approval-events.resolver';
import { JobsResolver } from '../jobs/jobs.resolver';
import { ChangesResolver } from '../sync/changes.resolver';
import { StatusTransitionResolver } from '../history/status-transition.resolver';
import { NfrLicenseResolver } from '../nfr/nfr-license.resolver';
import { CustomerResolver, OpportunityResolver } from '../opportunities/opportunity.resolver';
import { PartnerResolver } from '../partners/partner.resolver';
import { CertificationResolver, PersonResolver } from '../people/person.resolver';
import { PspDesignationResolver } from '../psp/psp-designation.resolver';
import { ServiceRegistrationResolver, StatementOfWorkResolver } from '../service-registrations/service-registration.resolver';

export const RESOLVERS = [
  NodeResolver,
  ViewerResolver,
  ApiKeyResolver,
  AuditEntryResolver,
  PartnerResolver,
  PartnerStatusResolver,
  PersonResolver,
  CertificationResolver,
  CustomerResolver,
  OpportunityResolver,
  DealRegistrationResolver,
  RenewalResolver,
  ServiceRegistrationResolver,
  StatementOfWorkResolver,
  PspDesignationResolver,
  NfrLicenseResolver,
  DistributorResolver,
  ChampionNominationResolver,
  ComplianceReviewResolver,
  StatusTransitionResolver,
  ApprovalEventResolver,
  JobsResolver,
  ChangesResolver,
] as const;

let cached: Promise<GraphQLSchema> | null = null;

/** The executable schema; built once per process (type-graphql metadata is global). */
export function createSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [...RESOLVERS],
    validate: { forbidUnknownValues: false },
    // type-graphql wants a PubSub for any subscription, but ours each bring their own `subscribe`
    // (replay from the outbox, then live events from the dispatcher): topic-based pub/sub is unused.
    pubSub: {
      publish: () => {
        throw new Error('Topic pub/sub is not used: publish status changes through the outbox');
      },
      subscribe: () => {
        throw new Error('Topic pub/sub is not used: subscriptions define `subscribe`');
      },
    },
    // The SDL file is written by `npm run schema:emit`, not at start-up.
    emitSchemaFile: false,
  });
  return cached;
}
