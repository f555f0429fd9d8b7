import type { ServedPartners } from '../access/access-scope';
import type { TypePolicy } from '../access/policy';
import type { UnitOfWork } from '../db/unit-of-work';
import type { HookHandler } from '../events/hooks';
import type { ProgramTimer } from '../jobs/program-timer';
import type { RuleStatement } from '../rules/catalogue';
import type { StateMachine } from '../rules/state-machine';
import type { ConstraintError } from './constraint-errors';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql and TypeORM take classes as plain Functions
type ClassRef = Function;

/**
 * What one domain folder owns and hands to the application, exported as one module and composed
 * in src/modules.ts. Shared infrastructure reads these lists; it never imports a domain.
 */
export interface DomainModule {
  readonly name: string;
  /** TypeORM entities of its tables. */
  readonly entities?: readonly ClassRef[];
  /** Its entities that are GraphQL nodes (reachable through `node(id:)`). */
  readonly nodeTypes?: readonly ClassRef[];
  /** type-graphql resolvers, including the fields it hangs on other domains' types. */
  readonly resolvers?: readonly ClassRef[];
  /** One access policy per object type it defines. */
  readonly policies?: readonly TypePolicy[];
  readonly timers?: readonly ProgramTimer[];
  /** Its constraints whose violation is the caller's conflict (by constraint name). */
  readonly constraintErrors?: Readonly<Record<string, ConstraintError>>;
  /** Unique keys two requests may race to create: the loser is retried and finds the winner's row. */
  readonly retryOnConflict?: readonly string[];
  /** In-transaction reactions to other domains' hooks. */
  readonly hooks?: ReadonlyArray<HookHandler<unknown, UnitOfWork>>;
  /** The rules it applies, stated (the rule catalogue). */
  readonly rules?: readonly RuleStatement[];
  /** Its status fields' transition machines. */
  readonly machines?: readonly StateMachine[];
  /** R-DIST-03: which partners a distributor serves (the distributors domain answers it). */
  readonly servedPartners?: ServedPartners;
}
