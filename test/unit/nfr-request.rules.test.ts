import { Role } from '../../src/auth/role.enum';
import { CertificationKind } from '../../src/people/person.enums';
import { AgreementKind, PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from '../../src/partners/partner.enums';
import { NfrLicenseFact } from '../../src/nfr/nfr-allocation.rules';
import { NfrLicenseStatus, NfrProduct, NfrUse } from '../../src/nfr/nfr.enums';
import {
  ChannelNfrRequestInput,
  addBusinessDays,
  allianceNfrRequest,
  channelNfrEligibility,
  channelNfrRequest,
  nfrAudit,
  nfrCap,
  nfrExpiry,
  nfrLicenseEndsAt,
  nfrLicenseTerm,
  nfrLicenseTransition,
  nfrProvisioningDue,
  nfrUses,
} from '../../src/nfr/nfr-request.rules';

const { APPROVED, PENDING_APPROVAL, REVOKED, EXPIRED, DENIED } = NfrLicenseStatus;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const now = d('2026-06-01');

const sa = { personId: 'p1', kind: CertificationKind.SOLUTIONS_ARCHITECT, earnedAt: d('2025-01-01'), expiresAt: null, holderEmployed: true };
const license = (seats: number, extra: Partial<NfrLicenseFact> = {}): NfrLicenseFact => ({
  product: NfrProduct.ULTIMATE_SAAS,
  seats,
  status: APPROVED,
  endsOn: d('2027-01-01'),
  ...extra,
});
const openRequest: ChannelNfrRequestInput = {
  category: PartnerCategory.CHANNEL,
  track: PartnerTrack.OPEN,
  inGoodStanding: true,
  certifications: [sa],
  awsDevOpsCompetency: false,
  licenses: [license(6)],
  product: NfrProduct.ULTIMATE_SAAS,
  seats: 4,
  businessJustification: null,
  uses: [NfrUse.PARTNER_DEMOS],
};

describe('channel NFR requests', () => {
  it('R-NFR-01: an Open or Select partner in good standing with a current SA or PSE is eligible', () => {
    expect(channelNfrEligibility.decide(openRequest, now).outcome).toBe('ELIGIBLE');
    const pse = { ...sa, kind: CertificationKind.PROFESSIONAL_SERVICES_ENGINEER };
    expect(channelNfrEligibility.decide({ ...openRequest, certifications: [pse] }, now).outcome).toBe('ELIGIBLE');
    const none = channelNfrEligibility.decide(
      { ...openRequest, inGoodStanding: false, certifications: [{ ...sa, kind: CertificationKind.SALES_ACCREDITED }] },
      now,
    );
    expect(none.unmet.map((u) => u.code)).toEqual(['NOT_IN_GOOD_STANDING', 'SA_OR_PSE_MISSING']);
    expect(channelNfrEligibility.decide({ ...openRequest, category: PartnerCategory.DISTRIBUTOR, track: null }, now).unmet[0].code).toBe(
      'NOT_OPEN_OR_SELECT_PARTNER',
    );
  });

  it('R-NFR-03: a request that reaches the cap exactly is approved automatically (R-NFR-02: Open SaaS cap 10)', () => {
    const decision = channelNfrRequest.decide(openRequest, now);
    expect(decision).toMatchObject({ outcome: APPROVED, unmet: [] });
    expect(decision.ruleIds).toEqual(expect.arrayContaining(['R-NFR-03', 'R-NFR-02', 'R-NFR-01', 'R-NFR-04']));
  });

  it('R-NFR-03: cap + 1 goes to PENDING_APPROVAL with a business justification and is refused without one', () => {
    expect(channelNfrRequest.decide({ ...openRequest, seats: 5, businessJustification: 'Regional bootcamp' }, now)).toMatchObject({
      outcome: PENDING_APPROVAL,
      unmet: [{ code: 'SEAT_CAP_EXCEEDED', required: 10, actual: 11 }],
    });
    expect(channelNfrRequest.decide({ ...openRequest, seats: 5 }, now)).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'SEAT_CAP_EXCEEDED' }] });
    expect(channelNfrRequest.decide({ ...openRequest, seats: 5, businessJustification: '   ' }, now).outcome).toBe('REFUSED');
  });

  it('R-NFR-02: Select partners get 25 SaaS seats and 5 Duo, Open partners no Duo', () => {
    const select = { track: PartnerTrack.SELECT, awsDevOpsCompetency: false, licenses: [] };
    expect(nfrCap.decide({ allocation: select, product: NfrProduct.ULTIMATE_SAAS, seats: 25, businessJustification: null }, now)).toMatchObject({
      outcome: APPROVED,
      cap: 25,
    });
    expect(nfrCap.decide({ allocation: select, product: NfrProduct.ULTIMATE_SAAS, seats: 26, businessJustification: null }, now).outcome).toBe('REFUSED');
    expect(nfrCap.decide({ allocation: select, product: NfrProduct.DUO, seats: 5, businessJustification: null }, now).outcome).toBe(APPROVED);
    expect(
      nfrCap.decide({ allocation: { ...select, track: PartnerTrack.OPEN }, product: NfrProduct.DUO, seats: 1, businessJustification: null }, now),
    ).toMatchObject({ outcome: 'REFUSED', cap: 0 });
    expect(nfrCap.decide({ allocation: select, product: NfrProduct.ULTIMATE_SAAS, seats: 0, businessJustification: null }, now).unmet[0].code).toBe(
      'INVALID_SEATS',
    );
  });

  it('R-NFR-04: permitted uses pass; a declared prohibited use refuses the request', () => {
    expect(nfrUses.decide({ uses: [NfrUse.INTERNAL_TRAINING, NfrUse.INTEGRATION_TESTING, NfrUse.PARTNER_DEMOS] }, now).outcome).toBe('ALLOWED');
    const prohibited = nfrUses.decide({ uses: [NfrUse.PARTNER_DEMOS, NfrUse.CUSTOMER_PRODUCTION, NfrUse.MANAGED_SERVICES] }, now);
    expect(prohibited.unmet.map((u) => u.code)).toEqual(['PROHIBITED_USE_CUSTOMER_PRODUCTION', 'PROHIBITED_USE_MANAGED_SERVICES']);
    expect(nfrUses.decide({ uses: [] }, now).unmet[0].code).toBe('NO_USE_DECLARED');
    const request = channelNfrRequest.decide({ ...openRequest, uses: [NfrUse.INTERNAL_DEVELOPMENT_PRODUCTION] }, now);
    expect(request).toMatchObject({ outcome: 'REFUSED', ruleIds: ['R-NFR-04'] });
  });
});

describe('provisioning', () => {
  it('R-NFR-05: provisioning is due two business days after approval, skipping the weekend', () => {
    expect(nfrProvisioningDue.decide({ approvedAt: new Date('2026-06-03T10:00:00Z') }, now)).toEqual(new Date('2026-06-05T10:00:00Z'));
    expect(nfrProvisioningDue.decide({ approvedAt: new Date('2026-06-04T10:00:00Z') }, now)).toEqual(new Date('2026-06-08T10:00:00Z'));
    expect(nfrProvisioningDue.decide({ approvedAt: new Date('2026-06-05T15:00:00Z') }, now)).toEqual(new Date('2026-06-09T15:00:00Z'));
    expect(nfrProvisioningDue.decide({ approvedAt: new Date('2026-06-06T09:00:00Z') }, now)).toEqual(new Date('2026-06-09T09:00:00Z'));
    expect(addBusinessDays(new Date('2026-06-05T00:00:00Z'), 0)).toEqual(new Date('2026-06-05T00:00:00Z'));
  });

  it('R-NFR-05: the 12-month term starts on the provisioning due date and runs through the day before its anniversary', () => {
    expect(nfrLicenseTerm(new Date('2026-01-01T10:00:00Z'))).toEqual({ provisioningDueOn: '2026-01-05', startsOn: '2026-01-05', endsOn: '2027-01-04' });
    expect(nfrLicenseTerm(new Date('2026-02-26T23:30:00Z'))).toEqual({ provisioningDueOn: '2026-03-02', startsOn: '2026-03-02', endsOn: '2027-03-01' });
    expect(nfrLicenseEndsAt('2027-01-04')).toEqual(new Date('2027-01-04T23:59:59.999Z'));
    expect(nfrLicenseEndsAt(null)).toBeNull();
  });
});

describe('alliance NFR requests', () => {
  const alliance = {
    category: PartnerCategory.ALLIANCE,
    status: PartnerLifecycleStatus.ACTIVE,
    agreementKind: AgreementKind.TECHNOLOGY_PARTNER,
    agreementSignedAt: d('2025-01-01'),
    product: NfrProduct.ULTIMATE_SELF_MANAGED,
    seats: null,
    uses: [NfrUse.INTEGRATION_TESTING],
    licenses: [],
  };

  it('R-NFR-06: a registered technology partner gets 5 seats by default for 12 months', () => {
    expect(allianceNfrRequest.decide(alliance, now)).toMatchObject({ outcome: APPROVED, seats: 5, endsOn: d('2027-06-01'), unmet: [] });
  });

  it('R-NFR-06: 10 users need no approval, more go to PENDING_APPROVAL for Ecosystem Ops', () => {
    expect(allianceNfrRequest.decide({ ...alliance, seats: 10 }, now).outcome).toBe(APPROVED);
    expect(allianceNfrRequest.decide({ ...alliance, seats: 11 }, now)).toMatchObject({ outcome: PENDING_APPROVAL, seats: 11 });
    const existing = [license(6, { product: NfrProduct.ULTIMATE_SELF_MANAGED })];
    expect(allianceNfrRequest.decide({ ...alliance, seats: 5, licenses: existing }, now).outcome).toBe(PENDING_APPROVAL);
  });

  it('R-NFR-06: needs the signed technology partner agreement and a SaaS or Self-Managed product', () => {
    const channelAgreement = allianceNfrRequest.decide({ ...alliance, agreementKind: AgreementKind.CHANNEL_PARTNER }, now);
    expect(channelAgreement).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'WRONG_AGREEMENT_KIND', ruleId: 'R-PTR-08' }] });
    expect(allianceNfrRequest.decide({ ...alliance, agreementSignedAt: null }, now).unmet[0].code).toBe('AGREEMENT_NOT_SIGNED');
    expect(allianceNfrRequest.decide({ ...alliance, product: NfrProduct.DUO }, now).unmet.map((u) => u.code)).toEqual(['PRODUCT_NOT_AVAILABLE']);
    expect(allianceNfrRequest.decide({ ...alliance, category: PartnerCategory.CHANNEL }, now).outcome).toBe('REFUSED');
    expect(allianceNfrRequest.decide({ ...alliance, status: PartnerLifecycleStatus.SUSPENDED }, now).unmet.map((u) => u.code)).toEqual(['PARTNER_NOT_ACTIVE']);
  });
});

describe('audit and expiry', () => {
  const active = { status: APPROVED, seats: 8 };

  it('R-NFR-07: Ecosystem Ops reduces seats to at least 1, or revokes', () => {
    expect(nfrAudit.decide({ actorRole: Role.ECOSYSTEM_OPS, license: active, action: { kind: 'REDUCE_SEATS', seats: 1 } }, now)).toMatchObject({
      outcome: APPROVED,
      seats: 1,
    });
    expect(nfrAudit.decide({ actorRole: Role.ECOSYSTEM_OPS, license: active, action: { kind: 'REDUCE_SEATS', seats: 0 } }, now)).toMatchObject({
      outcome: 'REFUSED',
      seats: 8,
    });
    expect(nfrAudit.decide({ actorRole: Role.ECOSYSTEM_OPS, license: active, action: { kind: 'REDUCE_SEATS', seats: 8 } }, now).outcome).toBe('REFUSED');
    expect(nfrAudit.decide({ actorRole: Role.ECOSYSTEM_OPS, license: active, action: { kind: 'REVOKE' } }, now).outcome).toBe(REVOKED);
    expect(nfrAudit.decide({ actorRole: Role.PARTNER_USER, license: active, action: { kind: 'REVOKE' } }, now).outcome).toBe('REFUSED');
    expect(nfrAudit.decide({ actorRole: Role.ADMIN, license: { status: EXPIRED, seats: 8 }, action: { kind: 'REVOKE' } }, now).unmet[0].code).toBe(
      'LICENSE_NOT_ACTIVE',
    );
    expect(nfrAudit.decide({ actorRole: Role.PARTNER_USER, license: active, action: { kind: 'REVOKE' } }, now).unmet[0].code).toBe('NOT_AN_AUDITOR');
    expect(nfrAudit.decide({ actorRole: Role.ECOSYSTEM_OPS, license: active, action: { kind: 'REDUCE_SEATS', seats: 9 } }, now).unmet[0].code).toBe(
      'INVALID_SEATS',
    );
  });

  it('R-NFR-07: a license expires at its end date and then no longer counts against the cap', () => {
    const endsOn = d('2026-06-01');
    expect(nfrExpiry.decide({ status: APPROVED, endsOn }, new Date(endsOn.getTime() - 1)).outcome).toBe('NO_CHANGE');
    expect(nfrExpiry.decide({ status: APPROVED, endsOn }, endsOn)).toMatchObject({ outcome: EXPIRED, ruleIds: ['R-NFR-07'] });
    expect(nfrExpiry.decide({ status: REVOKED, endsOn }, endsOn).outcome).toBe('NO_CHANGE');
    const withExpired = channelNfrRequest.decide({ ...openRequest, seats: 10, licenses: [license(6, { endsOn })] }, now);
    expect(withExpired.outcome).toBe(APPROVED);
  });

  it('R-NFR-07: license transitions name who may make them', () => {
    expect(nfrLicenseTransition.decide({ from: PENDING_APPROVAL, to: APPROVED, actorRole: Role.ECOSYSTEM_OPS }, now).outcome).toBe('ALLOWED');
    expect(nfrLicenseTransition.decide({ from: PENDING_APPROVAL, to: APPROVED, actorRole: Role.PARTNER_USER }, now).unmet[0].code).toBe('ACTOR_NOT_ALLOWED');
    expect(nfrLicenseTransition.decide({ from: PENDING_APPROVAL, to: DENIED, actorRole: Role.ADMIN }, now).outcome).toBe('ALLOWED');
    expect(nfrLicenseTransition.decide({ from: APPROVED, to: EXPIRED, actorRole: 'SYSTEM' }, now).outcome).toBe('ALLOWED');
    expect(nfrLicenseTransition.decide({ from: EXPIRED, to: APPROVED, actorRole: Role.ADMIN }, now).unmet[0].code).toBe('TRANSITION_NOT_ALLOWED');
    expect(nfrLicenseTransition.decide({ from: REVOKED, to: APPROVED, actorRole: Role.ECOSYSTEM_OPS }, now).outcome).toBe('REFUSED');
  });
});
