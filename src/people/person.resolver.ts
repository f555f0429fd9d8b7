import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertCanReadProgramme } from '../common/access';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { Partner } from '../partners/partner.entity';
import { Certification, CertificationConnection } from './certification.entity';
import { CertificationFilter, PersonFilter } from './person.inputs';
import { Person, PersonConnection } from './person.entity';
import { isCertificationCurrent, listCertifications, listPeople } from './person.service';

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => PersonConnection, { description: 'People of partners; a PARTNER_USER key sees only its own partner’s.' })
  async people(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PersonFilter, { nullable: true }) filter?: PersonFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    assertCanReadProgramme(ctx);
    return PersonConnection.from(await listPeople(ctx, filter, orderBy, args));
  }

  @FieldResolver(() => Partner)
  partner(@Root() person: Person, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(person.partnerId);
  }

  @FieldResolver(() => [Certification], { description: 'Every certification, current or not, oldest first.' })
  certifications(@Root() person: Person, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(Certification, 'personId').load(person.id);
  }
}

@Resolver(() => Certification)
export class CertificationResolver {
  @Query(() => CertificationConnection, { description: 'Certifications of partner people, for incremental sync.' })
  async certifications(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => CertificationFilter, { nullable: true }) filter?: CertificationFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    assertCanReadProgramme(ctx);
    return CertificationConnection.from(await listCertifications(ctx, filter, orderBy, args));
  }

  @FieldResolver(() => Boolean, { description: 'Earned, not expired, holder still employed: it counts (R-PTR-05).' })
  current(@Root() certification: Certification, @Ctx() ctx: RequestContext) {
    return isCertificationCurrent(ctx, certification);
  }

  @FieldResolver(() => Person)
  person(@Root() certification: Certification, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Person).load(certification.personId);
  }
}
