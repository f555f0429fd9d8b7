import { DataSource } from 'typeorm';
import type { Logger } from '../config/logger';
import { CountingLogger } from './statement-counter';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { MIGRATIONS } from '../../migrations';

export interface DataSourceOptions {
  url: string;
  /** The entities of every module (src/modules.ts). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM takes entity classes as Functions
  entities: Function[];
  poolSize: number;
  logger: Logger;
  /** PostgreSQL statement_timeout of every pooled connection (ms); 0 or unset: none. */
  statementTimeoutMs?: number;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // Never in a real database: the schema changes only through reviewed migrations.
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ (and PGlite): no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: new CountingLogger(options.logger),
    maxQueryExecutionTime: 500,
    extra: { max: options.poolSize, connectionTimeoutMillis: 10_000, ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}) },
  });
}
