import { partnerLifecycle } from '../../src/partners/partner.machine';
import { Role } from '../../src/auth/role.enum';
import { CertificationKind } from '../../src/people/person.enums';
import { AgreementKind, AllianceType, PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from '../../src/partners/partner.enums';
import { CertificationFact } from '../../src/partners/partner.rules';
import {
  catalogNamespaceRegistration,
  partnerCategoryShape,
  partnerNotTerminated,
  channelAccountManagerAssigned,
  decidePartnerTransition,
  partnerApplicationTrack,
  partnerBadge,
  requiredAgreementKind,
  selectInvitation,
  selectInvitationAcceptance,
  signedAgreement,
} from '../../src/partners/partner-lifecycle.rules';

const now = new Date('2026-06-01T00:00:00Z');
const signed = new Date('2025-01-01T00:00:00Z');
const { APPLIED, ACTIVE, SUSPENDED, TERMINATED } = PartnerLifecycleStatus;
const channel = { category: PartnerCategory.CHANNEL, agreementKind: AgreementKind.CHANNEL_PARTNER, agreementSignedAt: signed };

let seq = 0;
function certs(kind: CertificationKind, count: number): CertificationFact[] {
  return Array.from({ length: count }, () => ({ personId: `p${++seq}`, kind, earnedAt: signed, expiresAt: null, holderEmployed: true }));
}

describe('partner lifecycle', () => {
  it('R-PTR-06: the transition table allows exactly APPLIED→ACTIVE, ACTIVE↔SUSPENDED and →TERMINATED', () => {
    const pairs = partnerLifecycle.states.flatMap((from) => partnerLifecycle.exits(from).map((to) => `${from}>${to}`)).sort();
    expect(pairs).toEqual(['ACTIVE>SUSPENDED', 'ACTIVE>TERMINATED', 'APPLIED>ACTIVE', 'APPLIED>TERMINATED', 'SUSPENDED>ACTIVE', 'SUSPENDED>TERMINATED']);
  });

  it('R-PTR-06: APPLIED→ACTIVE needs a signed agreement', () => {
    expect(decidePartnerTransition({ ...channel, from: APPLIED, to: ACTIVE }, now).outcome).toBe('ALLOWED');
    const unsigned = decidePartnerTransition({ ...channel, agreementSignedAt: null, from: APPLIED, to: ACTIVE }, now);
    expect(unsigned).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'AGREEMENT_NOT_SIGNED' }] });
    expect(unsigned.ruleIds).toEqual(['R-PTR-06', 'R-PTR-08']);
    const future = decidePartnerTransition({ ...channel, agreementSignedAt: new Date(now.getTime() + 1), from: APPLIED, to: ACTIVE }, now);
    expect(future.outcome).toBe('REFUSED');
  });

  it('R-PTR-06: ACTIVE↔SUSPENDED both ways; TERMINATED is final; no skipping to SUSPENDED from APPLIED', () => {
    expect(decidePartnerTransition({ ...channel, from: ACTIVE, to: SUSPENDED }, now).outcome).toBe('ALLOWED');
    expect(decidePartnerTransition({ ...channel, from: SUSPENDED, to: ACTIVE }, now).outcome).toBe('ALLOWED');
    expect(decidePartnerTransition({ ...channel, from: SUSPENDED, to: TERMINATED }, now).outcome).toBe('ALLOWED');
    const final = decidePartnerTransition({ ...channel, from: TERMINATED, to: ACTIVE }, now);
    expect(final).toMatchObject({ outcome: 'REFUSED', reasons: ['TERMINATED is final'], unmet: [{ code: 'TRANSITION_NOT_ALLOWED', ruleId: 'R-PTR-06' }] });
    expect(decidePartnerTransition({ ...channel, from: APPLIED, to: SUSPENDED }, now).outcome).toBe('REFUSED');
  });
});

describe('category and finality', () => {
  it('R-PTR-01: an alliance partner has an alliance type; channel and distributor partners have none', () => {
    expect(partnerCategoryShape.decide({ category: PartnerCategory.ALLIANCE, allianceType: AllianceType.CLOUD }, now).outcome).toBe('ALLOWED');
    expect(partnerCategoryShape.decide({ category: PartnerCategory.CHANNEL, allianceType: null }, now).outcome).toBe('ALLOWED');
    expect(partnerCategoryShape.decide({ category: PartnerCategory.ALLIANCE, allianceType: null }, now).unmet.map((u) => u.code)).toEqual([
      'ALLIANCE_TYPE_REQUIRED',
    ]);
    expect(partnerCategoryShape.decide({ category: PartnerCategory.DISTRIBUTOR, allianceType: AllianceType.PLATFORM }, now).unmet.map((u) => u.code)).toEqual([
      'ALLIANCE_TYPE_ONLY_FOR_ALLIANCE',
    ]);
  });

  it('R-PTR-06: a terminated partner is final; any other status is not', () => {
    expect(partnerNotTerminated.decide({ status: TERMINATED }, now).unmet).toEqual([
      expect.objectContaining({ ruleId: 'R-PTR-06', code: 'PARTNER_TERMINATED' }),
    ]);
    for (const status of [APPLIED, ACTIVE, SUSPENDED]) expect(partnerNotTerminated.decide({ status }, now).outcome).toBe('ALLOWED');
  });
});

describe('Select track', () => {
  it('R-PTR-02: only a channel account manager, Ecosystem Ops or an admin invites; a partner cannot move itself', () => {
    const target = { category: PartnerCategory.CHANNEL, track: PartnerTrack.OPEN };
    expect(selectInvitation.decide({ ...target, actorRole: Role.CHANNEL_ACCOUNT_MANAGER }, now).outcome).toBe('ALLOWED');
    expect(selectInvitation.decide({ ...target, actorRole: Role.ECOSYSTEM_OPS }, now).outcome).toBe('ALLOWED');
    expect(selectInvitation.decide({ ...target, actorRole: Role.ADMIN }, now).outcome).toBe('ALLOWED');
    const self = selectInvitation.decide({ ...target, actorRole: Role.PARTNER_USER }, now);
    expect(self).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'NOT_ALLOWED_TO_INVITE', ruleId: 'R-PTR-02' }] });
    expect(selectInvitation.decide({ ...target, actorRole: Role.ESM }, now).outcome).toBe('REFUSED');
  });

  it('R-PTR-02: only channel partners not yet on Select can be invited', () => {
    const alliance = selectInvitation.decide({ actorRole: Role.ECOSYSTEM_OPS, category: PartnerCategory.ALLIANCE, track: null }, now);
    expect(alliance.unmet.map((u) => u.code)).toEqual(['NOT_CHANNEL_PARTNER']);
    const already = selectInvitation.decide({ actorRole: Role.ECOSYSTEM_OPS, category: PartnerCategory.CHANNEL, track: PartnerTrack.SELECT }, now);
    expect(already.unmet.map((u) => u.code)).toEqual(['ALREADY_SELECT']);
  });

  it('R-PTR-02: a partner cannot apply for Select', () => {
    expect(partnerApplicationTrack.decide({ category: PartnerCategory.CHANNEL, requestedTrack: PartnerTrack.OPEN }, now).outcome).toBe('ALLOWED');
    expect(partnerApplicationTrack.decide({ category: PartnerCategory.CHANNEL, requestedTrack: PartnerTrack.SELECT }, now)).toMatchObject({
      outcome: 'REFUSED',
      unmet: [{ code: 'SELECT_BY_INVITATION_ONLY' }],
    });
    expect(partnerApplicationTrack.decide({ category: PartnerCategory.ALLIANCE, requestedTrack: PartnerTrack.OPEN }, now).outcome).toBe('REFUSED');
  });

  it('R-PTR-02: accepting needs R-PTR-04 compliance, with every unmet requirement listed', () => {
    const people = [
      ...certs(CertificationKind.SALES_ACCREDITED, 4),
      ...certs(CertificationKind.SOLUTIONS_ARCHITECT, 2),
      ...certs(CertificationKind.PARTNER_TECHNICAL_ENGINEER, 1),
    ];
    const base = {
      category: PartnerCategory.CHANNEL,
      agreementSignedAt: signed,
      jointBusinessPlanExecSponsored: true,
      committedRevenueUsd: '300000',
      certifications: people,
    };
    const ok = selectInvitationAcceptance.decide(base, now);
    expect(ok).toMatchObject({ outcome: 'ALLOWED', unmet: [] });
    expect(ok.ruleIds).toEqual(['R-PTR-02', 'R-PTR-04', 'R-PTR-05']);
    const short = selectInvitationAcceptance.decide({ ...base, committedRevenueUsd: '250000', certifications: people.slice(1) }, now);
    expect(short.outcome).toBe('REFUSED');
    expect(short.unmet.map((u) => [u.code, u.required, u.actual])).toEqual([
      ['SALES_ACCREDITED_COUNT', 4, 3],
      ['COMMITTED_REVENUE_TOO_LOW', 300000, 250000],
    ]);
  });

  it('R-PTR-07: a Select partner needs a channel account manager; an Open partner does not', () => {
    expect(channelAccountManagerAssigned.decide({ track: PartnerTrack.SELECT, channelAccountManagerId: null }, now)).toEqual([
      { ruleId: 'R-PTR-07', code: 'CHANNEL_ACCOUNT_MANAGER_MISSING', message: expect.any(String), required: 1, actual: 0 },
    ]);
    expect(channelAccountManagerAssigned.decide({ track: PartnerTrack.SELECT, channelAccountManagerId: 'cam-1' }, now)).toEqual([]);
    expect(channelAccountManagerAssigned.decide({ track: PartnerTrack.OPEN, channelAccountManagerId: null }, now)).toEqual([]);
  });
});

describe('agreements and catalog namespace', () => {
  it('R-PTR-08: alliance partners sign the technology partner agreement, channel partners the channel one', () => {
    expect(requiredAgreementKind(PartnerCategory.ALLIANCE)).toBe(AgreementKind.TECHNOLOGY_PARTNER);
    expect(requiredAgreementKind(PartnerCategory.CHANNEL)).toBe(AgreementKind.CHANNEL_PARTNER);
    const wrong = signedAgreement.decide({ category: PartnerCategory.ALLIANCE, agreementKind: AgreementKind.CHANNEL_PARTNER, agreementSignedAt: signed }, now);
    expect(wrong).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'WRONG_AGREEMENT_KIND', ruleId: 'R-PTR-08' }] });
    const right = signedAgreement.decide(
      { category: PartnerCategory.ALLIANCE, agreementKind: AgreementKind.TECHNOLOGY_PARTNER, agreementSignedAt: signed },
      now,
    );
    expect(right.outcome).toBe('ALLOWED');
    const activation = decidePartnerTransition(
      { category: PartnerCategory.ALLIANCE, agreementKind: AgreementKind.CHANNEL_PARTNER, agreementSignedAt: signed, from: APPLIED, to: ACTIVE },
      now,
    );
    expect(activation.outcome).toBe('REFUSED');
  });

  it('R-PTR-08: only alliance partners register a catalog namespace URL; the badge shows iff one is registered', () => {
    const url = 'https://gitlab.com/acme-components';
    expect(catalogNamespaceRegistration.decide({ category: PartnerCategory.ALLIANCE, namespaceUrl: url }, now).outcome).toBe('ALLOWED');
    expect(catalogNamespaceRegistration.decide({ category: PartnerCategory.CHANNEL, namespaceUrl: url }, now).unmet.map((u) => u.code)).toEqual([
      'NOT_ALLIANCE_PARTNER',
    ]);
    expect(catalogNamespaceRegistration.decide({ category: PartnerCategory.ALLIANCE, namespaceUrl: 'not a url' }, now).unmet.map((u) => u.code)).toEqual([
      'INVALID_NAMESPACE_URL',
    ]);
    expect(partnerBadge.decide({ namespaceUrl: url }, now)).toBe(true);
    expect(partnerBadge.decide({ namespaceUrl: null }, now)).toBe(false);
  });
});
