import type { DataSource, EntityManager } from 'typeorm';
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

/** Transitions recorded in a transaction, written when it is about to commit. */
const outboxes = new WeakMap<EntityManager, Array<Omit<StatusTransition, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'sequence' | 'nodeId'>>>();

/**
 * Records one status change of the caller's transaction (R-DEAL-09 and the same for every entity
 * with a status). The row is also the event of R-EVT-01: it is written with the transaction's
 * other changes, so it exists only if the change committed.
 */
export async function recordTransition(em: EntityManager, actor: Actor, at: Date, transition: TransitionInput): Promise<void> {
  const outbox = outboxes.get(em);
  if (!outbox) throw new Error('recordTransition must run inside inOutboxTransaction (or withTransaction)');
  outbox.push({
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
  });
}

/**
 * A transaction whose recorded transitions are written last, right before commit. They take their
 * sequence numbers from the single counter row only then: its lock, held until commit, makes
 * sequence order equal commit order (a rollback undoes the increment, so there are no gaps), and
 * because nothing else is locked after it, it cannot take part in a deadlock and is held briefly.
 */
export function inOutboxTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (em) => {
    outboxes.set(em, []);
    const result = await work(em);
    await writeOutbox(em);
    return result;
  });
}

async function writeOutbox(em: EntityManager): Promise<void> {
  const rows = outboxes.get(em) ?? [];
  outboxes.delete(em);
  if (rows.length === 0) return;
  // TypeORM answers an UPDATE … RETURNING with [rows, affected].
  const [[{ last_value: last }]]: [Array<{ last_value: string }>, number] = await em.query(
    `UPDATE event_sequence SET last_value = last_value + $1, updated_at = now() WHERE id = 1 RETURNING last_value`,
    [rows.length],
  );
  const first = BigInt(last) - BigInt(rows.length) + 1n;
  await em.getRepository(StatusTransition).insert(rows.map((row, index) => ({ ...row, sequence: (first + BigInt(index)).toString() })));
}
