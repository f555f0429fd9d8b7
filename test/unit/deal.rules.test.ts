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
  dealOpportunityMatch,
  dealOrderOfReceipt,
  dealRegistrantEligibility,
  dealRouting,
  dealSalesReview,
  inOrderOfReceipt,
  SalesReviewInput,
} from '../../src/deals/deal.rules';
import { dealRegistrationMachine } from '../../src/deals/deal.machine';

const { PENDING_OPS_REVIEW, PENDING_ESM, PENDING_ASM, APPROVED, DENIED, EXPIRED, WITHDRAWN } = DealRegistrationStatus;
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

  it('R-DEAL-03: approving ahead of an earlier pending registration needs a recorded reason and then cites R-DEAL-03', () => {
    const me = reg('me', PENDING_ASM, addDays(t0, 1));
    const decide = (registrations: CompetingRegistration[], reason: string | null) => dealOrderOfReceipt.decide({ candidate: me, registrations, reason }, now);
    // One millisecond earlier is earlier; an equal receivedAt is ordered by id ('early' < 'me').
    const justEarlier = reg('x-later-id', PENDING_ESM, new Date(me.receivedAt.getTime() - 1));
    const sameInstant = reg('early', PENDING_ASM, me.receivedAt);
    for (const earlier of [justEarlier, sameInstant]) {
      expect(decide([earlier, me], null)).toMatchObject({
        outcome: 'REASON_REQUIRED',
        earlierPending: 1,
        ruleIds: ['R-DEAL-03'],
        unmet: [{ ruleId: 'R-DEAL-03', code: 'EARLIER_REGISTRATION_PENDING' }],
      });
      expect(decide([earlier], '   ').outcome).toBe('REASON_REQUIRED');
    }
    const ahead = decide([justEarlier], 'In-region support');
    expect(ahead).toMatchObject({ outcome: 'AHEAD_WITH_REASON', ruleIds: ['R-DEAL-03'], unmet: [] });
    expect(ahead.reasons.join(' ')).toContain('In-region support');
    expect(ahead.reasons.join(' ')).not.toContain('x-later-id');
    // Later, decided, or not waiting on a sales decision: in order.
    const inOrder = [
      reg('z-later', PENDING_ESM, new Date(me.receivedAt.getTime() + 1)),
      reg('na-same-instant-later-id', PENDING_ESM, me.receivedAt),
      reg('denied', DENIED, t0),
      reg('expired', EXPIRED, t0),
      reg('withdrawn', WITHDRAWN, t0),
      reg('ops', PENDING_OPS_REVIEW, t0),
    ];
    expect(decide(inOrder, null)).toMatchObject({ outcome: 'IN_ORDER', earlierPending: 0, unmet: [] });
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
    expect(blocked).toMatchObject({ outcome: 'BLOCKED', blockingId: 'holder', denyIds: [], unmet: [{ ruleId: 'R-DEAL-04', code: 'OPPORTUNITY_HELD' }] });
    // Other partners learn that the opportunity is held, never by whom.
    expect(JSON.stringify([blocked.reasons, blocked.unmet])).not.toContain('holder');
    const lapsed = dealExclusivity.decide(
      { candidateId: 'me', registrations: [reg('holder', APPROVED, t0, addDays(now, -90))], opportunityClosedWonAt: null },
      now,
    );
    expect(lapsed).toMatchObject({ outcome: 'MAY_APPROVE', expireIds: ['holder'], ruleIds: ['R-DEAL-04', 'R-DEAL-08'] });
  });

  it('R-DEAL-04: an approval past its 90 days never blocks, to the millisecond, with or without a timer', () => {
    const holder = (approvedAt: Date) => ({ candidateId: '', registrations: [reg('holder', APPROVED, t0, approvedAt)], opportunityClosedWonAt: null });
    const oneMsShort = dealExclusivity.decide(holder(new Date(addDays(now, -90).getTime() + 1)), now);
    expect(oneMsShort).toMatchObject({ outcome: 'BLOCKED', expireIds: [] });
    expect(dealExclusivity.decide(holder(addDays(now, -90)), now)).toMatchObject({ outcome: 'MAY_APPROVE', expireIds: ['holder'], blockingId: null });
    // Closed-won before its 90 days: it keeps the opportunity.
    const won = dealExclusivity.decide({ ...holder(addDays(now, -120)), opportunityClosedWonAt: addDays(now, -100) }, now);
    expect(won).toMatchObject({ outcome: 'BLOCKED', expireIds: [] });
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

  it('R-DEAL-05: stage 3–6 with activity exactly 180 × 24 h ago is denied, a millisecond or an hour more approved, none approved', () => {
    const exactly = route(opp(OpportunityStage.STAGE_5, addDays(now, -180)));
    expect(exactly).toMatchObject({ outcome: DENIED, unmet: [{ ruleId: 'R-DEAL-05', code: 'RECENT_SALES_ACTIVITY', required: 180, actual: 180 }] });
    expect(route(opp(OpportunityStage.STAGE_5, new Date(addDays(now, -180).getTime() - 1))).outcome).toBe(APPROVED);
    const hourMore = route(opp(OpportunityStage.STAGE_5, new Date(addDays(now, -180).getTime() - HOUR)));
    expect(hourMore).toMatchObject({ outcome: APPROVED, unmet: [] });
    expect(hourMore.reasons[0]).toContain('180 days 1 h');
    // Whole-day rounding would deny this one: 180 days and 23 hours is more than 180 days.
    expect(route(opp(OpportunityStage.STAGE_5, new Date(addDays(now, -180).getTime() - 23 * HOUR))).outcome).toBe(APPROVED);
    expect(route(opp(OpportunityStage.STAGE_3, addDays(now, -179))).outcome).toBe(DENIED);
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
    expect(route(opp(OpportunityStage.CLOSED_WON, null))).toMatchObject({
      outcome: DENIED,
      route: DealRoute.CLOSED,
      unmet: [{ ruleId: 'R-DEAL-05', code: 'OPPORTUNITY_CLOSED' }],
    });
    expect(route(opp(OpportunityStage.CLOSED_LOST, addDays(now, -400))).outcome).toBe(DENIED);
  });
});

describe('matching a submission without a known CRM opportunity', () => {
  const customer = (id: string, matchedBy: 'CRM_ACCOUNT_ID' | 'NAME' | 'EMAIL_DOMAIN', createdAt = now) => ({ id, matchedBy, createdAt });
  const opportunity = (id: string, customerId: string, stage: OpportunityStage) => ({ id, customerId, stage });

  it('R-DEAL-05: an open opportunity of the matched customer (stages 0–6) is a candidate → Ecosystem Ops review; closed ones are not', () => {
    const opportunities = [
      opportunity('o-stage-0', 'c1', OpportunityStage.STAGE_0),
      opportunity('o-stage-6', 'c1', OpportunityStage.STAGE_6),
      opportunity('o-won', 'c1', OpportunityStage.CLOSED_WON),
      opportunity('o-lost', 'c1', OpportunityStage.CLOSED_LOST),
      opportunity('o-elsewhere', 'c9', OpportunityStage.STAGE_4),
    ];
    const review = dealOpportunityMatch.decide({ customers: [customer('c1', 'NAME')], opportunities }, now);
    expect(review).toMatchObject({ outcome: 'OPS_REVIEW', candidateIds: ['o-stage-0', 'o-stage-6'], customerId: 'c1', ruleIds: ['R-DEAL-05'] });
    expect(review.reasons[0]).toContain('matched by name');
    // The reason never names the candidates: they may be other partners' opportunities.
    expect(review.reasons.join(' ')).not.toContain('o-stage');
    const closedOnly = dealOpportunityMatch.decide({ customers: [customer('c1', 'NAME')], opportunities: opportunities.slice(2, 4) }, now);
    expect(closedOnly).toMatchObject({ outcome: 'NO_CANDIDATE', candidateIds: [], customerId: 'c1' });
    expect(dealOpportunityMatch.decide({ customers: [], opportunities: [] }, now)).toMatchObject({ outcome: 'NO_CANDIDATE', customerId: null });
  });

  it('R-DEAL-05: a new opportunity goes to the strongest match (CRM account ID, then name, then e-mail domain), oldest first', () => {
    const older = addDays(now, -1);
    const customers = [customer('by-domain', 'EMAIL_DOMAIN', addDays(now, -9)), customer('by-name', 'NAME'), customer('by-name-older', 'NAME', older)];
    expect(dealOpportunityMatch.decide({ customers, opportunities: [] }, now).customerId).toBe('by-name-older');
    expect(dealOpportunityMatch.decide({ customers: [...customers, customer('by-account', 'CRM_ACCOUNT_ID')], opportunities: [] }, now).customerId).toBe(
      'by-account',
    );
    expect(dealOpportunityMatch.decide({ customers: customers.slice(0, 1), opportunities: [] }, now).customerId).toBe('by-domain');
  });
});

describe('sales decisions', () => {
  const review = (input: Partial<SalesReviewInput> & Pick<SalesReviewInput, 'status' | 'actorRole'>) =>
    dealSalesReview.decide({ action: 'APPROVE', actorKeyId: 'key-1', relayed: null, esmDecidedBy: null, ...input }, now);

  it('R-DEAL-06: the ESM decides PENDING_ESM, the ASM decides PENDING_ASM', () => {
    expect(review({ status: PENDING_ESM, actorRole: Role.ESM })).toMatchObject({ outcome: PENDING_ASM, decider: 'key:key-1', decidedBy: null });
    expect(review({ status: PENDING_ESM, actorRole: Role.ESM, action: 'REJECT' })).toMatchObject({
      outcome: DENIED,
      unmet: [{ ruleId: 'R-DEAL-06', code: 'REJECTED_BY_ESM' }],
    });
    expect(review({ status: PENDING_ASM, actorRole: Role.ASM, esmDecidedBy: 'key:esm' }).outcome).toBe(APPROVED);
    expect(review({ status: PENDING_ASM, actorRole: Role.ASM, action: 'REJECT' }).outcome).toBe(DENIED);
  });

  it('R-DEAL-06: the ESM cannot act at PENDING_ASM nor the ASM at PENDING_ESM; an admin may act at either', () => {
    expect(review({ status: PENDING_ASM, actorRole: Role.ESM })).toMatchObject({
      outcome: 'REFUSED',
      ruleIds: ['R-DEAL-06'],
      unmet: [{ code: 'REVIEWER_ROLE_NOT_ALLOWED' }],
    });
    expect(review({ status: PENDING_ESM, actorRole: Role.ASM }).outcome).toBe('REFUSED');
    expect(review({ status: PENDING_ESM, actorRole: Role.PARTNER_USER }).outcome).toBe('REFUSED');
    expect(review({ status: APPROVED, actorRole: Role.ADMIN, action: 'REJECT' })).toMatchObject({
      outcome: 'REFUSED',
      unmet: [{ code: 'NOT_AWAITING_SALES_DECISION' }],
    });
    expect(review({ status: PENDING_OPS_REVIEW, actorRole: Role.ADMIN }).outcome).toBe('REFUSED');
    expect(review({ status: PENDING_ESM, actorRole: Role.ADMIN }).outcome).toBe(PENDING_ASM);
    expect(review({ status: PENDING_ASM, actorRole: Role.ADMIN, esmDecidedBy: 'key:someone-else' }).outcome).toBe(APPROVED);
  });

  it('R-DEAL-06: a relayed decision names the CRM user who decided and in which role; a key deciding itself names nobody', () => {
    expect(review({ status: PENDING_ESM, actorRole: Role.CRM_SYNC })).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'DECIDER_REQUIRED' }] });
    const relayed = review({ status: PENDING_ESM, actorRole: Role.CRM_SYNC, relayed: { crmUserId: '005-ESM', role: 'ESM' } });
    expect(relayed).toMatchObject({ outcome: PENDING_ASM, decider: 'crm:005-ESM', decidedBy: { id: '005-ESM', role: 'ESM' } });
    expect(relayed.reasons[0]).toContain('005-ESM');
    expect(review({ status: PENDING_ESM, actorRole: Role.CRM_SYNC, relayed: { crmUserId: '005-ASM', role: 'ASM' } })).toMatchObject({
      outcome: 'REFUSED',
      unmet: [{ code: 'DECIDER_ROLE_MISMATCH' }],
    });
    expect(review({ status: PENDING_ESM, actorRole: Role.ESM, relayed: { crmUserId: '005-X', role: 'ESM' } })).toMatchObject({
      outcome: 'REFUSED',
      unmet: [{ code: 'DECIDER_NOT_RELAYED' }],
    });
  });

  it('R-DEAL-06: the ESM and the ASM steps are decided by different people, relayed or not', () => {
    const asm = (relayed: SalesReviewInput['relayed'], esmDecidedBy: string, actorRole = Role.CRM_SYNC) =>
      review({ status: PENDING_ASM, actorRole, relayed, esmDecidedBy });
    expect(asm({ crmUserId: '005-A', role: 'ASM' }, 'crm:005-A')).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'SAME_DECIDER' }] });
    expect(asm({ crmUserId: '005-B', role: 'ASM' }, 'crm:005-A')).toMatchObject({ outcome: APPROVED, decidedBy: { id: '005-B', role: 'ASM' } });
    // One admin key deciding both steps in its own name is one person.
    expect(asm(null, 'key:key-1', Role.ADMIN)).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'SAME_DECIDER' }] });
    expect(asm(null, 'key:key-2', Role.ADMIN).outcome).toBe(APPROVED);
    // Rejecting is a decision of the step too.
    expect(
      review({ status: PENDING_ASM, actorRole: Role.CRM_SYNC, action: 'REJECT', relayed: { crmUserId: '005-A', role: 'ASM' }, esmDecidedBy: 'crm:005-A' })
        .outcome,
    ).toBe('REFUSED');
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
        'PENDING_OPS_REVIEW>APPROVED',
        'PENDING_OPS_REVIEW>DENIED',
        'PENDING_OPS_REVIEW>PENDING_ESM',
        'PENDING_OPS_REVIEW>WITHDRAWN',
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

  it('R-DEAL-05: only Ecosystem Ops resolves a PENDING_OPS_REVIEW registration; the partner may withdraw it', () => {
    expect(dealRegistrationMachine.check(null, PENDING_OPS_REVIEW, Role.PORTAL_SYNC)).toMatchObject({ outcome: 'ALLOWED', ruleIds: ['R-DEAL-05'] });
    for (const to of [PENDING_ESM, APPROVED, DENIED]) {
      expect(dealRegistrationMachine.check(PENDING_OPS_REVIEW, to, Role.ECOSYSTEM_OPS).outcome).toBe('ALLOWED');
      expect(dealRegistrationMachine.check(PENDING_OPS_REVIEW, to, Role.ESM).outcome).toBe('REFUSED');
      expect(dealRegistrationMachine.check(PENDING_OPS_REVIEW, to, Role.PARTNER_USER).outcome).toBe('REFUSED');
    }
    expect(dealRegistrationMachine.check(PENDING_OPS_REVIEW, WITHDRAWN, Role.PARTNER_USER).outcome).toBe('ALLOWED');
    expect(dealRegistrationMachine.check(PENDING_OPS_REVIEW, PENDING_ASM, Role.ECOSYSTEM_OPS).outcome).toBe('REFUSED');
  });
});
