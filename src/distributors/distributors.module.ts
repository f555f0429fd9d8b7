import { RowPolicy, publicRows, valueType } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { DISTRIBUTION_RULES } from './distributor.catalogue';
import { Distributor } from './distributor.entity';
import { DistributorResolver, PartnerDistributionResolver, PartnerStatusResolver } from './distributor.resolver';
import { servedPartners } from './distributor.service';
import { PartnerDistributor } from './partner-distributor.entity';
import type { PartnerStatus } from './partner-status.types';

/** R-DIST-03: a distributor sees the status of the partners it serves; a partner key its own. */
const partnerStatusPolicy: RowPolicy<PartnerStatus> = {
  kind: 'row',
  type: 'PartnerStatus',
  summary: { programme: 'all', partner: 'own', distributor: 'partners it serves (territory, or buying through it)' },
  seesAll: (viewer) => viewer.readsWholeProgramme,
  shape(status, reader) {
    if (reader.viewer.owns(status.partner.id)) return 'FULL';
    if (reader.viewer.distributorId === null) return 'NONE';
    return reader.serves(status.partner.id).then((served) => (served ? 'FULL' : 'NONE'));
  },
};

/** Distributors and marketplaces, purchasing routes and the distributor view of partners (R-DIST). */
export const distributorsModule: DomainModule = {
  name: 'distributors',
  entities: [Distributor, PartnerDistributor],
  nodeTypes: [Distributor],
  resolvers: [DistributorResolver, PartnerStatusResolver, PartnerDistributionResolver],
  policies: [publicRows('Distributor'), partnerStatusPolicy, valueType('PurchasingRoutes'), valueType('ComplianceSummary')],
  rules: DISTRIBUTION_RULES,
  servedPartners,
};
