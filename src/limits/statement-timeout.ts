import { DataSource, Migration, MigrationExecutor } from 'typeorm';

/** SQLSTATE query_canceled: raised for statement_timeout (and for an explicit cancel, told apart by the message). */
const QUERY_CANCELED = '57014';

export const STATEMENT_TIMEOUT_MESSAGE =
  'The database took too long to answer this request and cancelled it (statement timeout); nothing was changed. Ask for smaller pages or fewer fields.';

/** Whether an error, however wrapped (GraphQLError → QueryFailedError → pg error), is a statement_timeout cancellation. */
export function isStatementTimeout(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const candidate = current as { code?: unknown; message?: unknown; driverError?: unknown; originalError?: unknown; cause?: unknown };
    if (candidate.code === QUERY_CANCELED && typeof candidate.message === 'string' && candidate.message.includes('statement timeout')) return true;
    current = candidate.driverError ?? candidate.originalError ?? candidate.cause;
  }
  return false;
}

/**
 * Applies pending migrations on one connection with statement_timeout off: a migration may
 * rewrite a large table, which the API's timeout must not cut short. RESET then restores the
 * pool's timeout (the connection's start-up value) before the connection goes back to the pool.
 */
export async function runMigrationsWithoutStatementTimeout(dataSource: DataSource): Promise<Migration[]> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.query('SET statement_timeout = 0');
    const executor = new MigrationExecutor(dataSource, queryRunner);
    executor.transaction = 'each';
    return await executor.executePendingMigrations();
  } finally {
    await queryRunner.query('RESET statement_timeout').finally(() => queryRunner.release());
  }
}
