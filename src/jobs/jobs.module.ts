import { adminOnly } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { JobsResolver } from './jobs.resolver';

/** The job engine's state and on-demand sweeps (ADMIN). */
export const jobsModule: DomainModule = {
  name: 'jobs',
  resolvers: [JobsResolver],
  policies: [adminOnly('TimerRun'), adminOnly('QueueStatus'), adminOnly('FailedJob'), adminOnly('JobsStatus')],
};
