import type { EntityManager } from 'typeorm';
import { PolicyReader, RowPolicy, partnerOwned, readsNone, valueType } from '../access/policy';
import type { Viewer } from '../access/viewer';
import { CustomerCommunication } from './customer-communication.entity';
import { Customer } from './customer.entity';
import { Opportunity } from './opportunity.entity';

/** SQL: the partner registered (a deal or a service registration) or resold this opportunity. */
export function partnerTouchesOpportunity(opportunityIdSql: string, partnerParam: string): string {
  return `(EXISTS (SELECT 1 FROM deal_registration d WHERE d.opportunity_id = ${opportunityIdSql} AND d.partner_id = ${partnerParam})
        OR EXISTS (SELECT 1 FROM service_registration s WHERE s.opportunity_id = ${opportunityIdSql} AND s.partner_id = ${partnerParam})
        OR EXISTS (SELECT 1 FROM opportunity r WHERE r.id = ${opportunityIdSql} AND r.reseller_partner_id = ${partnerParam}))`;
}

function touchedOpportunities(em: EntityManager, partnerId: string) {
  return async (opportunityIds: readonly string[]): Promise<boolean[]> => {
    const rows: Array<{ id: string }> = await em.query(`SELECT o.id FROM opportunity o WHERE o.id = ANY($1) AND ${partnerTouchesOpportunity('o.id', '$2')}`, [
      [...opportunityIds],
      partnerId,
    ]);
    const touched = new Set(rows.map((row) => row.id));
    return opportunityIds.map((id) => touched.has(id));
  };
}

function touchedCustomers(em: EntityManager, partnerId: string) {
  return async (customerIds: readonly string[]): Promise<boolean[]> => {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT c.id FROM customer c WHERE c.id = ANY($1)
         AND (c.incumbent_partner_id = $2 OR EXISTS (SELECT 1 FROM opportunity o WHERE o.customer_id = c.id AND ${partnerTouchesOpportunity('o.id', '$2')}))`,
      [[...customerIds], partnerId],
    );
    const touched = new Set(rows.map((row) => row.id));
    return customerIds.map((id) => touched.has(id));
  };
}

/**
 * CRM rows are programme data; a partner key reads an opportunity it registered or resold, and a
 * customer it is incumbent of or has such an opportunity with. Everything else looks absent.
 */
function crmPolicy<T extends Customer | Opportunity>(type: string, check: typeof touchedCustomers): RowPolicy<T> {
  return {
    kind: 'row',
    type,
    summary: {
      programme: 'all',
      partner: `those it registered a deal or service for, or resold${type === 'Customer' ? ' (or is incumbent of)' : ''}`,
      distributor: 'none',
    },
    seesAll: (viewer) => viewer.readsWholeProgramme,
    shape(row: T, reader: PolicyReader) {
      const partnerId = reader.viewer.partnerId;
      if (reader.viewer.readsWholeProgramme) return 'FULL';
      if (partnerId === null) return 'NONE';
      return reader.lookup(`crm:${type}:touched-by`, check(reader.em, partnerId), row.id).then((touched) => (touched ? 'FULL' : 'NONE'));
    },
    scopeList(qb, viewer: Viewer) {
      if (viewer.readsWholeProgramme) return;
      if (viewer.partnerId === null) readsNone(viewer, `${type} rows`);
      const condition =
        type === 'Customer'
          ? `(${qb.alias}.incumbentPartnerId = :viewerPartnerId OR EXISTS (SELECT 1 FROM opportunity o WHERE o.customer_id = ${qb.alias}.id AND ${partnerTouchesOpportunity('o.id', ':viewerPartnerId')}))`
          : partnerTouchesOpportunity(`${qb.alias}.id`, ':viewerPartnerId');
      qb.andWhere(condition, { viewerPartnerId: viewer.partnerId });
    },
  };
}

export const CRM_POLICIES = [
  crmPolicy<Customer>(Customer.name, touchedCustomers),
  crmPolicy<Opportunity>(Opportunity.name, touchedOpportunities),
  // A communication designates one partner: it is that partner's, and programme data.
  partnerOwned<CustomerCommunication>(CustomerCommunication.name, { ownerOf: (row) => row.partnerId }),
  valueType('Incumbency'),
  valueType('UpsertOpportunityPayload'),
];
