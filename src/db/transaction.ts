import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../context';
import { inOutboxTransaction } from '../history/transition-recorder';

/**
 * One transaction for a unit of work. Whatever `work` registers with `afterCommit` runs only
 * once the transaction committed, so nothing is published for a change that rolled back.
 */
export async function withTransaction<T>(
  ctx: RequestContext,
  work: (em: EntityManager, afterCommit: (effect: () => void | Promise<void>) => void) => Promise<T>,
): Promise<T> {
  const effects: Array<() => void | Promise<void>> = [];
  const result = await inOutboxTransaction(ctx.dataSource, (em) => work(em, (effect) => effects.push(effect)));
  // Whatever this transaction recorded reaches this instance's subscribers at once; other
  // instances hear of it through NOTIFY.
  ctx.events.poke();
  for (const effect of effects) {
    try {
      await effect();
    } catch (error) {
      ctx.logger.error({ err: error }, 'after-commit effect failed');
    }
  }
  return result;
}
