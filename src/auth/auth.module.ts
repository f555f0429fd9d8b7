import { adminOnly, valueType } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { ApiKey } from './api-key.entity';
import { ApiKeyResolver } from './api-key.resolver';
import { ViewerResolver } from './viewer.resolver';

/** API keys and their ADMIN management; `viewer` says who the key is. */
export const authModule: DomainModule = {
  name: 'auth',
  entities: [ApiKey],
  resolvers: [ApiKeyResolver, ViewerResolver],
  policies: [adminOnly('ApiKey'), valueType('IssuedApiKeyPayload'), valueType('Viewer')],
};
