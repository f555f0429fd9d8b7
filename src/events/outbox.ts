import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import type { UnmetCondition } from '../rules/decision';
import { StatusTransition } from './status-transition.entity';

/** Who acted: a key's role and id, or SYSTEM for timers. */
export type Actor = Principal | 'SYSTEM';

/** The person behind a relayed decision (R-DEAL-06): the CRM user who decided, and in which role. */
export interface Decider {
  id: string;
  role: string;
}

export interface TransitionRecord {
  entityType: string;
  entityId: string;
  partnerId: string | null;
  from: string | null;
  to: string;
  ruleIds: string[];
  reason: string;
  unmet: UnmetCondition[];
  decidedBy: Decider | null;
}

type OutboxRow = Omit<StatusTransition, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'sequence' | 'nodeId'>;

/**
 * The status changes of one transaction (R-DEAL-09, R-EVT-01), written last, right before commit.
 * They take their sequence numbers from the single counter row only then: its lock, held until
 * commit, makes sequence order equal commit order (a rollback undoes the increment, so there are
 * no gaps), and because nothing else is locked after it, it cannot take part in a deadlock.
 */
export class Outbox {
  private readonly rows: OutboxRow[] = [];

  get size(): number {
    return this.rows.length;
  }

  get recorded(): readonly OutboxRow[] {
    return this.rows;
  }

  add(actor: Actor, at: Date, transition: TransitionRecord): void {
    this.rows.push({
      entityType: transition.entityType,
      entityId: transition.entityId,
      partnerId: transition.partnerId,
      fromStatus: transition.from,
      toStatus: transition.to,
      actorRole: actor === 'SYSTEM' ? 'SYSTEM' : actor.role,
      actorId: actor === 'SYSTEM' ? null : actor.keyId,
      decidedById: transition.decidedBy?.id ?? null,
      decidedByRole: transition.decidedBy?.role ?? null,
      ruleIds: transition.ruleIds,
      reason: transition.reason,
      unmet: transition.unmet,
      occurredAt: at,
    });
  }

  async write(em: EntityManager): Promise<void> {
    if (this.rows.length === 0) return;
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [[{ last_value: last }]] = await em.query<[Array<{ last_value: string }>, number]>(
      `UPDATE event_sequence SET last_value = last_value + $1, updated_at = now() WHERE id = 1 RETURNING last_value`,
      [this.rows.length],
    );
    const first = BigInt(last) - BigInt(this.rows.length) + 1n;
    await em.getRepository(StatusTransition).insert(this.rows.map((row, index) => ({ ...row, sequence: (first + BigInt(index)).toString() })));
    this.rows.length = 0;
  }
}
