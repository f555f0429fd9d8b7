import { actingPartnerId } from '../access/acting';
import { Role } from '../auth/role.enum';
import { MutationResult, runMutation } from '../common/mutation';
import { checkVersion, idFromInput, lockById } from '../common/mutation-guards';
import { Refusal, UserErrorCode, refuse, refuseUnmet, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import type { UnitOfWork } from '../db/unit-of-work';
import { certificationFactsOf } from './certification-facts';
import { AllowedDecision, UnmetCondition } from '../rules/decision';
import { APPLICANTS, LIFECYCLE_MANAGERS, PARTNER_SIDE, TERMINATORS, partnerLifecycle, partnerTrack } from './partner.machine';
import { trackComplianceInputOf } from './partner.rules';
import {
  catalogNamespaceRegistration,
  channelAccountManagerAssigned,
  decidePartnerTransition,
  partnerApplicationTrack,
  partnerCategoryShape,
  partnerNotTerminated,
  SELECT_INVITERS,
  selectInvitation,
  selectInvitationAcceptance,
  signedAgreement,
} from './partner-lifecycle.rules';
import { Partner } from './partner.entity';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from './partner.enums';
import {
  AcceptSelectInvitationInput,
  ActivatePartnerInput,
  ApplyPartnerInput,
  InvitePartnerToSelectInput,
  PartnerStatusChangeInput,
  ReinstatePartnerInput,
  RegisterCatalogNamespaceInput,
  SignPartnerAgreementInput,
  SuspendPartnerInput,
  TerminatePartnerInput,
  UpdatePartnerProfileInput,
} from './partner.inputs';

const ENTITY = 'Partner';
const ID_FIELD = ['input', 'id'];

/** Agreements and the catalog namespace: the partner (own only), its portal, or Ops on its behalf. */
const PARTNER_RECORD_EDITORS = [Role.PARTNER_USER, Role.PORTAL_SYNC, Role.ECOSYSTEM_OPS] as const;
/** Decision: the profile holds program-side fields (CAM, JBP, revenue target, AWS competency), so a PARTNER_USER key edits it through the portal only. */
const PROFILE_EDITORS = [Role.PORTAL_SYNC, Role.ECOSYSTEM_OPS, Role.CHANNEL_ACCOUNT_MANAGER] as const;

/** A new partner, APPLIED (R-PTR-06), with its category (R-PTR-01) and, for channel partners, the Open track (R-PTR-02). */
export function applyPartner(ctx: RequestContext, input: ApplyPartnerInput): Promise<MutationResult<Partner>> {
  return runMutation(ctx, { operation: 'applyPartner', roles: APPLICANTS, input, idempotencyKey: input.idempotencyKey }, async (uow) => {
    const { em, now } = uow;
    const allianceType = input.allianceType ?? null;
    const shape = partnerCategoryShape.decide({ category: input.category, allianceType }, now);
    if (shape.outcome === 'REFUSED') refuseUnmet(shape.unmet, ['input', 'allianceType']);
    const requestedTrack = input.track ?? null;
    const track = partnerApplicationTrack.decide({ category: input.category, requestedTrack }, now);
    if (track.outcome === 'REFUSED') refuseUnmet(track.unmet, ['input', 'track']);

    const partner = em.create(Partner, {
      name: input.name,
      category: input.category,
      allianceType,
      track: input.category === PartnerCategory.CHANNEL ? PartnerTrack.OPEN : null,
      territory: input.territory,
      country: input.country,
      website: input.website ?? null,
      portalExternalId: input.portalExternalId ?? null,
      crmAccountId: input.crmAccountId ?? null,
    });
    return uow.changeStatus(partnerLifecycle, partner, PartnerLifecycleStatus.APPLIED, {
      outcome: PartnerLifecycleStatus.APPLIED,
      ruleIds: ['R-PTR-06', 'R-PTR-01', ...(input.category === PartnerCategory.CHANNEL ? ['R-PTR-02'] : [])],
      reasons: [`${input.category} partner applied${partner.track ? ` for the ${partner.track} track` : ''}`],
    });
  });
}

/** APPLIED → ACTIVE: authorized once the agreement of its category is signed (R-PTR-06, R-PTR-08). */
export function activatePartner(ctx: RequestContext, input: ActivatePartnerInput): Promise<MutationResult<Partner>> {
  return changeStatus(ctx, 'activatePartner', LIFECYCLE_MANAGERS, input, PartnerLifecycleStatus.ACTIVE, 'Authorized', PartnerLifecycleStatus.APPLIED);
}

export function suspendPartner(ctx: RequestContext, input: SuspendPartnerInput): Promise<MutationResult<Partner>> {
  return changeStatus(ctx, 'suspendPartner', LIFECYCLE_MANAGERS, input, PartnerLifecycleStatus.SUSPENDED, 'Suspended');
}

/** SUSPENDED → ACTIVE only; APPLIED → ACTIVE is activatePartner. */
export function reinstatePartner(ctx: RequestContext, input: ReinstatePartnerInput): Promise<MutationResult<Partner>> {
  return changeStatus(ctx, 'reinstatePartner', LIFECYCLE_MANAGERS, input, PartnerLifecycleStatus.ACTIVE, 'Reinstated', PartnerLifecycleStatus.SUSPENDED);
}

export function terminatePartner(ctx: RequestContext, input: TerminatePartnerInput): Promise<MutationResult<Partner>> {
  return changeStatus(ctx, 'terminatePartner', TERMINATORS, input, PartnerLifecycleStatus.TERMINATED, 'Terminated');
}

/** R-PTR-06 transition table (with R-PTR-08 for activation), then the write and its history row. */
function changeStatus(
  ctx: RequestContext,
  operation: string,
  roles: readonly Role[],
  input: PartnerStatusChangeInput,
  to: PartnerLifecycleStatus,
  verb: string,
  requiredFrom?: PartnerLifecycleStatus,
): Promise<MutationResult<Partner>> {
  return runMutation(ctx, { operation, roles, input }, async (uow) => {
    const { em, now } = uow;
    const partner = await lockById(em, Partner, ENTITY, input.id, ID_FIELD);
    checkVersion(partner, input.expectedVersion);
    const from = partner.status;
    if (requiredFrom !== undefined && from !== requiredFrom) {
      refuse(UserErrorCode.INVALID_TRANSITION, `Only a partner that is ${requiredFrom} can be ${verb.toLowerCase()}; this one is ${from} (R-PTR-06)`, {
        field: ID_FIELD,
        ruleIds: ['R-PTR-06'],
        ruleCode: 'TRANSITION_NOT_ALLOWED',
      });
    }
    const decision = decidePartnerTransition(
      { from, to, category: partner.category, agreementKind: partner.agreementKind, agreementSignedAt: partner.agreementSignedAt },
      now,
    );
    refuseIfUnmet(decision, ID_FIELD);
    return uow.changeStatus(partnerLifecycle, partner, to, {
      ...decision,
      reasons: [`${verb}: ${decision.reasons.join('; ')}`, ...(input.reason ? [input.reason] : [])],
    });
  });
}

/** Records the signed agreement; its kind must be the one of the partner's category (R-PTR-08). */
export function signPartnerAgreement(ctx: RequestContext, input: SignPartnerAgreementInput): Promise<MutationResult<Partner>> {
  return runMutation(ctx, { operation: 'signPartnerAgreement', roles: PARTNER_RECORD_EDITORS, input }, async (uow) => {
    const { em, now } = uow;
    const partner = await lockPartnerFor(uow, input.id);
    checkVersion(partner, input.expectedVersion);
    refuseIfUnmet(partnerNotTerminated.decide({ status: partner.status }, now), ID_FIELD);
    const signedAt = input.signedAt ?? now;
    if (signedAt.getTime() > now.getTime()) refuse(UserErrorCode.VALIDATION_FAILED, 'signedAt cannot be in the future', { field: ['input', 'signedAt'] });
    const agreement = signedAgreement.decide({ category: partner.category, agreementKind: input.agreementKind, agreementSignedAt: signedAt }, now);
    if (agreement.outcome === 'REFUSED') refuseUnmet(agreement.unmet, ['input', 'agreementKind']);
    partner.agreementKind = input.agreementKind;
    partner.agreementSignedAt = signedAt;
    return em.save(partner);
  });
}

/** R-PTR-02: a CAM or Ecosystem Ops invites an Open channel partner to Select, naming its CAM (R-PTR-07). */
export function invitePartnerToSelect(ctx: RequestContext, input: InvitePartnerToSelectInput): Promise<MutationResult<Partner>> {
  return runMutation(ctx, { operation: 'invitePartnerToSelect', roles: SELECT_INVITERS, input }, async ({ em, now }) => {
    const partner = await lockById(em, Partner, ENTITY, input.id, ID_FIELD);
    checkVersion(partner, input.expectedVersion);
    refuseIfUnmet(partnerNotTerminated.decide({ status: partner.status }, now), ID_FIELD);
    refuseIfUnmet(selectInvitation.decide({ actorRole: ctx.principal.role, category: partner.category, track: partner.track }, now), ID_FIELD);
    const camName = input.channelAccountManagerName ?? partner.channelAccountManagerName;
    const camEmail = input.channelAccountManagerEmail ?? partner.channelAccountManagerEmail;
    // Checked against the track the partner is invited to: a Select partner must never lack a CAM.
    const cam = channelAccountManagerAssigned.decide({ track: PartnerTrack.SELECT, channelAccountManagerId: camName ?? camEmail }, now);
    if (cam.length > 0) refuseUnmet(cam, ['input', 'channelAccountManagerName']);
    partner.channelAccountManagerName = camName;
    partner.channelAccountManagerEmail = camEmail;
    partner.selectInvitedAt = now;
    return em.save(partner);
  });
}

/**
 * R-PTR-02: the invited partner moves itself to Select, only while it meets R-PTR-04 (counted with
 * R-PTR-05) and has its CAM (R-PTR-07). Not a lifecycle change, but a recorded decision all the same.
 */
export function acceptSelectInvitation(ctx: RequestContext, input: AcceptSelectInvitationInput): Promise<MutationResult<Partner>> {
  return runMutation(ctx, { operation: 'acceptSelectInvitation', roles: PARTNER_SIDE, input }, async (uow) => {
    const { em, now } = uow;
    const partner = await lockPartnerFor(uow, input.id);
    checkVersion(partner, input.expectedVersion);
    refuseIfUnmet(partnerNotTerminated.decide({ status: partner.status }, now), ID_FIELD);
    if (partner.track === PartnerTrack.SELECT) {
      refuse(UserErrorCode.INVALID_TRANSITION, 'The partner is already on the Select track', {
        field: ID_FIELD,
        ruleIds: ['R-PTR-02'],
        ruleCode: 'ALREADY_SELECT',
      });
    }
    if (partner.category !== PartnerCategory.CHANNEL || partner.selectInvitedAt === null) {
      refuse(UserErrorCode.RULE_VIOLATION, 'Select is by invitation only, and this partner has not been invited', {
        field: ID_FIELD,
        ruleIds: ['R-PTR-02'],
        ruleCode: 'NOT_INVITED',
      });
    }
    // The partner row is locked, and people mutations lock it too: the counts cannot change until commit.
    const acceptance = selectInvitationAcceptance.decide(trackComplianceInputOf(partner, await certificationFactsOf(em, [partner.id])), now);
    const cam = channelAccountManagerAssigned.decide({ track: PartnerTrack.SELECT, channelAccountManagerId: channelAccountManagerOf(partner) }, now);
    const unmet = [...acceptance.unmet, ...cam];
    if (unmet.length > 0) refuseUnmet(unmet, ID_FIELD);
    return uow.changeStatus(partnerTrack, partner, PartnerTrack.SELECT, {
      outcome: PartnerTrack.SELECT,
      ruleIds: [...new Set([...acceptance.ruleIds, 'R-PTR-07'])],
      reasons: [`Accepted the Select invitation of ${partner.selectInvitedAt.toISOString()}: ${acceptance.reasons.join('; ')}`],
    });
  });
}

/** Profile fields; a Select partner keeps its dedicated Channel Account Manager (R-PTR-07). */
export function updatePartnerProfile(ctx: RequestContext, input: UpdatePartnerProfileInput): Promise<MutationResult<Partner>> {
  return runMutation(ctx, { operation: 'updatePartnerProfile', roles: PROFILE_EDITORS, input }, async ({ em, now }) => {
    const partner = await lockById(em, Partner, ENTITY, input.id, ID_FIELD);
    checkVersion(partner, input.expectedVersion);
    refuseIfUnmet(partnerNotTerminated.decide({ status: partner.status }, now), ID_FIELD);
    const changes: Partial<Partner> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.website !== undefined) changes.website = input.website;
    if (input.country !== undefined) changes.country = input.country;
    if (input.territory !== undefined) changes.territory = input.territory;
    if (input.jointBusinessPlanSponsor !== undefined) changes.jointBusinessPlanSponsor = input.jointBusinessPlanSponsor;
    if (input.committedRevenue !== undefined) {
      changes.committedRevenueAmount = input.committedRevenue ? toCents(input.committedRevenue.amount) : null;
      if (input.committedRevenue) changes.committedRevenueCurrency = input.committedRevenue.currency;
    }
    if (input.channelAccountManagerName !== undefined) changes.channelAccountManagerName = input.channelAccountManagerName;
    if (input.channelAccountManagerEmail !== undefined) changes.channelAccountManagerEmail = input.channelAccountManagerEmail;
    if (input.awsDevOpsCompetency !== undefined) changes.awsDevOpsCompetency = input.awsDevOpsCompetency;
    const updated = Object.assign(partner, changes);
    const cam = channelAccountManagerAssigned.decide({ track: updated.track, channelAccountManagerId: channelAccountManagerOf(updated) }, now);
    if (cam.length > 0) refuseUnmet(cam, ['input', 'channelAccountManagerName']);
    return em.save(updated);
  });
}

/** R-PTR-08: an alliance partner registers its CI/CD catalog namespace (and so gets the badge). */
export function registerCatalogNamespace(ctx: RequestContext, input: RegisterCatalogNamespaceInput): Promise<MutationResult<Partner>> {
  return runMutation(ctx, { operation: 'registerCatalogNamespace', roles: PARTNER_RECORD_EDITORS, input }, async (uow) => {
    const { em, now } = uow;
    const partner = await lockPartnerFor(uow, input.id);
    checkVersion(partner, input.expectedVersion);
    refuseIfUnmet(partnerNotTerminated.decide({ status: partner.status }, now), ID_FIELD);
    const registration = catalogNamespaceRegistration.decide({ category: partner.category, namespaceUrl: input.namespaceUrl }, now);
    if (registration.outcome === 'REFUSED') refuseUnmet(registration.unmet, ['input', 'namespaceUrl']);
    partner.catalogNamespaceUrl = input.namespaceUrl;
    return em.save(partner);
  });
}

/** The column's scale (2), so the result shows the amount as it is stored. */
function toCents(amount: string): string {
  const [whole, fraction = ''] = amount.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** R-PTR-07 counts a CAM as assigned when it is named or has an email address. */
function channelAccountManagerOf(partner: Partner): string | null {
  return partner.channelAccountManagerName ?? partner.channelAccountManagerEmail;
}

/** Refuses with one user error per unmet condition; a transition the table forbids is INVALID_TRANSITION. */
function refuseIfUnmet(decision: AllowedDecision, field: string[]): void {
  if (decision.outcome !== 'REFUSED') return;
  throw new Refusal(
    decision.unmet.map((u: UnmetCondition) =>
      userError(u.code === 'TRANSITION_NOT_ALLOWED' ? UserErrorCode.INVALID_TRANSITION : UserErrorCode.RULE_VIOLATION, u.message, {
        field,
        ruleIds: [u.ruleId],
        ruleCode: u.code,
      }),
    ),
  );
}

/** The partner of the input ID, or the key's own partner when left out; locked, and in the key's scope. */
async function lockPartnerFor(uow: UnitOfWork, globalId: string | null | undefined): Promise<Partner> {
  const partnerId = actingPartnerId(uow.actor, globalId ? idFromInput(globalId, ENTITY, ID_FIELD) : null, ID_FIELD);
  const partner = await uow.em.findOne(Partner, { where: { id: partnerId }, lock: { mode: 'pessimistic_write' } });
  if (!partner) refuse(UserErrorCode.NOT_FOUND, `No Partner with ID ${globalId ?? partnerId}`, { field: ID_FIELD });
  return partner;
}
