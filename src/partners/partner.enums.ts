import { registerEnumType } from 'type-graphql';

/** R-PTR-01 */
export enum PartnerCategory {
  CHANNEL = 'CHANNEL',
  ALLIANCE = 'ALLIANCE',
  DISTRIBUTOR = 'DISTRIBUTOR',
}

/** R-PTR-01: only for ALLIANCE partners. */
export enum AllianceType {
  CLOUD = 'CLOUD',
  PLATFORM = 'PLATFORM',
  TECHNOLOGY_ISV = 'TECHNOLOGY_ISV',
}

/** R-PTR-02: only for CHANNEL partners. */
export enum PartnerTrack {
  OPEN = 'OPEN',
  SELECT = 'SELECT',
}

/** R-PTR-06 */
export enum PartnerLifecycleStatus {
  APPLIED = 'APPLIED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  TERMINATED = 'TERMINATED',
}

/** R-PTR-08: channel partners sign the channel agreement, alliance partners the technology one. */
export enum AgreementKind {
  CHANNEL_PARTNER = 'CHANNEL_PARTNER',
  TECHNOLOGY_PARTNER = 'TECHNOLOGY_PARTNER',
}

/** Sales territories of R-DIST-01; LATAM has no distributor of its own. */
export enum Territory {
  NORTH_AMERICA = 'NORTH_AMERICA',
  EMEA = 'EMEA',
  JAPAN = 'JAPAN',
  APAC = 'APAC',
  INDIA = 'INDIA',
  THAILAND = 'THAILAND',
  US_PUBSEC = 'US_PUBSEC',
  LATAM = 'LATAM',
}

registerEnumType(AgreementKind, { name: 'AgreementKind' });
registerEnumType(AllianceType, { name: 'AllianceType' });
registerEnumType(PartnerCategory, { name: 'PartnerCategory' });
registerEnumType(PartnerLifecycleStatus, { name: 'PartnerLifecycleStatus' });
registerEnumType(PartnerTrack, { name: 'PartnerTrack' });
registerEnumType(Territory, { name: 'Territory' });
