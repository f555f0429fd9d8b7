import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertCanReadProgramme } from '../common/access';
import { nestedPage } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { ChampionNomination, ChampionNominationConnection } from '../champions/champion-nomination.entity';
import { ComplianceReview, ComplianceReviewConnection } from '../compliance/compliance-review.entity';
import { DealRegistration, DealRegistrationConnection } from '../deals/deal-registration.entity';
import { Distributor } from '../distributors/distributor.entity';
import { historyOf } from '../history/history';
import { StatusTransitionConnection } from '../history/status-transition.entity';
import { NfrLicense, NfrLicenseConnection } from '../nfr/nfr-license.entity';
import { Person, PersonConnection } from '../people/person.entity';
import { PspDesignation } from '../psp/psp-designation.entity';
import { ServiceRegistration, ServiceRegistrationConnection } from '../service-registrations/service-registration.entity';
import {
  acceptSelectInvitation,
  activatePartner,
  applyPartner,
  invitePartnerToSelect,
  registerCatalogNamespace,
  reinstatePartner,
  signPartnerAgreement,
  suspendPartner,
  terminatePartner,
  updatePartnerProfile,
} from './partner-lifecycle.service';
import { Partner, PartnerConnection, PartnerPayload } from './partner.entity';
import {
  AcceptSelectInvitationInput,
  ActivatePartnerInput,
  ApplyPartnerInput,
  InvitePartnerToSelectInput,
  PartnerFilter,
  RegisterCatalogNamespaceInput,
  UpsertPartnersInput,
  ReinstatePartnerInput,
  SignPartnerAgreementInput,
  SuspendPartnerInput,
  TerminatePartnerInput,
  UpdatePartnerProfileInput,
} from './partner.inputs';
import { upsertPartners } from './partner-bulk.service';
import { BulkUpsertTypes } from '../common/bulk';

const { BatchPayload: UpsertPartnersPayload } = BulkUpsertTypes(Partner, 'partner', 'portalExternalId', 'UpsertPartnersPayload');
import { goodStandingOf, listPartners, nfrAllocationOf, purchasingRoutesOf, trackComplianceOf } from './partner.service';
import { NfrAllocation, PurchasingRoutes, TrackCompliance } from './partner.types';

@Resolver(() => Partner)
export class PartnerResolver {
  @Mutation(() => UpsertPartnersPayload, {
    description:
      'The portal’s partner sync: up to 500 partners keyed by portalExternalId, each applied or its profile updated on its own; a retried batch changes nothing.',
  })
  upsertPartners(@Ctx() ctx: RequestContext, @Arg('input', () => UpsertPartnersInput, { validate: false }) input: UpsertPartnersInput) {
    return upsertPartners(ctx, input);
  }

  @Query(() => PartnerConnection, { description: 'Partners; a PARTNER_USER key sees only its own.' })
  async partners(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PartnerFilter, { nullable: true }) filter?: PartnerFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    assertCanReadProgramme(ctx);
    return PartnerConnection.from(await listPartners(ctx, filter, orderBy, args));
  }

  @Mutation(() => PartnerPayload, { description: 'A program application: creates an APPLIED partner; channel partners apply for OPEN only (R-PTR-01/02/06).' })
  async applyPartner(@Ctx() ctx: RequestContext, @Arg('input', () => ApplyPartnerInput, { validate: false }) input: ApplyPartnerInput) {
    return PartnerPayload.from(await applyPartner(ctx, input));
  }

  @Mutation(() => PartnerPayload, { description: 'APPLIED → ACTIVE; needs the signed agreement of its category (R-PTR-06/08).' })
  async activatePartner(@Ctx() ctx: RequestContext, @Arg('input', () => ActivatePartnerInput, { validate: false }) input: ActivatePartnerInput) {
    return PartnerPayload.from(await activatePartner(ctx, input));
  }

  @Mutation(() => PartnerPayload, { description: 'ACTIVE → SUSPENDED (R-PTR-06).' })
  async suspendPartner(@Ctx() ctx: RequestContext, @Arg('input', () => SuspendPartnerInput, { validate: false }) input: SuspendPartnerInput) {
    return PartnerPayload.from(await suspendPartner(ctx, input));
  }

  @Mutation(() => PartnerPayload, { description: 'SUSPENDED → ACTIVE (R-PTR-06).' })
  async reinstatePartner(@Ctx() ctx: RequestContext, @Arg('input', () => ReinstatePartnerInput, { validate: false }) input: ReinstatePartnerInput) {
    return PartnerPayload.from(await reinstatePartner(ctx, input));
  }

  @Mutation(() => PartnerPayload, { description: '→ TERMINATED, which is final (R-PTR-06).' })
  async terminatePartner(@Ctx() ctx: RequestContext, @Arg('input', () => TerminatePartnerInput, { validate: false }) input: TerminatePartnerInput) {
    return PartnerPayload.from(await terminatePartner(ctx, input));
  }

  @Mutation(() => PartnerPayload, { description: 'Records the signed agreement; its kind must match the category (R-PTR-08).' })
  async signPartnerAgreement(@Ctx() ctx: RequestContext, @Arg('input', () => SignPartnerAgreementInput, { validate: false }) input: SignPartnerAgreementInput) {
    return PartnerPayload.from(await signPartnerAgreement(ctx, input));
  }

  @Mutation(() => PartnerPayload, { description: 'A CAM or Ecosystem Ops invites a channel partner to Select (R-PTR-02), naming its CAM (R-PTR-07).' })
  async invitePartnerToSelect(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => InvitePartnerToSelectInput, { validate: false }) input: InvitePartnerToSelectInput,
  ) {
    return PartnerPayload.from(await invitePartnerToSelect(ctx, input));
  }

  @Mutation(() => PartnerPayload, { description: 'The invited partner moves to Select, only if it meets R-PTR-04 and has a CAM (R-PTR-02/07).' })
  async acceptSelectInvitation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AcceptSelectInvitationInput, { validate: false }) input: AcceptSelectInvitationInput,
  ) {
    return PartnerPayload.from(await acceptSelectInvitation(ctx, input));
  }

  @Mutation(() => PartnerPayload, { description: 'Changes profile fields; a Select partner keeps its Channel Account Manager (R-PTR-07).' })
  async updatePartnerProfile(@Ctx() ctx: RequestContext, @Arg('input', () => UpdatePartnerProfileInput, { validate: false }) input: UpdatePartnerProfileInput) {
    return PartnerPayload.from(await updatePartnerProfile(ctx, input));
  }

  @Mutation(() => PartnerPayload, { description: 'An alliance partner registers its CI/CD catalog namespace and gets the partner badge (R-PTR-08).' })
  async registerCatalogNamespace(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RegisterCatalogNamespaceInput, { validate: false }) input: RegisterCatalogNamespaceInput,
  ) {
    return PartnerPayload.from(await registerCatalogNamespace(ctx, input));
  }

  @FieldResolver(() => TrackCompliance, { description: 'Each unmet track requirement, computed now (R-PTR-03/04/05).' })
  trackCompliance(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return trackComplianceOf(ctx, partner);
  }

  @FieldResolver(() => Boolean, { description: 'ACTIVE and compliant with its track (R-PTR-06).' })
  async inGoodStanding(@Root() partner: Partner, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await goodStandingOf(ctx, partner)).outcome === 'IN_GOOD_STANDING';
  }

  @FieldResolver(() => PurchasingRoutes, { description: 'Direct or through which distributors (R-DIST-01/02).' })
  purchasingRoutes(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return purchasingRoutesOf(ctx, partner);
  }

  @FieldResolver(() => [NfrAllocation], { description: 'NFR seat caps, used and remaining per product (R-NFR-02).' })
  nfrAllocation(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return nfrAllocationOf(ctx, partner);
  }

  @FieldResolver(() => PersonConnection)
  async people(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return PersonConnection.from(await nestedPage((p) => ctx.loaders.pageBy(Person, 'partnerId', p).load(partner.id), args));
  }

  @FieldResolver(() => DealRegistrationConnection)
  async dealRegistrations(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return DealRegistrationConnection.from(await nestedPage((p) => ctx.loaders.pageBy(DealRegistration, 'partnerId', p).load(partner.id), args));
  }

  @FieldResolver(() => ServiceRegistrationConnection)
  async serviceRegistrations(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return ServiceRegistrationConnection.from(await nestedPage((p) => ctx.loaders.pageBy(ServiceRegistration, 'partnerId', p).load(partner.id), args));
  }

  @FieldResolver(() => NfrLicenseConnection)
  async nfrLicenses(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return NfrLicenseConnection.from(await nestedPage((p) => ctx.loaders.pageBy(NfrLicense, 'partnerId', p).load(partner.id), args));
  }

  @FieldResolver(() => ComplianceReviewConnection)
  async complianceReviews(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return ComplianceReviewConnection.from(await nestedPage((p) => ctx.loaders.pageBy(ComplianceReview, 'partnerId', p).load(partner.id), args));
  }

  @FieldResolver(() => ChampionNominationConnection)
  async championNominations(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return ChampionNominationConnection.from(await nestedPage((p) => ctx.loaders.pageBy(ChampionNomination, 'partnerId', p).load(partner.id), args));
  }

  @FieldResolver(() => PspDesignation, { nullable: true, description: 'Professional Services Partner designation (R-PSP).' })
  async pspDesignation(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    const [designation] = await ctx.loaders.listBy(PspDesignation, 'partnerId').load(partner.id);
    return designation ?? null;
  }

  @FieldResolver(() => [Distributor], { description: 'Distributors this partner buys through.' })
  async buysThrough(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    const links = await ctx.loaders.distributorLinksByPartner().load(partner.id);
    const distributors = await ctx.loaders.byId(Distributor).loadMany(links.map((link) => link.distributorId));
    return distributors.filter((d): d is Distributor => d instanceof Distributor);
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Lifecycle decisions, oldest first (R-PTR-06).' })
  history(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, partner.id, args);
  }
}
