import type { DataSource } from 'typeorm';
import type { AccessScope } from './access/access-scope';
import type { Principal } from './auth/principal';
import type { Registry } from './common/registry';
import type { Clock } from './config/clock';
import type { Logger } from './config/logger';
import type { EventDispatcher } from './events/event-dispatcher';
import type { JobRunner } from './jobs/job-runner';
import type { Loaders } from './loaders/loaders';

/** Everything a resolver or service needs for one request; built fresh per request. */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  dataSource: DataSource;
  /** What the modules declared: entities, policies, hooks, rules, timers. */
  registry: Registry;
  /** The access policy for this request's key (replaced per event in long-lived subscriptions). */
  access: AccessScope;
  /** Replaced per event in long-lived subscriptions; otherwise one set per request. */
  loaders: Loaders;
  /** This instance's view of committed status changes (subscriptions, after-commit wake-ups). */
  events: EventDispatcher;
  /** The program timers' job engine. */
  jobs: JobRunner;
  clock: Clock;
  logger: Logger;
}
