import type { RunningApp } from '../../src/app';
import { UnitOfWork, inUnitOfWork } from '../../src/db/unit-of-work';
import type { Actor } from '../../src/events/outbox';
import { createLogger } from '../../src/config/logger';

/** Runs `work` in a unit of work of the running server's modules, as a timer or a given actor would. */
export function inTestUnitOfWork<T>(app: RunningApp, work: (uow: UnitOfWork) => Promise<T>, options: { actor?: Actor; now?: Date } = {}): Promise<T> {
  return inUnitOfWork(
    { dataSource: app.dataSource, logger: createLogger({ LOG_LEVEL: 'silent' }), hooks: app.registry.hooks, rules: app.registry.rules },
    options.actor ?? 'SYSTEM',
    { now: options.now ?? new Date() },
    work,
  );
}
