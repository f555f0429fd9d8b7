import type { DataSource } from 'typeorm';
import type { Principal } from './auth/principal';
import type { Clock } from './config/clock';
import type { Logger } from './config/logger';
import type { Loaders } from './loaders/loaders';

/** Everything a resolver or service needs for one request; built fresh per request. */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  dataSource: DataSource;
  loaders: Loaders;
  clock: Clock;
  logger: Logger;
}
