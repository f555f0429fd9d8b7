import { publicRows } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { ProgramRuleResolver } from './program-rule.resolver';

/** The rule catalogue over GraphQL (the catalogue itself is gathered from every module's `rules`). */
export const rulesModule: DomainModule = {
  name: 'rules',
  resolvers: [ProgramRuleResolver],
  policies: [publicRows('ProgramRule')],
};
