import { RowPolicy, TypePolicy, readsNone, valueType } from '../access/policy';
import type { Partner } from './partner.entity';

/**
 * What another partner's key (or a distributor's) sees of a partner: its public locator reference
 * (the locator listing rule) — never its people, deals, licences, reviews, communications or private IDs.
 */
export const PARTNER_REFERENCE_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'name',
  'category',
  'allianceType',
  'track',
  'country',
  'website',
  'hasPartnerBadge',
]);

export const partnerPolicy: RowPolicy<Partner> = {
  kind: 'row',
  type: 'Partner',
  summary: {
    programme: 'all',
    partner: `own in full; any other as its public reference (${[...PARTNER_REFERENCE_FIELDS].join(', ')})`,
    distributor: 'public reference only (status through `partnerStatuses`)',
  },
  seesAll: (viewer) => viewer.readsWholeProgramme,
  shape: (partner, { viewer }) => (viewer.readsWholeProgramme || viewer.owns(partner.id) ? 'FULL' : 'REFERENCE'),
  scopeList(qb, viewer) {
    if (viewer.readsWholeProgramme) return;
    if (viewer.partnerId === null) readsNone(viewer, 'partners');
    qb.andWhere(`${qb.alias}.id = :viewerPartnerId`, { viewerPartnerId: viewer.partnerId });
  },
  referenceFields: PARTNER_REFERENCE_FIELDS,
};

export const PARTNER_POLICIES: TypePolicy[] = [partnerPolicy, valueType('TrackCompliance'), valueType('UnmetRequirement')];
