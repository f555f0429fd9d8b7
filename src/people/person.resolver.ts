import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { nestedPage } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { Partner } from '../partners/partner.entity';
import { Certification, CertificationConnection, CertificationPayload } from './certification.entity';
import { addCertification, addPerson, endEmployment, updateCertification, updatePerson } from './person-mutations.service';
import {
  AddCertificationInput,
  AddPersonInput,
  CertificationFilter,
  EndEmploymentInput,
  PersonFilter,
  UpdateCertificationInput,
  UpdatePersonInput,
  UpsertPeopleInput,
} from './person.inputs';
import { upsertPeople } from './person-bulk.service';
import { BulkUpsertTypes } from '../common/bulk';
import { Person, PersonConnection, PersonPayload } from './person.entity';
import { isCertificationCurrent, listCertifications, listPeople } from './person.service';

const { BatchPayload: UpsertPeoplePayload } = BulkUpsertTypes(Person, 'person', 'portalExternalId', 'UpsertPeoplePayload');

@Resolver(() => Person)
export class PersonResolver {
  @Mutation(() => UpsertPeoplePayload, {
    description: 'The portal’s people sync: up to 500 people keyed by portalExternalId, each added or updated on its own; a retried batch changes nothing.',
  })
  upsertPeople(@Ctx() ctx: RequestContext, @Arg('input', () => UpsertPeopleInput, { validate: false }) input: UpsertPeopleInput) {
    return upsertPeople(ctx, input);
  }

  @Query(() => PersonConnection, { description: 'People of partners; a PARTNER_USER key sees only its own partner’s.' })
  async people(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PersonFilter, { nullable: true }) filter?: PersonFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    return PersonConnection.from(await listPeople(ctx, filter, orderBy, args));
  }

  @Mutation(() => PersonPayload, { description: 'Adds a person to a partner; a PARTNER_USER key adds to its own partner only.' })
  async addPerson(@Ctx() ctx: RequestContext, @Arg('input', () => AddPersonInput, { validate: false }) input: AddPersonInput) {
    return PersonPayload.from(await addPerson(ctx, input));
  }

  @Mutation(() => PersonPayload)
  async updatePerson(@Ctx() ctx: RequestContext, @Arg('input', () => UpdatePersonInput, { validate: false }) input: UpdatePersonInput) {
    return PersonPayload.from(await updatePerson(ctx, input));
  }

  @Mutation(() => PersonPayload, { description: 'The person left the partner: its certifications stop counting (R-PTR-05).' })
  async endEmployment(@Ctx() ctx: RequestContext, @Arg('input', () => EndEmploymentInput, { validate: false }) input: EndEmploymentInput) {
    return PersonPayload.from(await endEmployment(ctx, input));
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
    return CertificationConnection.from(await listCertifications(ctx, filter, orderBy, args));
  }

  @Mutation(() => CertificationPayload, { description: 'Records a certification a person earned (R-PTR-05).' })
  async addCertification(@Ctx() ctx: RequestContext, @Arg('input', () => AddCertificationInput, { validate: false }) input: AddCertificationInput) {
    return CertificationPayload.from(await addCertification(ctx, input));
  }

  @Mutation(() => CertificationPayload, { description: 'Changes when a certification expires; an expired one stops counting (R-PTR-05).' })
  async updateCertification(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateCertificationInput, { validate: false }) input: UpdateCertificationInput) {
    return CertificationPayload.from(await updateCertification(ctx, input));
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

@Resolver(() => Partner)
export class PartnerPeopleResolver {
  @FieldResolver(() => PersonConnection, { description: 'Its people, oldest first.' })
  async people(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return PersonConnection.from(await nestedPage((p) => ctx.loaders.pageBy(Person, 'partnerId', p).load(partner.id), args));
  }
}
