import { databaseIdsOf } from '../common/global-id';
import { whereIn } from '../common/list-query';
import { listPartnerOwned, listRows } from '../common/partner-owned';
import { ConnectionArgs, PageOf, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { currentCertification } from '../partners/partner.rules';
import { Certification } from './certification.entity';
import { CertificationFilter, PersonFilter } from './person.inputs';
import { Person } from './person.entity';

export function listPeople(
  ctx: RequestContext,
  filter: PersonFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Person>> {
  return listPartnerOwned(ctx, Person, filter, orderBy, args, (qb, f) => {
    whereIn(qb, 'portalExternalId', f.portalExternalIds);
    if (f.employed === true) qb.andWhere(`${qb.alias}.employmentEndedAt IS NULL`);
    if (f.employed === false) qb.andWhere(`${qb.alias}.employmentEndedAt IS NOT NULL`);
    if (f.certificationKind) {
      qb.andWhere(`EXISTS (SELECT 1 FROM certification c WHERE c.person_id = ${qb.alias}.id AND c.kind = ANY(:certificationKinds))`, {
        certificationKinds: f.certificationKind,
      });
    }
  });
}

/** R-PTR-05, for one certification: needs its holder (batched). */
export async function isCertificationCurrent(ctx: RequestContext, certification: Certification): Promise<boolean> {
  const holder = await ctx.loaders.byId(Person).load(certification.personId);
  return currentCertification.decide(
    {
      personId: certification.personId,
      kind: certification.kind,
      earnedAt: certification.earnedAt,
      expiresAt: certification.expiresAt,
      holderEmployed: holder?.employmentEndedAt === null,
    },
    ctx.clock.now(),
  );
}

export function listCertifications(
  ctx: RequestContext,
  filter: CertificationFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Certification>> {
  return listRows(ctx, Certification, filter, orderBy, args, (qb, f) => {
    whereIn(qb, 'personId', databaseIdsOf(f.personIds, 'Person', 'filter.personIds'));
    whereIn(qb, 'kind', f.kind);
  });
}
