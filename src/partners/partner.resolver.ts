import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { DecisionRecord, decisionOf } from '../events/decision';
import { historyOf } from '../events/history';
import { StatusTransitionConnection } from '../events/status-transition.entity';
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
import { goodStandingOf, listPartners, trackComplianceOf } from './partner.service';
import { TrackCompliance } from './partner.types';

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

  @FieldResolver(() => StatusTransitionConnection, { description: 'Lifecycle decisions, oldest first (R-PTR-06).' })
  history(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, partner.id, args);
  }

  @FieldResolver(() => DecisionRecord, {
    nullable: true,
    description: 'The latest decision on it: outcome, rule IDs, reasons, unmet conditions, when and by whom.',
  })
  decision(@Root() partner: Partner, @Ctx() ctx: RequestContext) {
    return decisionOf(ctx, 'Partner', partner.id);
  }
}
