import type { EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal';
import { StatusTransition } from './status-transition.entity';

export interface TransitionInput {
  entityType: string;
  entityId: string;
  partnerId: string | null;
  from: string | null;
  to: string;
  ruleIds: string[];
  reason: string;
}

/** Who acted: a key's role and id, or SYSTEM for timers. */
export type Actor = Principal | 'SYSTEM';

/**
 * Records one status change in the caller's transaction (R-DEAL-09 and the same for every entity
 * with a status). The row is also the event of R-EVT-01: it exists only if the change committed.
 */
export async function recordTransition(em: EntityManager, actor: Actor, at: Date, transition: TransitionInput): Promise<StatusTransition> {
  // The counter row stays locked until this transaction ends: sequence order is commit order.
  // TypeORM answers an UPDATE … RETURNING with [rows, affected].
  const [rows]: [Array<{ last_value: string }>, number] = await em.query(
    `UPDATE event_sequence SET last_value = last_value + 1, updated_at = now() WHERE id = 1 RETURNING last_value`,
  );
  const sequence = rows[0].last_value;
  return em.save(
    em.create(StatusTransition, {
      sequence,
      entityType: transition.entityType,
      entityId: transition.entityId,
      partnerId: transition.partnerId,
      fromStatus: transition.from,
      toStatus: transition.to,
      actorRole: actor === 'SYSTEM' ? 'SYSTEM' : actor.role,
      actorId: actor === 'SYSTEM' ? null : actor.keyId,
      ruleIds: transition.ruleIds,
      reason: transition.reason,
      occurredAt: at,
    }),
  );
}
