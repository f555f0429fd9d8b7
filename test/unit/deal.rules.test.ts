import { Role } from '../../src/auth/role.enum';
import { addDays } from '../../src/rules/decision';
import { CertificationKind } from '../../src/people/person.enums';
import { PartnerCategory, PartnerLifecycleStatus } from '../../src/partners/partner.enums';
import { OpportunityKind, OpportunityStage } from '../../src/crm/opportunity.enums';
import { DealRegistrationStatus, DealRoute } from '../../src/deals/deal.enums';
import {
  CompetingRegistration,
  DEAL_SALES_REVIEW,
  LinkedOpportunity,
  autoApprovalDueAt,
  dealAutoApproval,
  dealExclusivity,
  dealExpiresAt,
  dealExpiry,
  dealOpportunityKind,
  dealRegistrantEligibility,
  dealRouting,
  dealSalesReview,
  inOrderOfReceipt,
} from '../../src/deals/deal.rules';
import { dealRegistrationMachine } from '../../src/deals/deal.machine';

const { PENDING_ESM, PENDING_ASM, APPROVED, DENIED, EXPIRED, WITHDRAWN } = DealRegistrationStatus;
const now = new Date('2026-06-01T12:00:00Z');
const HOUR = 60 * 60 * 1000;

describe('who may register', () => {
  const foundations = {
    personId: 'p1',
    kind: CertificationKind.FOUNDATIONS,
    earnedAt: new Date('2025-01-01T00:00:00Z'),
    expiresAt: null,
    holderEmployed: true,
  };
  const ok = {
    category: PartnerCategory.CHANNEL,
    status: PartnerLifecycleStatus.ACTIVE,
    agreementSignedAt: new Date('2025-01-01T00:00:00Z'),
    certifications: [foundations],
  };

  it('R-DEAL-01: an active channel partner with a signed agreement and a Foundations-trained person may register', () => {
    expect(dealRegistrantEligibility.decide(ok, now)).toMatchObject({ outcome: 'ELIGIBLE', unmet: [] });
  });

  it('R-DEAL-01: every missing condition is refused with its error code', () => {
    const result = dealRegistrantEligibility.decide(
      {
        category: PartnerCategory.ALLIANCE,
        status: PartnerLifecycleStatus.SUSPENDED,
        agreementSignedAt: null,
        certifications: [{ ...foundations, holderEmployed: false }],
      },
      now,
    );
    expect(result.outcome).toBe('NOT_ELIGIBLE');
    expect(result.unmet.map((u) => u.code)).toEqual(['NOT_CHANNEL_PARTNER', 'PARTNER_NOT_ACTIVE', 'AGREEMENT_NOT_SIGNED', 'FOUNDATIONS_TRAINING_MISSING']);
    expect(result.unmet.every((u) => u.ruleId === 'R-DEAL-01')).toBe(true);
    expect(dealRegistrantEligibility.decide({ ...ok, certifications: [{ ...foundations, expiresAt: now }] }, now).unmet).toEqual([
      expect.objectContaining({ code: 'FOUNDATIONS_TRAINING_MISSING', required: 1, actual: 0 }),
    ]);
  });

  it('R-DEAL-02: new, new-business, add-on and renewal-with-growth opportunities are eligible; a plain renewal is not', () => {
    for (const kind of [
      OpportunityKind.NEW_CUSTOMER,
      OpportunityKind.NEW_BUSINESS_EXISTING_CUSTOMER,
      OpportunityKind.ADD_ON,
      OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH,
    ]) {
      expect(dealOpportunityKind.decide({ opportunityKind: kind }, now).outcome).toBe('ELIGIBLE');
    }
    expect(dealOpportunityKind.decide({ opportunityKind: OpportunityKind.RENEWAL }, now)).toMatchObject({
      outcome: 'NOT_ELIGIBLE',
      ruleIds: ['R-DEAL-02'],
      unmet: [{ code: 'OPPORTUNITY_KIND_NOT_ELIGIBLE' }],
    });
  });
});

describe('order of receipt and exclusivity', () => {
  const t0 = new Date('2026-05-01T09:00:00Z');
  const reg = (id: string, status: DealRegistrationStatus, receivedAt: Date, approvedAt: Date | null = null): CompetingRegistration => ({
    id,
    status,
    receivedAt,
    approvedAt,
  });

  it('R-DEAL-03: competing registrations are ordered by receivedAt, then by id', () => {
    const ordered = inOrderOfReceipt([reg('c', PENDING_ESM, addDays(t0, 1)), reg('b', PENDING_ESM, t0), reg('a', PENDING_ESM, t0)]);
    expect(ordered.map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('R-DEAL-04: approving one denies the other pending registrations, in order of receipt', () => {
    const regs = [
      reg('late', PENDING_ASM, addDays(t0, 2)),
      reg('me', PENDING_ASM, addDays(t0, 1)),
      reg('early', PENDING_ESM, t0),
      reg('gone', DENIED, t0),
      reg('old', EXPIRED, t0),
    ];
    const decision = dealExclusivity.decide({ candidateId: 'me', registrations: regs, opportunityClosedWonAt: null }, now);
    expect(decision).toMatchObject({ outcome: 'MAY_APPROVE', denyIds: ['early', 'late'], blockingId: null, ruleIds: ['R-DEAL-04'] });
  });

  it('R-DEAL-04: refuses approval while another registration is approved and not expired', () => {
    const approvedAt = addDays(now, -89);
    const blocked = dealExclusivity.decide(
      { candidateId: 'me', registrations: [reg('holder', APPROVED, t0, approvedAt), reg('me', PENDING_ASM, t0)], opportunityClosedWonAt: null },
      now,
    );
    expect(blocked).toMatchObject({ outcome: 'BLOCKED', blockingId: 'holder', denyIds: [] });
    const lapsed = dealExclusivity.decide(
      { candidateId: 'me', registrations: [reg('holder', APPROVED, t0, addDays(now, -90))], opportunityClosedWonAt: null },
      now,
    );
    expect(lapsed.outcome).toBe('MAY_APPROVE');
  });
});

describe('routing on submission', () => {
  const opp = (stage: OpportunityStage, lastSalesActivityAt: Date | null, kind = OpportunityKind.NEW_CUSTOMER): LinkedOpportunity => ({
    stage,
    kind,
    lastSalesActivityAt,
  });
  const route = (o: LinkedOpportunity | null) => dealRouting.decide({ opportunity: o }, now);

  it('R-DEAL-05: no opportunity → APPROVED and an opportunity is created', () => {
    expect(route(null)).toMatchObject({ outcome: APPROVED, createOpportunity: true, route: DealRoute.NO_OPPORTUNITY, ruleIds: ['R-DEAL-05'] });
  });

  it('R-DEAL-05: stage 2 goes to the ESM, stage 3 with recent activity is denied', () => {
    const recent = addDays(now, -10);
    expect(route(opp(OpportunityStage.STAGE_2, recent))).toMatchObject({ outcome: PENDING_ESM, route: DealRoute.EARLY_STAGE, createOpportunity: false });
    expect(route(opp(OpportunityStage.STAGE_0, null)).outcome).toBe(PENDING_ESM);
    expect(route(opp(OpportunityStage.STAGE_3, recent))).toMatchObject({ outcome: DENIED, route: DealRoute.LATE_STAGE });
  });

  it('R-DEAL-05: stage 3–6 with activity exactly 180 days ago is denied, 181 days ago approved, none approved', () => {
    expect(route(opp(OpportunityStage.STAGE_5, addDays(now, -180))).outcome).toBe(DENIED);
    expect(route(opp(OpportunityStage.STAGE_5, new Date(addDays(now, -181).getTime() + HOUR))).outcome).toBe(DENIED);
    expect(route(opp(OpportunityStage.STAGE_5, addDays(now, -181))).outcome).toBe(APPROVED);
    expect(route(opp(OpportunityStage.STAGE_6, null))).toMatchObject({ outcome: APPROVED, createOpportunity: false });
  });

  it('R-DEAL-05: a stage 3–6 renewal with sourced growth goes to the ESM before the activity check', () => {
    expect(route(opp(OpportunityStage.STAGE_4, addDays(now, -1), OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH))).toMatchObject({
      outcome: PENDING_ESM,
      route: DealRoute.RENEWAL_WITH_SOURCED_GROWTH,
    });
    expect(route(opp(OpportunityStage.STAGE_4, null, OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH)).outcome).toBe(PENDING_ESM);
  });

  it('R-DEAL-05: a closed opportunity, won or lost, is denied', () => {
    expect(route(opp(OpportunityStage.CLOSED_WON, null))).toMatchObject({ outcome: DENIED, route: DealRoute.CLOSED });
    expect(route(opp(OpportunityStage.CLOSED_LOST, addDays(now, -400))).outcome).toBe(DENIED);
  });
});

describe('sales decisions', () => {
  it('R-DEAL-06: the ESM decides PENDING_ESM, the ASM decides PENDING_ASM', () => {
    expect(dealSalesReview.decide({ status: PENDING_ESM, actorRole: Role.ESM, action: 'APPROVE' }, now).outcome).toBe(PENDING_ASM);
    expect(dealSalesReview.decide({ status: PENDING_ESM, actorRole: Role.ESM, action: 'REJECT' }, now).outcome).toBe(DENIED);
    expect(dealSalesReview.decide({ status: PENDING_ASM, actorRole: Role.ASM, action: 'APPROVE' }, now).outcome).toBe(APPROVED);
    expect(dealSalesReview.decide({ status: PENDING_ASM, actorRole: Role.ASM, action: 'REJECT' }, now).outcome).toBe(DENIED);
  });

  it('R-DEAL-06: the ESM cannot act at PENDING_ASM nor the ASM at PENDING_ESM; an admin may act at either', () => {
    expect(dealSalesReview.decide({ status: PENDING_ASM, actorRole: Role.ESM, action: 'APPROVE' }, now)).toMatchObject({
      outcome: 'REFUSED',
      ruleIds: ['R-DEAL-06'],
    });
    expect(dealSalesReview.decide({ status: PENDING_ESM, actorRole: Role.ASM, action: 'APPROVE' }, now).outcome).toBe('REFUSED');
    expect(dealSalesReview.decide({ status: PENDING_ESM, actorRole: Role.PARTNER_USER, action: 'APPROVE' }, now).outcome).toBe('REFUSED');
    expect(dealSalesReview.decide({ status: APPROVED, actorRole: Role.ADMIN, action: 'REJECT' }, now).outcome).toBe('REFUSED');
    expect(dealSalesReview.decide({ status: PENDING_ESM, actorRole: Role.ADMIN, action: 'APPROVE' }, now).outcome).toBe(PENDING_ASM);
    expect(dealSalesReview.decide({ status: PENDING_ASM, actorRole: Role.ADMIN, action: 'APPROVE' }, now).outcome).toBe(APPROVED);
  });

  it('R-DEAL-06: every sales decision is an allowed transition', () => {
    for (const from of [PENDING_ESM, PENDING_ASM] as const) {
      const step = DEAL_SALES_REVIEW[from];
      for (const to of Object.values(step.on)) {
        expect(dealRegistrationMachine.check(from, to, step.reviewers[0]).outcome).toBe('ALLOWED');
      }
    }
  });
});

describe('silence is consent', () => {
  const receivedAt = new Date('2026-05-01T08:00:00Z');
  const routedToAsmAt = new Date('2026-05-04T15:30:00Z');

  it('R-DEAL-07: stage 0–2 still PENDING_ASM is approved exactly 10 days after routing to the ASM, not a millisecond before', () => {
    const input = { route: DealRoute.EARLY_STAGE as const, status: PENDING_ASM, receivedAt, routedToAsmAt };
    const due = addDays(routedToAsmAt, 10);
    expect(autoApprovalDueAt(input)).toEqual(due);
    expect(dealAutoApproval.decide(input, new Date(due.getTime() - 1))).toMatchObject({ outcome: 'WAIT', dueAt: due });
    expect(dealAutoApproval.decide(input, due)).toMatchObject({ outcome: 'APPROVE', ruleIds: ['R-DEAL-07'] });
  });

  it('R-DEAL-07: stage 0–2 still PENDING_ESM is not auto-approved, however long it waits', () => {
    const decision = dealAutoApproval.decide({ route: DealRoute.EARLY_STAGE, status: PENDING_ESM, receivedAt, routedToAsmAt: null }, addDays(receivedAt, 60));
    expect(decision).toMatchObject({ outcome: 'NOT_APPLICABLE', dueAt: null });
  });

  it('R-DEAL-07: renewal with growth is approved 10 days after submission whether at the ESM or the ASM', () => {
    const due = addDays(receivedAt, 10);
    for (const status of [PENDING_ESM, PENDING_ASM]) {
      const input = { route: DealRoute.RENEWAL_WITH_SOURCED_GROWTH as const, status, receivedAt, routedToAsmAt: status === PENDING_ASM ? routedToAsmAt : null };
      expect(dealAutoApproval.decide(input, new Date(due.getTime() - 1)).outcome).toBe('WAIT');
      expect(dealAutoApproval.decide(input, due)).toMatchObject({ outcome: 'APPROVE', dueAt: due });
    }
    expect(dealAutoApproval.decide({ route: DealRoute.RENEWAL_WITH_SOURCED_GROWTH, status: DENIED, receivedAt, routedToAsmAt: null }, due).outcome).toBe(
      'NOT_APPLICABLE',
    );
  });
});

describe('expiry', () => {
  const approvedAt = new Date('2026-03-01T10:00:00Z');
  const expiresAt = addDays(approvedAt, 90);

  it('R-DEAL-08: expires exactly 90 days after approval', () => {
    expect(dealExpiresAt(approvedAt)).toEqual(new Date('2026-05-30T10:00:00Z'));
    const input = { status: APPROVED, approvedAt, opportunityClosedWonAt: null };
    expect(dealExpiry.decide(input, new Date(expiresAt.getTime() - 1))).toMatchObject({ outcome: 'KEEP', expiresAt });
    expect(dealExpiry.decide(input, expiresAt)).toMatchObject({ outcome: 'EXPIRE', expiresAt, ruleIds: ['R-DEAL-08'] });
  });

  it('R-DEAL-08: does not expire when the opportunity closed-won before then', () => {
    const won = dealExpiry.decide({ status: APPROVED, approvedAt, opportunityClosedWonAt: new Date(expiresAt.getTime() - 1) }, addDays(expiresAt, 30));
    expect(won).toMatchObject({ outcome: 'KEEP', expiresAt: null });
    const tooLate = dealExpiry.decide({ status: APPROVED, approvedAt, opportunityClosedWonAt: expiresAt }, expiresAt);
    expect(tooLate.outcome).toBe('EXPIRE');
    expect(dealExpiry.decide({ status: PENDING_ASM, approvedAt: null, opportunityClosedWonAt: null }, expiresAt).outcome).toBe('KEEP');
  });
});

describe('transitions and history', () => {
  it('R-DEAL-09: only the machine’s transitions are allowed, each citing its rules', () => {
    const edges = dealRegistrationMachine.states.flatMap((from) => dealRegistrationMachine.exits(from).map((to) => `${from}>${to}`));
    expect(edges.sort()).toEqual(
      [
        'APPROVED>EXPIRED',
        'PENDING_ASM>APPROVED',
        'PENDING_ASM>DENIED',
        'PENDING_ASM>WITHDRAWN',
        'PENDING_ESM>APPROVED',
        'PENDING_ESM>DENIED',
        'PENDING_ESM>PENDING_ASM',
        'PENDING_ESM>WITHDRAWN',
      ].sort(),
    );
    expect(dealRegistrationMachine.check(APPROVED, EXPIRED, 'SYSTEM')).toMatchObject({ outcome: 'ALLOWED', ruleIds: ['R-DEAL-08'] });
    expect(dealRegistrationMachine.check(PENDING_ESM, WITHDRAWN, Role.PARTNER_USER).outcome).toBe('ALLOWED');
    expect(dealRegistrationMachine.check(DENIED, APPROVED, Role.ADMIN)).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'TRANSITION_NOT_ALLOWED' }] });
    expect(dealRegistrationMachine.check(EXPIRED, APPROVED, 'SYSTEM').outcome).toBe('REFUSED');
    expect(dealRegistrationMachine.check(null, PENDING_ASM, Role.PARTNER_USER).outcome).toBe('REFUSED');
  });

  it('R-DEAL-09: who may take an edge is part of it: a partner cannot expire an approval, the timer cannot withdraw', () => {
    expect(dealRegistrationMachine.check(APPROVED, EXPIRED, Role.PARTNER_USER)).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'ACTOR_NOT_ALLOWED' }] });
    expect(dealRegistrationMachine.check(PENDING_ASM, WITHDRAWN, 'SYSTEM')).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'ACTOR_NOT_ALLOWED' }] });
    expect(dealRegistrationMachine.check(PENDING_ESM, PENDING_ASM, Role.ESM).outcome).toBe('ALLOWED');
    expect(dealRegistrationMachine.check(PENDING_ESM, PENDING_ASM, Role.ASM).outcome).toBe('REFUSED');
  });
});
