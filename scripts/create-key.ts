import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createApiKey } from '../src/auth/api-key.service';
import { Role } from '../src/auth/role.enum';
import { loadConfig } from '../src/config/config';
import { createLogger } from '../src/config/logger';
import { createRegistry } from '../src/modules';
import { createDataSource } from '../src/db/data-source';
import { databaseIdOf } from '../src/common/global-id';

const USAGE = `Usage: npm run keys:create -- --role ROLE --name NAME [--partner PARTNER_ID] [--distributor DISTRIBUTOR_ID]
Roles: ${Object.values(Role).join(', ')}
IDs are the global IDs the API returns. Needs DATABASE_URL. Prints the key once; only its hash is stored.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, name: { type: 'string' }, partner: { type: 'string' }, distributor: { type: 'string' }, help: { type: 'boolean' } },
  });
  const role = Object.values(Role).find((candidate) => candidate === values.role);
  if (values.help || !role || !Object.values(Role).includes(role) || !values.name) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('Set DATABASE_URL (the embedded database prints a development ADMIN key at start-up instead)');
  const dataSource = createDataSource({
    entities: createRegistry().entities,
    url: config.DATABASE_URL,
    poolSize: 1,
    logger: createLogger({ LOG_LEVEL: 'warn' }),
  });
  await dataSource.initialize();
  try {
    const partnerId = values.partner ? databaseIdOf(values.partner, 'Partner') : null;
    const distributorId = values.distributor ? databaseIdOf(values.distributor, 'Distributor') : null;
    if (values.partner && !partnerId) throw new Error('--partner must be a Partner global ID');
    if (values.distributor && !distributorId) throw new Error('--distributor must be a Distributor global ID');
    const { key, record } = await createApiKey(dataSource, { name: values.name, role, partnerId, distributorId });
    console.log(`Created ${role} key ${record.id} (${record.prefix}…). Store it now; it is not shown again:\n${key}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
