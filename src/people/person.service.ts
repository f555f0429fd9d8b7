import { scopeToOwnPartner } from '../common/access';
import { databaseIdsOf } from '../common/global-id';
import { paginate, whereIn } from '../common/list-query';
import { ConnectionArgs, PageOf, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { currentCertification } from '../partners/partner.rules';
import { Certification } from './certification.entity';
import { CertificationFilter, PersonFilter } from './person.inputs';
import { Person } from './person.entity';

export async function listPeople(
  ctx: RequestContext,
  filter: PersonFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Person>> {
  const qb = ctx.dataSource.getRepository(Person).createQueryBuilder('person');
  scopeToOwnPartner(qb, ctx);
  whereIn(qb, 'partnerId', databaseIdsOf(filter?.partnerIds, 'Partner', 'filter.partnerIds'));
  whereIn(qb, 'portalExternalId', filter?.portalExternalIds);
  if (filter?.employed === true) qb.andWhere('person.employmentEndedAt IS NULL');
  if (filter?.employed === false) qb.andWhere('person.employmentEndedAt IS NOT NULL');
  if (filter?.certificationKind) {
    qb.andWhere('EXISTS (SELECT 1 FROM certification c WHERE c.person_id = person.id AND c.kind = ANY(:certificationKinds))', {
      certificationKinds: filter.certificationKind,
    });
  }
  return paginate(qb, filter, orderBy, args);
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

export async function listCertifications(
  ctx: RequestContext,
  filter: CertificationFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Certification>> {
  const qb = ctx.dataSource.getRepository(Certification).createQueryBuilder('certification').innerJoin('certification.person', 'person');
  scopeToOwnPartner(qb, ctx, 'person.partnerId');
  whereIn(qb, 'personId', databaseIdsOf(filter?.personIds, 'Person', 'filter.personIds'));
  whereIn(qb, 'kind', filter?.kind);
  return paginate(qb, filter, orderBy, args);
}
