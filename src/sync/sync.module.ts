import { valueType } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { ChangesResolver } from './changes.resolver';

/** The changes feed for incremental sync (scoped in SQL by partner; its `node` is checked like any row). */
export const syncModule: DomainModule = {
  name: 'sync',
  resolvers: [ChangesResolver],
  policies: [valueType('Change'), valueType('ChangeFeed')],
};
