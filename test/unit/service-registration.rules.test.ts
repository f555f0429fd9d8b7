import { Role } from '../../src/auth/role.enum';
import { OpportunityStage } from '../../src/crm/opportunity.enums';
import { ServiceLineKind, ServiceQualification } from '../../src/service-registrations/service-registration.enums';
import {
  ServiceLineFact,
  ServiceQualificationInput,
  SowFact,
  multiPhaseExceptionGrant,
  normalizeSowReference,
  onePerOpportunity,
  rebateQuarter,
  rebateQuarterNamed,
  rebateScope,
  serviceQualification,
  sowReuse,
} from '../../src/service-registrations/service-registration.rules';

const { APPROVED_REBATE_AND_PSP, ACCEPTED_PSP_ONLY, UNQUALIFIED, PENDING } = ServiceQualification;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const now = d('2026-08-01');

const line = (kind: ServiceLineKind, extra: Partial<ServiceLineFact> = {}): ServiceLineFact => ({
  kind,
  freeOfCharge: false,
  subcontracted: false,
  softwareOwnedByPartner: false,
  proofOfExecution: false,
  ...extra,
});
const sow: SowFact = {
  reference: 'SOW-1',
  fullyExecuted: true,
  customerAcknowledgement: false,
  regulatedIndustry: false,
  customerSignedAt: d('2026-02-01'),
  submittedAt: d('2026-03-01'),
  paid: true,
};
const qualifying: ServiceQualificationInput = {
  opportunity: { stage: OpportunityStage.CLOSED_WON, closedAt: d('2026-01-15'), netArrPresent: true },
  hasRelatedLicenseOpportunity: true,
  partnerHoldsPsp: true,
  sow,
  registrationSubmittedAt: d('2025-12-01'),
  serviceLines: [line(ServiceLineKind.IMPLEMENTATION), line(ServiceLineKind.MIGRATION)],
};
const qualify = (changes: Partial<ServiceQualificationInput>, at = now) => serviceQualification.decide({ ...qualifying, ...changes }, at);
const codes = (input: Partial<ServiceQualificationInput>) => qualify(input).unmet.map((u) => u.code);

describe('rebate qualification', () => {
  it('R-SAR-03: meets every condition → APPROVED_REBATE_AND_PSP with no unmet condition', () => {
    expect(qualify({})).toMatchObject({ outcome: APPROVED_REBATE_AND_PSP, unmet: [], ruleIds: ['R-SAR-03', 'R-SAR-04', 'R-SAR-07'] });
  });

  it('R-SAR-03: a SOW submitted exactly 6 months after close qualifies, 6 months + 1 day does not', () => {
    const onEdge = { ...sow, customerSignedAt: d('2026-07-15'), submittedAt: d('2026-07-15') };
    expect(qualify({ sow: onEdge }).outcome).toBe(APPROVED_REBATE_AND_PSP);
    const late = qualify({ sow: { ...onEdge, submittedAt: d('2026-07-16') } });
    expect(late.unmet.map((u) => u.code)).toEqual(['SOW_AFTER_CLOSE_WINDOW']);
    expect(late.outcome).not.toBe(APPROVED_REBATE_AND_PSP);
  });

  it('R-SAR-03: a customer signature exactly 6 months before submission qualifies, 6 months + 1 day does not', () => {
    expect(qualify({ sow: { ...sow, customerSignedAt: d('2026-01-15'), submittedAt: d('2026-07-15') } }).outcome).toBe(APPROVED_REBATE_AND_PSP);
    expect(codes({ sow: { ...sow, customerSignedAt: d('2026-01-14'), submittedAt: d('2026-07-15') } })).toEqual(['SOW_SIGNATURE_TOO_OLD']);
    // The signature is a day: a submission late on the last day is still in time, the first minute of the next is not.
    const closedLater = { stage: OpportunityStage.CLOSED_WON, closedAt: d('2026-02-01'), netArrPresent: true };
    const lateOnTheDay = { ...sow, customerSignedAt: d('2026-01-15'), submittedAt: new Date('2026-07-15T23:59:59.999Z') };
    expect(qualify({ opportunity: closedLater, sow: lateOnTheDay }).outcome).toBe(APPROVED_REBATE_AND_PSP);
    expect(codes({ opportunity: closedLater, sow: { ...lateOnTheDay, submittedAt: new Date('2026-07-16T00:00:00Z') } })).toEqual(['SOW_SIGNATURE_TOO_OLD']);
    // Month ends clamp: signed 2025-08-31, six months later is 2026-02-28.
    const augustEnd = { ...sow, customerSignedAt: d('2025-08-31'), submittedAt: new Date('2026-02-28T18:00:00Z') };
    expect(qualify({ sow: augustEnd }, d('2026-03-01')).unmet.map((u) => u.code)).not.toContain('SOW_SIGNATURE_TOO_OLD');
    expect(qualify({ sow: { ...augustEnd, submittedAt: d('2026-03-01') } }, d('2026-03-02')).unmet.map((u) => u.code)).toContain('SOW_SIGNATURE_TOO_OLD');
  });

  it('R-SAR-03: in a regulated industry a written customer acknowledgement replaces the executed SOW', () => {
    const acknowledged = { ...sow, fullyExecuted: false, customerAcknowledgement: true };
    expect(qualify({ sow: { ...acknowledged, regulatedIndustry: true } }).outcome).toBe(APPROVED_REBATE_AND_PSP);
    expect(codes({ sow: { ...acknowledged, regulatedIndustry: false } })).toEqual(['SOW_NOT_EXECUTED']);
  });

  it('R-SAR-04: education, free-of-charge, subcontracted and partner-owned managed services are out of scope', () => {
    const unmet = (l: ServiceLineFact) => rebateScope.decide({ line: l, label: 'Service 1' }, now).map((u) => u.code);
    expect(unmet(line(ServiceLineKind.DEVSECOPS_AI))).toEqual([]);
    expect(unmet(line(ServiceLineKind.MANAGED_HOSTED))).toEqual([]);
    expect(unmet(line(ServiceLineKind.EDUCATION_TRAINING))).toEqual(['SERVICE_KIND_OUT_OF_SCOPE']);
    expect(unmet(line(ServiceLineKind.ASSESSMENT, { freeOfCharge: true, subcontracted: true }))).toEqual(['SERVICE_FREE_OF_CHARGE', 'SERVICE_SUBCONTRACTED']);
    expect(unmet(line(ServiceLineKind.MANAGED_HOSTED, { softwareOwnedByPartner: true }))).toEqual(['MANAGED_SOFTWARE_OWNED_BY_PARTNER']);
  });

  it('R-SAR-07: a result that qualifies for nothing lists every unmet R-SAR-03 and R-SAR-05 condition', () => {
    const result = qualify({
      opportunity: { stage: OpportunityStage.CLOSED_LOST, closedAt: d('2026-01-15'), netArrPresent: false },
      partnerHoldsPsp: false,
      sow: { ...sow, fullyExecuted: false, submittedAt: null },
      serviceLines: [line(ServiceLineKind.IMPLEMENTATION, { subcontracted: true })],
    });
    expect(result.outcome).toBe(UNQUALIFIED);
    expect(result.unmet.map((u) => [u.ruleId, u.code])).toEqual([
      ['R-SAR-03', 'OPPORTUNITY_NOT_CLOSED_WON'],
      ['R-SAR-03', 'PSP_DESIGNATION_MISSING'],
      ['R-SAR-03', 'SOW_NOT_EXECUTED'],
      ['R-SAR-03', 'SOW_NOT_SUBMITTED'],
      ['R-SAR-04', 'SERVICE_SUBCONTRACTED'],
      ['R-SAR-05', 'NO_NET_ARR'],
    ]);
    expect(result.ruleIds).toContain('R-SAR-07');
    expect(result.reasons.slice(1)).toEqual(result.unmet.map((u) => u.message));
  });
});

describe('PSP-only and unqualified', () => {
  it('R-SAR-05: a paid engagement with the SOW within 12 months of registration and a closed-won net-ARR opportunity → PSP only', () => {
    const noPsp = qualify({ partnerHoldsPsp: false });
    expect(noPsp).toMatchObject({ outcome: ACCEPTED_PSP_ONLY, unmet: [{ code: 'PSP_DESIGNATION_MISSING' }] });
    expect(noPsp.ruleIds[0]).toBe('R-SAR-05');
    const edge = { ...sow, customerSignedAt: d('2026-12-01'), submittedAt: d('2026-12-01') };
    expect(qualify({ partnerHoldsPsp: false, sow: edge }, d('2026-12-02')).outcome).toBe(ACCEPTED_PSP_ONLY);
    const late = { ...edge, submittedAt: d('2026-12-02') };
    expect(qualify({ partnerHoldsPsp: false, sow: late }, d('2026-12-03')).outcome).toBe(UNQUALIFIED);
    const noArr = { stage: OpportunityStage.CLOSED_WON, closedAt: d('2026-01-15'), netArrPresent: false };
    expect(qualify({ partnerHoldsPsp: false, opportunity: noArr }).outcome).toBe(UNQUALIFIED);
  });

  it('R-SAR-05: free-of-charge partner-led services with proof of execution, or partner-owned managed services → PSP only', () => {
    const assessment = line(ServiceLineKind.ASSESSMENT, { freeOfCharge: true, proofOfExecution: true });
    const unpaid = { ...sow, paid: false };
    expect(
      qualify({ sow: null, serviceLines: [assessment], opportunity: { stage: OpportunityStage.CLOSED_LOST, closedAt: d('2026-01-15'), netArrPresent: false } })
        .outcome,
    ).toBe(ACCEPTED_PSP_ONLY);
    expect(qualify({ sow: null, serviceLines: [{ ...assessment, proofOfExecution: false }] }, d('2027-06-01')).outcome).toBe(UNQUALIFIED);
    const managed = qualify({ sow: unpaid, serviceLines: [line(ServiceLineKind.MANAGED_HOSTED, { softwareOwnedByPartner: true })] });
    expect(managed).toMatchObject({ outcome: ACCEPTED_PSP_ONLY, unmet: [{ code: 'MANAGED_SOFTWARE_OWNED_BY_PARTNER' }] });
  });

  it('R-SAR-06: education-only, non-GitLab, CE without upgrade, PS subcontracting or no license opportunity → UNQUALIFIED', () => {
    const only = (kind: ServiceLineKind) => qualify({ serviceLines: [line(kind)] });
    expect(only(ServiceLineKind.EDUCATION_TRAINING)).toMatchObject({ outcome: UNQUALIFIED, ruleIds: ['R-SAR-06', 'R-SAR-07'] });
    expect(only(ServiceLineKind.NON_GITLAB).unmet[0]).toMatchObject({ ruleId: 'R-SAR-06', code: 'UNQUALIFIED_NON_GITLAB' });
    expect(only(ServiceLineKind.GITLAB_CE_WITHOUT_UPGRADE).outcome).toBe(UNQUALIFIED);
    expect(only(ServiceLineKind.GITLAB_PS_SUBCONTRACTING).outcome).toBe(UNQUALIFIED);
    expect(qualify({ hasRelatedLicenseOpportunity: false }).unmet[0]).toMatchObject({ code: 'NO_RELATED_LICENSE_OPPORTUNITY' });
    // Training next to real GitLab services is not "education/training only".
    expect(qualify({ serviceLines: [line(ServiceLineKind.IMPLEMENTATION), line(ServiceLineKind.EDUCATION_TRAINING)] }).outcome).toBe(ACCEPTED_PSP_ONLY);
  });

  it('R-SAR-07: PENDING while the opportunity is open or the SOW is still awaited', () => {
    const open = { stage: OpportunityStage.STAGE_3, closedAt: null, netArrPresent: true };
    expect(qualify({ opportunity: open, partnerHoldsPsp: false })).toMatchObject({ outcome: PENDING });
    expect(qualify({ sow: null, partnerHoldsPsp: false }, d('2026-12-01')).outcome).toBe(PENDING);
    expect(qualify({ sow: null, partnerHoldsPsp: false }, d('2026-12-02')).outcome).toBe(UNQUALIFIED);
  });

  it('R-SAR-05: a late SOW, an unpaid engagement or an opportunity without net ARR is each named when PSP credit fails', () => {
    const late = { ...sow, customerSignedAt: d('2026-11-01'), submittedAt: d('2026-12-02') };
    expect(qualify({ partnerHoldsPsp: false, sow: late }, d('2026-12-03')).unmet.filter((u) => u.ruleId === 'R-SAR-05')).toEqual([
      expect.objectContaining({ code: 'SOW_AFTER_PSP_ONLY_WINDOW' }),
    ]);
    const onTime = { ...late, submittedAt: d('2026-12-01') };
    expect(qualify({ partnerHoldsPsp: false, sow: onTime }, d('2026-12-03')).outcome).toBe(ACCEPTED_PSP_ONLY);
    const unpaid = qualify({ partnerHoldsPsp: false, sow: { ...sow, paid: false } });
    expect(unpaid).toMatchObject({ outcome: UNQUALIFIED, ruleIds: ['R-SAR-03', 'R-SAR-05', 'R-SAR-07'] });
    expect(unpaid.unmet.map((u) => u.code)).toEqual(['PSP_DESIGNATION_MISSING', 'ENGAGEMENT_NOT_PAID']);
  });

  it('R-SAR-07: rebates are reported per calendar quarter', () => {
    expect(rebateQuarter(d('2026-05-20'))).toEqual({ label: '2026-Q2', year: 2026, quarter: 2, start: d('2026-04-01'), end: d('2026-07-01') });
    expect(rebateQuarter(new Date('2026-12-31T23:59:59.999Z')).label).toBe('2026-Q4');
    expect(rebateQuarter(d('2027-01-01')).label).toBe('2027-Q1');
  });

  it('R-SAR-07: a quarter is named like 2026-Q2; anything else is not a quarter', () => {
    expect(rebateQuarterNamed('2026-Q2')).toEqual(rebateQuarter(d('2026-05-20')));
    expect(rebateQuarterNamed('2026-Q4')?.end).toEqual(d('2027-01-01'));
    expect(rebateQuarterNamed('2026-Q5')).toBeNull();
    expect(rebateQuarterNamed('2026-2')).toBeNull();
  });
});

describe('windows that close with time (R-SAR-07)', () => {
  const ms = (iso: string) => new Date(iso);
  // Closed-won 2026-01-15, registered 2025-12-01: the rebate window (R-SAR-03) ends 2026-07-15, PSP credit's (R-SAR-05) 2026-12-01.
  const awaiting = { sow: null, partnerHoldsPsp: false };
  const unmetCodes = (at: Date, changes: Partial<ServiceQualificationInput> = awaiting) => qualify(changes, at).unmet.map((u) => u.code);

  it('R-SAR-07: a PENDING registration without a SOW lapses to UNQUALIFIED the millisecond its last window (12 months after registration) closes', () => {
    expect(qualify(awaiting, ms('2026-12-01T00:00:00.000Z'))).toMatchObject({ outcome: PENDING, recheckAt: ms('2026-12-01T00:00:00.001Z') });
    const lapsed = qualify(awaiting, ms('2026-12-01T00:00:00.001Z'));
    expect(lapsed).toMatchObject({ outcome: UNQUALIFIED, ruleIds: ['R-SAR-03', 'R-SAR-05', 'R-SAR-07'], recheckAt: null });
    expect(lapsed.unmet).toContainEqual(expect.objectContaining({ ruleId: 'R-SAR-05', code: 'PSP_ONLY_SOW_WINDOW_CLOSED' }));
    expect(lapsed.reasons[0]).toBe('Meets neither R-SAR-03 nor R-SAR-05');
  });

  it('R-SAR-07: the rebate window closing 6 months after the close is an unmet condition of its own, and recheckAt names each window in turn', () => {
    const before = qualify(awaiting, ms('2026-07-15T00:00:00.000Z'));
    expect(before).toMatchObject({ outcome: PENDING, recheckAt: ms('2026-07-15T00:00:00.001Z') });
    expect(before.unmet.map((u) => u.code)).toEqual(['PSP_DESIGNATION_MISSING', 'SOW_MISSING']);
    const after = qualify(awaiting, ms('2026-07-15T00:00:00.001Z'));
    expect(after).toMatchObject({ outcome: PENDING, recheckAt: ms('2026-12-01T00:00:00.001Z') });
    expect(after.unmet.map((u) => u.code)).toEqual(['PSP_DESIGNATION_MISSING', 'REBATE_SOW_WINDOW_CLOSED', 'SOW_MISSING']);
    // One hour before, the same answer as the day before: nothing changes inside a window.
    expect(qualify(awaiting, ms('2026-07-14T23:00:00Z'))).toEqual(before);
  });

  it('R-SAR-07: an opportunity closing late keeps the registration PENDING past 12 months, until 6 calendar months after the close (month end clamped)', () => {
    const lateClose = {
      ...awaiting,
      partnerHoldsPsp: true,
      opportunity: { stage: OpportunityStage.CLOSED_WON, closedAt: d('2026-10-31'), netArrPresent: true },
    };
    // 2026-10-31 + 6 months = 2027-04-30 (April has no 31st).
    expect(qualify(lateClose, ms('2026-12-01T00:00:00.001Z'))).toMatchObject({ outcome: PENDING, recheckAt: ms('2027-04-30T00:00:00.001Z') });
    expect(unmetCodes(ms('2026-12-01T00:00:00.001Z'), lateClose)).toContain('PSP_ONLY_SOW_WINDOW_CLOSED');
    expect(qualify(lateClose, ms('2027-04-30T00:00:00.000Z')).outcome).toBe(PENDING);
    expect(qualify(lateClose, ms('2027-04-30T00:00:00.001Z'))).toMatchObject({ outcome: UNQUALIFIED, recheckAt: null });
    const sowOnLastDay = { ...sow, customerSignedAt: d('2027-04-29'), submittedAt: d('2027-04-30') };
    expect(qualify({ ...lateClose, sow: sowOnLastDay }, d('2027-05-01')).outcome).toBe(APPROVED_REBATE_AND_PSP);
  });

  it('R-SAR-07: an open opportunity stays PENDING past 12 months; only the closing of the 12-month window is rechecked', () => {
    const open = { ...awaiting, opportunity: { stage: OpportunityStage.STAGE_4, closedAt: null, netArrPresent: true } };
    expect(qualify(open, d('2026-06-01'))).toMatchObject({ outcome: PENDING, recheckAt: ms('2026-12-01T00:00:00.001Z') });
    const past = qualify(open, d('2027-06-01'));
    expect(past).toMatchObject({ outcome: PENDING, recheckAt: null });
    expect(past.unmet.map((u) => u.code)).toContain('PSP_ONLY_SOW_WINDOW_CLOSED');
  });

  it('R-SAR-07: a recheck is due only when a closing window changes the result; a submitted SOW or an R-SAR-06 disqualification has none', () => {
    // PSP credit for free-of-charge services with proof does not wait for a SOW; only the rebate window still changes its unmet list.
    const freeAssessment = { sow: null, serviceLines: [line(ServiceLineKind.ASSESSMENT, { freeOfCharge: true, proofOfExecution: true })] };
    expect(qualify(freeAssessment, d('2026-03-01'))).toMatchObject({ outcome: ACCEPTED_PSP_ONLY, recheckAt: ms('2026-07-15T00:00:00.001Z') });
    expect(qualify(freeAssessment, d('2026-08-01'))).toMatchObject({ outcome: ACCEPTED_PSP_ONLY, recheckAt: null });
    expect(qualify({}, d('2026-03-02')).recheckAt).toBeNull();
    expect(qualify({ partnerHoldsPsp: false }, d('2026-03-02')).recheckAt).toBeNull();
    expect(qualify({ sow: null, hasRelatedLicenseOpportunity: false }, d('2026-03-02'))).toMatchObject({ outcome: UNQUALIFIED, recheckAt: null });
  });
});

describe('one registration per opportunity and per SOW', () => {
  it('R-SAR-01: another qualifying registration for the opportunity makes this one UNQUALIFIED', () => {
    const result = qualify({});
    const blocked = onePerOpportunity.decide({ result, others: [{ id: 'sar-1', qualification: ACCEPTED_PSP_ONLY }] }, now);
    expect(blocked).toMatchObject({ outcome: UNQUALIFIED, unmet: [{ ruleId: 'R-SAR-01', code: 'ANOTHER_REGISTRATION_QUALIFIES' }] });
    expect(blocked.ruleIds[0]).toBe('R-SAR-01');
    const free = onePerOpportunity.decide(
      {
        result,
        others: [
          { id: 'sar-1', qualification: UNQUALIFIED },
          { id: 'sar-2', qualification: PENDING },
        ],
      },
      now,
    );
    expect(free.outcome).toBe(APPROVED_REBATE_AND_PSP);
  });

  it('R-SAR-02: a SOW backs one registration unless Ecosystem Ops granted a multi-phase exception with a reason', () => {
    expect(normalizeSowReference(' sow-12 ')).toBe(normalizeSowReference('SOW-12'));
    expect(sowReuse.decide({ otherRegistrationIds: [], multiPhaseException: null }, now).outcome).toBe('ALLOWED');
    expect(sowReuse.decide({ otherRegistrationIds: ['sar-1'], multiPhaseException: null }, now)).toMatchObject({
      outcome: 'REFUSED',
      unmet: [{ code: 'SOW_ALREADY_USED', ruleId: 'R-SAR-02' }],
    });
    expect(
      sowReuse.decide({ otherRegistrationIds: ['sar-1'], multiPhaseException: { grantedByRole: Role.ECOSYSTEM_OPS, reason: 'Phase 2 drives add-on' } }, now)
        .outcome,
    ).toBe('ALLOWED');
    expect(sowReuse.decide({ otherRegistrationIds: ['sar-1'], multiPhaseException: { grantedByRole: Role.PARTNER_USER, reason: 'please' } }, now).outcome).toBe(
      'REFUSED',
    );
    expect(sowReuse.decide({ otherRegistrationIds: ['sar-1'], multiPhaseException: { grantedByRole: Role.ECOSYSTEM_OPS, reason: ' ' } }, now).outcome).toBe(
      'REFUSED',
    );
  });

  it('R-SAR-02: only Ecosystem Ops (or ADMIN) grants a multi-phase exception, and only with a reason', () => {
    expect(multiPhaseExceptionGrant.decide({ grantedByRole: Role.ECOSYSTEM_OPS, reason: 'Phase 2' }, now).outcome).toBe('ALLOWED');
    expect(multiPhaseExceptionGrant.decide({ grantedByRole: Role.ADMIN, reason: 'Phase 2' }, now).outcome).toBe('ALLOWED');
    expect(multiPhaseExceptionGrant.decide({ grantedByRole: Role.PORTAL_SYNC, reason: '  ' }, now).unmet.map((u) => u.code)).toEqual([
      'EXCEPTION_GRANTOR_NOT_ECOSYSTEM_OPS',
      'EXCEPTION_REASON_MISSING',
    ]);
  });
});
