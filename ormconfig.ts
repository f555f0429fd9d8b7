import 'reflect-metadata';
import { loadConfig } from './src/config/config';
import { createLogger } from './src/config/logger';
import { createRegistry } from './src/modules';
import { createDataSource } from './src/db/data-source';

/** For the TypeORM CLI (migration:generate/run/revert) against DATABASE_URL. */
const config = loadConfig();
if (!config.DATABASE_URL) throw new Error('Set DATABASE_URL to use the TypeORM CLI');

export default createDataSource({ entities: createRegistry().entities, url: config.DATABASE_URL, poolSize: 2, logger: createLogger(config) });
