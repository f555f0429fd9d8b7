import { AllowedDecision, UnmetCondition, allowedDecision, defineRule } from '../rules/decision';
import { Role } from '../auth/role.enum';
import { partnerLifecycle } from './partner.machine';
import { AgreementKind, AllianceType, PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from './partner.enums';
import { TrackComplianceInput, selectTrackCompliance } from './partner.rules';

// ---------------------------------------------------------------------------------------------
// R-PTR-01: category

/** R-PTR-01: an alliance partner has an alliance type (CLOUD, PLATFORM, TECHNOLOGY_ISV); other categories have none. */
export const partnerCategoryShape = defineRule({
  id: 'R-PTR-01',
  description: 'Alliance partners have an alliance type, other categories none',
  decide(input: { category: PartnerCategory; allianceType: AllianceType | null }): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    if (input.category === PartnerCategory.ALLIANCE && input.allianceType === null) {
      unmet.push({
        ruleId: 'R-PTR-01',
        code: 'ALLIANCE_TYPE_REQUIRED',
        message: 'An alliance partner needs an alliance type (CLOUD, PLATFORM or TECHNOLOGY_ISV)',
      });
    } else if (input.category !== PartnerCategory.ALLIANCE && input.allianceType !== null) {
      unmet.push({ ruleId: 'R-PTR-01', code: 'ALLIANCE_TYPE_ONLY_FOR_ALLIANCE', message: `A ${input.category} partner has no alliance type` });
    }
    return allowedDecision(['R-PTR-01'], unmet, `${input.category} partner`);
  },
});

// ---------------------------------------------------------------------------------------------
// R-PTR-08: agreements, catalog namespace, badge

/**
 * R-PTR-08. Decision: distributors sign the channel partner agreement — RULES.md only names the
 * technology agreement for alliances, and distributors are part of the channel program.
 */
export function requiredAgreementKind(category: PartnerCategory): AgreementKind {
  return category === PartnerCategory.ALLIANCE ? AgreementKind.TECHNOLOGY_PARTNER : AgreementKind.CHANNEL_PARTNER;
}

export interface AgreementFacts {
  category: PartnerCategory;
  agreementKind: AgreementKind | null;
  agreementSignedAt: Date | null;
}

/** R-PTR-08: the partner has signed, by `now`, the agreement its category requires. */
export const signedAgreement = defineRule({
  id: 'R-PTR-08',
  description: 'Alliance partners sign the technology partner agreement, channel partners the channel agreement',
  decide(input: AgreementFacts, now: Date): AllowedDecision {
    const required = requiredAgreementKind(input.category);
    const unmet: UnmetCondition[] = [];
    if (input.agreementSignedAt === null || input.agreementSignedAt.getTime() > now.getTime()) {
      unmet.push({ ruleId: 'R-PTR-08', code: 'AGREEMENT_NOT_SIGNED', message: `The ${required} agreement is not signed` });
    } else if (input.agreementKind !== required) {
      unmet.push({
        ruleId: 'R-PTR-08',
        code: 'WRONG_AGREEMENT_KIND',
        message: `A ${input.category} partner signs the ${required} agreement, not ${input.agreementKind ?? 'none'}`,
      });
    }
    return allowedDecision(['R-PTR-08'], unmet, `Signed the ${required} agreement`);
  },
});

/** R-PTR-08: only alliance partners may register a CI/CD catalog namespace URL. */
export const catalogNamespaceRegistration = defineRule({
  id: 'R-PTR-08',
  description: 'Only alliance partners may register a CI/CD catalog namespace URL',
  decide(input: { category: PartnerCategory; namespaceUrl: string }): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    if (input.category !== PartnerCategory.ALLIANCE) {
      unmet.push({ ruleId: 'R-PTR-08', code: 'NOT_ALLIANCE_PARTNER', message: `Only alliance partners register a catalog namespace, not ${input.category}` });
    }
    if (!isHttpUrl(input.namespaceUrl)) {
      unmet.push({ ruleId: 'R-PTR-08', code: 'INVALID_NAMESPACE_URL', message: 'The namespace must be an http(s) URL' });
    }
    return allowedDecision(['R-PTR-08'], unmet, 'Alliance partner registering a catalog namespace');
  },
});

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** R-PTR-08: the partner badge is shown exactly when a catalog namespace is registered. */
export const partnerBadge = defineRule({
  id: 'R-PTR-08',
  description: 'A partner with a registered catalog namespace is shown with the partner badge',
  decide(input: { namespaceUrl: string | null }): boolean {
    return input.namespaceUrl !== null && input.namespaceUrl.trim() !== '';
  },
});

// ---------------------------------------------------------------------------------------------
// R-PTR-06: lifecycle

export interface PartnerTransitionInput extends AgreementFacts {
  from: PartnerLifecycleStatus;
  to: PartnerLifecycleStatus;
}

/** R-PTR-06 (with R-PTR-08 for the agreement that authorizing a partner needs). */
export const partnerTransition = defineRule({
  id: 'R-PTR-06',
  description: 'Partner lifecycle transitions',
  decide(input: PartnerTransitionInput, now: Date): AllowedDecision {
    if (!partnerLifecycle.edge(input.from, input.to)) {
      const message = input.from === PartnerLifecycleStatus.TERMINATED ? 'TERMINATED is final' : `A partner cannot move from ${input.from} to ${input.to}`;
      return allowedDecision(['R-PTR-06'], [{ ruleId: 'R-PTR-06', code: 'TRANSITION_NOT_ALLOWED', message }], '');
    }
    // Authorizing a partner (APPLIED → ACTIVE) needs the agreement of its category (R-PTR-08).
    if (!(input.from === PartnerLifecycleStatus.APPLIED && input.to === PartnerLifecycleStatus.ACTIVE)) {
      return allowedDecision(['R-PTR-06'], [], `${input.from} → ${input.to}`);
    }
    const agreement = signedAgreement.decide(input, now);
    return allowedDecision(['R-PTR-06', 'R-PTR-08'], agreement.unmet, `${input.from} → ${input.to}: agreement signed`);
  },
});

/**
 * R-PTR-06: TERMINATED is final. Decision: that covers the whole partner record, so a terminated
 * partner is not invited, does not sign, register a namespace or change its profile any more.
 */
export const partnerNotTerminated = defineRule({
  id: 'R-PTR-06',
  description: 'A terminated partner is final',
  decide(input: { status: PartnerLifecycleStatus }): AllowedDecision {
    const unmet: UnmetCondition[] =
      input.status === PartnerLifecycleStatus.TERMINATED
        ? [{ ruleId: 'R-PTR-06', code: 'PARTNER_TERMINATED', message: 'The partner is TERMINATED, which is final' }]
        : [];
    return allowedDecision(['R-PTR-06'], unmet, `The partner is ${input.status}`);
  },
});

export function decidePartnerTransition(input: PartnerTransitionInput, now: Date): AllowedDecision {
  return partnerTransition.decide(input, now);
}

// ---------------------------------------------------------------------------------------------
// R-PTR-02: Select is by invitation only

export const SELECT_INVITERS: readonly Role[] = [Role.CHANNEL_ACCOUNT_MANAGER, Role.ECOSYSTEM_OPS, Role.ADMIN];

/** R-PTR-02: a channel partner applies for OPEN only; SELECT comes by invitation. */
export const partnerApplicationTrack = defineRule({
  id: 'R-PTR-02',
  description: 'A partner cannot apply for the Select track',
  decide(input: { category: PartnerCategory; requestedTrack: PartnerTrack | null }): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    if (input.requestedTrack === PartnerTrack.SELECT) {
      unmet.push({ ruleId: 'R-PTR-02', code: 'SELECT_BY_INVITATION_ONLY', message: 'A partner cannot apply for the Select track: it is by invitation only' });
    } else if (input.category !== PartnerCategory.CHANNEL && input.requestedTrack !== null) {
      unmet.push({ ruleId: 'R-PTR-02', code: 'TRACK_ONLY_FOR_CHANNEL', message: `A ${input.category} partner has no channel track` });
    }
    return allowedDecision(['R-PTR-02'], unmet, 'Application track accepted');
  },
});

export interface SelectInvitationInput {
  actorRole: Role;
  category: PartnerCategory;
  track: PartnerTrack | null;
}

/** R-PTR-02: who may invite, and whom. */
export const selectInvitation = defineRule({
  id: 'R-PTR-02',
  description: 'Only a channel account manager or Ecosystem Ops invites a channel partner to Select',
  decide(input: SelectInvitationInput): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    if (!SELECT_INVITERS.includes(input.actorRole)) {
      unmet.push({
        ruleId: 'R-PTR-02',
        code: 'NOT_ALLOWED_TO_INVITE',
        message: `${input.actorRole} cannot invite to Select: a partner cannot move itself to Select, only a channel account manager or Ecosystem Ops invites`,
      });
    }
    if (input.category !== PartnerCategory.CHANNEL) {
      unmet.push({ ruleId: 'R-PTR-02', code: 'NOT_CHANNEL_PARTNER', message: `Only channel partners have tracks, not ${input.category}` });
    } else if (input.track === PartnerTrack.SELECT) {
      unmet.push({ ruleId: 'R-PTR-02', code: 'ALREADY_SELECT', message: 'The partner is already on the Select track' });
    }
    return allowedDecision(['R-PTR-02'], unmet, 'Invitation to the Select track allowed');
  },
});

/** R-PTR-02: only a partner meeting R-PTR-04 can accept a Select invitation. */
export const selectInvitationAcceptance = defineRule({
  id: 'R-PTR-02',
  description: 'Only a partner that meets the Select requirements (R-PTR-04) can accept',
  decide(input: Omit<TrackComplianceInput, 'track'>, now: Date): AllowedDecision {
    const compliance = selectTrackCompliance(input, now);
    return allowedDecision(['R-PTR-02', ...compliance.ruleIds], compliance.unmet, 'Meets the Select track requirements (R-PTR-04)');
  },
});

// ---------------------------------------------------------------------------------------------
// R-PTR-07

/** R-PTR-07: a Select partner has a dedicated channel account manager; an Open partner does not need one. */
export const channelAccountManagerAssigned = defineRule({
  id: 'R-PTR-07',
  description: 'A Select partner has a dedicated channel account manager',
  decide(input: { track: PartnerTrack | null; channelAccountManagerId: string | null }): UnmetCondition[] {
    if (input.track !== PartnerTrack.SELECT || input.channelAccountManagerId !== null) return [];
    return [
      {
        ruleId: 'R-PTR-07',
        code: 'CHANNEL_ACCOUNT_MANAGER_MISSING',
        message: 'A Select partner needs a dedicated channel account manager',
        required: 1,
        actual: 0,
      },
    ];
  },
});
