import { PolicyRegistry, ServedPartners } from '../access/access-scope';
import { TypePolicy, valueType } from '../access/policy';
import type { UnitOfWork } from '../db/unit-of-work';
import { HookRegistry } from '../events/hooks';
import type { ProgramTimer } from '../jobs/program-timer';
import { RuleCatalogue } from '../rules/catalogue';
import type { StateMachine } from '../rules/state-machine';
import type { ConstraintError } from './constraint-errors';
import type { DomainModule } from './domain-module';
import { generatedValueTypes } from './value-types';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql and TypeORM take classes as plain Functions
type ClassRef = Function;

const NOBODY_SERVED: ServedPartners = () => Promise.resolve(new Set());

/** Everything the modules declared, indexed for the shared infrastructure that serves them. */
export class Registry {
  readonly entities: ClassRef[];
  readonly resolvers: ClassRef[];
  readonly timers: ProgramTimer[];
  readonly machines: StateMachine[];
  readonly hooks: HookRegistry<UnitOfWork>;
  readonly rules: RuleCatalogue;
  readonly policies: PolicyRegistry;
  private readonly nodeTypes = new Map<string, ClassRef>();
  private readonly entityByName = new Map<string, ClassRef>();
  private readonly constraintErrors = new Map<string, ConstraintError>();
  private readonly retryableConflicts = new Set<string>();

  constructor(readonly modules: readonly DomainModule[]) {
    this.entities = modules.flatMap((m) => m.entities ?? []);
    this.resolvers = modules.flatMap((m) => m.resolvers ?? []);
    this.timers = modules.flatMap((m) => m.timers ?? []);
    this.machines = modules.flatMap((m) => m.machines ?? []);
    this.hooks = new HookRegistry<UnitOfWork>(modules.flatMap((m) => m.hooks ?? []));
    this.rules = new RuleCatalogue(modules.flatMap((m) => m.rules ?? []));
    for (const entity of this.entities) this.entityByName.set(entity.name, entity);
    for (const type of modules.flatMap((m) => m.nodeTypes ?? [])) this.nodeTypes.set(type.name, type);
    for (const module of modules) {
      for (const [name, error] of Object.entries(module.constraintErrors ?? {})) {
        if (this.constraintErrors.has(name)) throw new Error(`Constraint ${name} is claimed by two modules`);
        this.constraintErrors.set(name, error);
      }
      for (const name of module.retryOnConflict ?? []) this.retryableConflicts.add(name);
    }
    const declared: TypePolicy[] = modules.flatMap((m) => m.policies ?? []);
    const declaredTypes = new Set(declared.map((p) => p.type));
    const generated = generatedValueTypes()
      .filter((name) => !declaredTypes.has(name))
      .map(valueType);
    const served = modules.map((m) => m.servedPartners).find((provider) => provider !== undefined) ?? NOBODY_SERVED;
    this.policies = new PolicyRegistry([...declared, ...generated], served);
  }

  /** The entity behind a node type name, for `node(id:)`. */
  nodeEntity(typeName: string): ClassRef | undefined {
    return this.nodeTypes.get(typeName);
  }

  entityNamed(name: string): ClassRef | undefined {
    return this.entityByName.get(name);
  }

  constraintError(name: string): ConstraintError | undefined {
    return this.constraintErrors.get(name);
  }

  retriesOnConflict(constraint: string): boolean {
    return this.retryableConflicts.has(constraint);
  }

  /** The same application with one type's policy removed: proves the startup check and the scope test can fail. */
  withPolicies(policies: PolicyRegistry): Registry {
    const copy = Object.create(Registry.prototype) as Registry;
    Object.assign(copy, this, { policies });
    return copy;
  }
}
