import { registerEnumType } from 'type-graphql';

export enum DistributorKind {
  DISTRIBUTOR = 'DISTRIBUTOR',
  /** R-DIST-01: AWS Marketplace (CPPO), Google Cloud Marketplace (MCPO); act in every territory. */
  MARKETPLACE = 'MARKETPLACE',
}

registerEnumType(DistributorKind, { name: 'DistributorKind' });
