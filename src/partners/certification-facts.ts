import type { EntityManager } from 'typeorm';
import { defineLoader, groupBy } from '../loaders/loaders';
import type { CertificationFact } from './partner.rules';
import { CertificationKind } from '../people/person.enums';

export interface PartnerCertificationFact extends CertificationFact {
  partnerId: string;
}

/** Every certification of every person of the given partners, with the holder's employment (R-PTR-05). */
export async function certificationFactsOf(manager: EntityManager, partnerIds: readonly string[]): Promise<PartnerCertificationFact[]> {
  const rows: Array<{
    partner_id: string;
    person_id: string;
    kind: CertificationKind;
    earned_at: Date;
    expires_at: Date | null;
    employment_ended_at: Date | null;
  }> = await manager.query(
    `SELECT p.partner_id, c.person_id, c.kind, c.earned_at, c.expires_at, p.employment_ended_at
         FROM certification c JOIN person p ON p.id = c.person_id
        WHERE p.partner_id = ANY($1)`,
    [[...partnerIds]],
  );
  return rows.map((row) => ({
    partnerId: row.partner_id,
    personId: row.person_id,
    kind: row.kind,
    earnedAt: new Date(row.earned_at),
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    holderEmployed: row.employment_ended_at === null,
  }));
}

/** Per request: the certification facts of each partner, one statement per batch of partners. */
export const certificationFactsByPartner = defineLoader<string, PartnerCertificationFact[]>('certificationFactsByPartner', async (manager, partnerIds) =>
  groupBy(partnerIds, await certificationFactsOf(manager, partnerIds), (fact) => fact.partnerId),
);
