import { Decision, defineRule, isoDate } from '../rules/decision';

export interface SaleFact {
  opportunityId: string;
  partnerId: string;
  closedWonAt: Date;
}

export interface CustomerCommunication {
  /** the partner the customer designates */
  partnerId: string;
  recordedAt: Date;
  /** only a formal written communication moves incumbency (R-REN-02) */
  formalWritten: boolean;
}

export type IncumbencyTransferOutcome = 'MOVES' | 'STAYS';

/**
 * R-REN-02: incumbency moves to another partner only with a recorded formal written customer
 * communication. Reasons name no partner: an incumbency is read by partners other than the incumbent.
 */
export const incumbencyTransfer = defineRule({
  id: 'R-REN-02',
  description: 'Incumbency moves only with a formal written customer communication',
  decide(input: { incumbentId: string | null; partnerId: string; communication: CustomerCommunication | null }): Decision<IncumbencyTransferOutcome> {
    const result = (outcome: IncumbencyTransferOutcome, reason: string): Decision<IncumbencyTransferOutcome> => ({
      outcome,
      ruleIds: ['R-REN-02'],
      reasons: [reason],
    });
    const stays = input.incumbentId === null ? 'there stays no incumbent' : 'incumbency stays with the incumbent';
    if (input.incumbentId === input.partnerId) return result('STAYS', 'The partner is already the incumbent');
    if (input.communication === null || input.communication.partnerId !== input.partnerId) {
      return result('STAYS', `No customer communication designates the other partner: ${stays}`);
    }
    if (!input.communication.formalWritten) {
      return result('STAYS', `The customer communication designating another partner is not formal and written: ${stays}`);
    }
    return result('MOVES', `A formal written customer communication recorded ${input.communication.recordedAt.toISOString()} designates another partner`);
  },
});

export interface IncumbencyDecision extends Decision<'INCUMBENT' | 'NO_INCUMBENT'> {
  partnerId: string | null;
}

/**
 * R-REN-01 with R-REN-02, replayed in time order up to `now`: a closed-won sale makes its partner the
 * incumbent only if there was none or it already was; a formal written communication moves incumbency
 * by itself. Decision: the communication is sufficient (the customer can designate the partner for its
 * next renewal before that partner has sold anything), not only necessary.
 */
export const incumbent = defineRule({
  id: 'R-REN-01',
  description: "The incumbent is the partner of the customer's most recent sale, moved only per R-REN-02",
  decide(input: { sales: SaleFact[]; communications: CustomerCommunication[] }, now: Date): IncumbencyDecision {
    type Event = { at: Date; partnerId: string; communication: CustomerCommunication | null; label: string };
    const events: Event[] = [
      ...input.sales.map((s) => ({ at: s.closedWonAt, partnerId: s.partnerId, communication: null, label: `Sale closed-won ${isoDate(s.closedWonAt)}` })),
      ...input.communications.map((c) => ({
        at: c.recordedAt,
        partnerId: c.partnerId,
        communication: c,
        label: `Customer communication ${isoDate(c.recordedAt)}`,
      })),
    ]
      .filter((e) => e.at.getTime() <= now.getTime())
      // Sales before communications at the same instant, so a designation recorded with a sale wins.
      .sort((a, b) => a.at.getTime() - b.at.getTime() || Number(a.communication !== null) - Number(b.communication !== null));
    let partnerId: string | null = null;
    const reasons: string[] = [];
    for (const event of events) {
      if (partnerId === null && event.communication === null) {
        partnerId = event.partnerId;
        reasons.push(`${event.label}: its partner transacted the first sale and is the incumbent`);
        continue;
      }
      const transfer = incumbencyTransfer.decide({ incumbentId: partnerId, partnerId: event.partnerId, communication: event.communication }, now);
      if (transfer.outcome === 'MOVES' || event.partnerId !== partnerId) reasons.push(`${event.label}: ${transfer.reasons[0]}`);
      if (transfer.outcome === 'MOVES') partnerId = event.partnerId;
    }
    if (partnerId === null)
      return { outcome: 'NO_INCUMBENT', partnerId, ruleIds: ['R-REN-01'], reasons: ['The customer has no closed-won sale through a partner'] };
    return { outcome: 'INCUMBENT', partnerId, ruleIds: ['R-REN-01', 'R-REN-02'], reasons };
  },
});

/** R-REN-01: only the incumbent qualifies for renewal discounts, and only while in good standing (R-PTR-06). */
export const renewalDiscount = defineRule({
  id: 'R-REN-01',
  description: 'Only the incumbent in good standing qualifies for renewal discounts',
  decide(input: { partnerId: string; incumbentPartnerId: string | null; inGoodStanding: boolean }): Decision<'QUALIFIES' | 'NOT_QUALIFIED'> {
    if (input.partnerId !== input.incumbentPartnerId) {
      return { outcome: 'NOT_QUALIFIED', ruleIds: ['R-REN-01'], reasons: ['The partner is not the incumbent'] };
    }
    if (!input.inGoodStanding) {
      return { outcome: 'NOT_QUALIFIED', ruleIds: ['R-REN-01', 'R-PTR-06'], reasons: ['The incumbent is not in good standing'] };
    }
    return { outcome: 'QUALIFIES', ruleIds: ['R-REN-01', 'R-PTR-06'], reasons: ['Incumbent partner in good standing'] };
  },
});
