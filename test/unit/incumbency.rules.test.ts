import { Territory } from '../../src/partners/partner.enums';
import { incumbencyTransfer, incumbent, renewalDiscount } from '../../src/crm/incumbency.rules';
import { tenderPricing } from '../../src/deals/tender-pricing.rules';

const now = new Date('2026-06-01T00:00:00Z');
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('incumbency', () => {
  it('R-REN-01: the incumbent is the partner of the most recent closed-won sale', () => {
    const sales = [
      { opportunityId: 'o2', partnerId: 'acme', closedWonAt: d('2025-06-01') },
      { opportunityId: 'o1', partnerId: 'acme', closedWonAt: d('2024-06-01') },
    ];
    expect(incumbent.decide({ sales, communications: [] }, now)).toMatchObject({ outcome: 'INCUMBENT', partnerId: 'acme' });
    expect(incumbent.decide({ sales: [], communications: [] }, now)).toMatchObject({ outcome: 'NO_INCUMBENT', partnerId: null });
    expect(
      incumbent.decide({ sales: [{ opportunityId: 'future', partnerId: 'acme', closedWonAt: d('2026-07-01') }], communications: [] }, now).partnerId,
    ).toBeNull();
  });

  it('R-REN-01: only the incumbent in good standing qualifies for renewal discounts', () => {
    expect(renewalDiscount.decide({ partnerId: 'acme', incumbentPartnerId: 'acme', inGoodStanding: true }, now).outcome).toBe('QUALIFIES');
    expect(renewalDiscount.decide({ partnerId: 'acme', incumbentPartnerId: 'acme', inGoodStanding: false }, now)).toMatchObject({
      outcome: 'NOT_QUALIFIED',
      reasons: ['The incumbent is not in good standing'],
    });
    expect(renewalDiscount.decide({ partnerId: 'beta', incumbentPartnerId: 'acme', inGoodStanding: true }, now).outcome).toBe('NOT_QUALIFIED');
  });

  it('R-REN-02: a sale by another partner does not move incumbency without a formal written communication', () => {
    const sales = [
      { opportunityId: 'o1', partnerId: 'acme', closedWonAt: d('2024-06-01') },
      { opportunityId: 'o2', partnerId: 'beta', closedWonAt: d('2025-06-01') },
    ];
    expect(incumbent.decide({ sales, communications: [] }, now).partnerId).toBe('acme');
    const informal = [{ partnerId: 'beta', recordedAt: d('2025-05-01'), formalWritten: false }];
    expect(incumbent.decide({ sales, communications: informal }, now).partnerId).toBe('acme');
    const formal = [{ partnerId: 'beta', recordedAt: d('2025-05-01'), formalWritten: true }];
    const moved = incumbent.decide({ sales, communications: formal }, now);
    expect(moved).toMatchObject({ outcome: 'INCUMBENT', partnerId: 'beta', ruleIds: ['R-REN-01', 'R-REN-02'] });
  });

  it('R-REN-01, R-REN-02: reasons say what moved incumbency and when, naming no partner and no sale', () => {
    const sales = [
      { opportunityId: 'opp-1', partnerId: 'partner-acme', closedWonAt: d('2024-06-01') },
      { opportunityId: 'opp-2', partnerId: 'partner-beta', closedWonAt: d('2025-06-01') },
    ];
    const communications = [
      { partnerId: 'partner-beta', recordedAt: d('2025-05-01'), formalWritten: false },
      { partnerId: 'partner-beta', recordedAt: d('2025-07-01'), formalWritten: true },
    ];
    const decision = incumbent.decide({ sales, communications }, now);
    expect(decision.partnerId).toBe('partner-beta');
    expect(decision.reasons).toHaveLength(4);
    expect(decision.reasons[0]).toContain('2024-06-01');
    expect(decision.reasons.at(-1)).toContain('formal written');
    const told = JSON.stringify([
      decision.reasons,
      renewalDiscount.decide({ partnerId: 'partner-beta', incumbentPartnerId: 'partner-acme', inGoodStanding: true }, now).reasons,
    ]);
    for (const id of ['partner-acme', 'partner-beta', 'opp-1', 'opp-2']) expect(told).not.toContain(id);
  });

  it('R-REN-02: the transfer decision needs a formal written communication designating the new partner', () => {
    const formal = { partnerId: 'beta', recordedAt: d('2026-01-01'), formalWritten: true };
    expect(incumbencyTransfer.decide({ incumbentId: 'acme', partnerId: 'beta', communication: formal }, now).outcome).toBe('MOVES');
    expect(incumbencyTransfer.decide({ incumbentId: 'acme', partnerId: 'beta', communication: null }, now).outcome).toBe('STAYS');
    expect(incumbencyTransfer.decide({ incumbentId: 'acme', partnerId: 'gamma', communication: formal }, now).outcome).toBe('STAYS');
    expect(incumbencyTransfer.decide({ incumbentId: 'acme', partnerId: 'beta', communication: { ...formal, formalWritten: false } }, now).outcome).toBe(
      'STAYS',
    );
  });
});

describe('tenders', () => {
  const bidders = ['sourced', 'other'];

  it('R-REN-03: the sourced partner gets the sourced margin, every other bidder the partner base discount', () => {
    const bids = tenderPricing.decide({ territory: Territory.EMEA, bidderIds: bidders, sourcedPartnerId: 'sourced' }, now);
    expect(bids.map((b) => [b.partnerId, b.outcome])).toEqual([
      ['sourced', 'SOURCED_MARGIN'],
      ['other', 'PARTNER_BASE'],
    ]);
    expect(bids.every((b) => b.ruleIds.includes('R-REN-03'))).toBe(true);
  });

  it('R-REN-03: in US public sector a non-sourced bidder gets MSRP', () => {
    const bids = tenderPricing.decide({ territory: Territory.US_PUBSEC, bidderIds: bidders, sourcedPartnerId: 'sourced' }, now);
    expect(bids.map((b) => b.outcome)).toEqual(['SOURCED_MARGIN', 'MSRP']);
    const noSourced = tenderPricing.decide({ territory: Territory.US_PUBSEC, bidderIds: bidders, sourcedPartnerId: null }, now);
    expect(noSourced.map((b) => b.outcome)).toEqual(['MSRP', 'MSRP']);
    const elsewhere = tenderPricing.decide({ territory: Territory.NORTH_AMERICA, bidderIds: bidders, sourcedPartnerId: null }, now);
    expect(elsewhere.map((b) => b.outcome)).toEqual(['PARTNER_BASE', 'PARTNER_BASE']);
  });
});
