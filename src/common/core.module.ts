import { valueType } from '../access/policy';
import type { DomainModule } from './domain-module';
import { IdempotencyRecord } from './idempotency-record.entity';
import { NodeResolver } from './node.resolver';

/** What every module builds on: `node`/`nodes`, idempotency records, pages, user errors, money. */
export const coreModule: DomainModule = {
  name: 'core',
  entities: [IdempotencyRecord],
  resolvers: [NodeResolver],
  policies: [valueType('PageInfo'), valueType('UserError'), valueType('Money')],
};
