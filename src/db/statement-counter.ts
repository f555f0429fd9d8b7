import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../config/logger';

interface StatementScope {
  count: number;
}

const scopeStorage = new AsyncLocalStorage<StatementScope>();

/** Runs `work` counting every SQL statement it sends, however deep in the call tree. */
export function withStatementCount<T>(work: () => Promise<T>): { result: Promise<T>; scope: StatementScope } {
  const scope: StatementScope = { count: 0 };
  return { result: scopeStorage.run(scope, work), scope };
}

/** Runs `work` outside the request's count: bookkeeping (the rate-limit bucket) is not the operation's work. */
export function withoutStatementCount<T>(work: () => Promise<T>): Promise<T> {
  return scopeStorage.exit(work);
}

export function currentStatementScope(): StatementScope | undefined {
  return scopeStorage.getStore();
}

const SLOW_QUERY_MS = 500;

/** TypeORM logger: counts statements for the current request and sends problems to pino. */
export class CountingLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger) {}

  logQuery(): void {
    const scope = scopeStorage.getStore();
    if (scope) scope.count += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ err: error, query: truncate(query) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= SLOW_QUERY_MS) this.logger.warn({ durationMs: time, query: truncate(query) }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ schema: message }, 'schema build');
  }

  logMigration(message: string): void {
    this.logger.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ typeorm: message }, 'typeorm');
    else this.logger.debug({ typeorm: message }, 'typeorm');
  }
}

function truncate(query: string): string {
  return query.length > 500 ? `${query.slice(0, 500)}…` : query;
}
