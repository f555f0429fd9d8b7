import { Role } from '../auth/role.enum';
import { AllowedDecision, allowedDecision } from './decision';

/** Who may take an edge: a role (ADMIN always may) or the program's timers. */
export type ActorKind = Role | 'SYSTEM';

export interface Edge {
  /** Who may take it. */
  readonly by: readonly ActorKind[];
  /** The rules that allow it; every status change along it cites them. */
  readonly ruleIds: readonly string[];
}

/** The exits of one state: the states it may move to. A final state has none (`{}`). */
export type Exits<S extends string> = Readonly<Partial<Record<S, Edge>>>;

/**
 * One status field's transitions, after Vendure's finite-state machine: `states` must list every
 * value of `S` (a missing state is a compile error), each with its exits; `initial` says how a new
 * record may start. `validateMachine` checks that every state can be reached.
 */
export interface MachineDefinition<S extends string> {
  /** GraphQL type name of the entity, as its history rows record it. */
  readonly entityType: string;
  /** The property that holds the status (default `status`). */
  readonly field?: string;
  readonly initial: Exits<S>;
  readonly states: Readonly<Record<S, Exits<S>>>;
}

export class StateMachine<S extends string = string> {
  readonly field: string;

  constructor(readonly definition: MachineDefinition<S>) {
    this.field = definition.field ?? 'status';
  }

  get entityType(): string {
    return this.definition.entityType;
  }

  get states(): S[] {
    return Object.keys(this.definition.states) as S[];
  }

  edge(from: S | null, to: S): Edge | undefined {
    return from === null ? this.definition.initial[to] : this.definition.states[from][to];
  }

  exits(from: S): S[] {
    return Object.keys(this.definition.states[from]) as S[];
  }

  isFinal(state: S): boolean {
    return this.exits(state).length === 0;
  }

  /** May `actor` move a record from `from` (null: a new record) to `to`? */
  check(from: S | null, to: S, actor: ActorKind): AllowedDecision {
    const edge = this.edge(from, to);
    const subject = this.entityType;
    if (!edge) {
      const ways = from === null ? Object.keys(this.definition.initial) : this.exits(from);
      const message =
        from === null
          ? `A new ${subject} cannot start as ${to} (it starts as ${ways.join(' or ')})`
          : `A ${subject} that is ${from} cannot become ${to}${ways.length > 0 ? ` (it can become ${ways.join(', ')})` : `: ${from} is final`}`;
      return allowedDecision([], [{ ruleId: '', code: 'TRANSITION_NOT_ALLOWED', message }], '');
    }
    if (actor !== Role.ADMIN && !edge.by.includes(actor)) {
      return allowedDecision(
        [...edge.ruleIds],
        [
          {
            ruleId: edge.ruleIds[0] ?? '',
            code: 'ACTOR_NOT_ALLOWED',
            message: `${actor} may not move a ${subject} from ${from ?? '(new)'} to ${to} (allowed: ${[...edge.by, Role.ADMIN].join(', ')})`,
          },
        ],
        '',
      );
    }
    return allowedDecision([...edge.ruleIds], [], `${subject} ${from ?? '(new)'} → ${to}`);
  }
}

export function defineMachine<S extends string>(definition: MachineDefinition<S>): StateMachine<S> {
  return new StateMachine(definition);
}

export interface MachineProblems {
  /** States no path from `initial` reaches. */
  unreachable: string[];
  /** Targets that are not states of the machine (only possible through casts). */
  undefinedTargets: string[];
}

/** Vendure's `validateTransitionDefinition`: every state reachable from a start, every target defined. */
export function validateMachine(machine: StateMachine): MachineProblems {
  const states = new Set(machine.states);
  const undefinedTargets: string[] = [];
  const seen = new Set<string>();
  const queue = Object.keys(machine.definition.initial);
  for (const target of queue) if (!states.has(target)) undefinedTargets.push(`(new) → ${target}`);
  while (queue.length > 0) {
    const state = queue.shift() as string;
    if (seen.has(state) || !states.has(state)) continue;
    seen.add(state);
    for (const next of machine.exits(state)) {
      if (!states.has(next)) undefinedTargets.push(`${state} → ${next}`);
      else if (!seen.has(next)) queue.push(next);
    }
  }
  return { unreachable: machine.states.filter((state) => !seen.has(state)), undefinedTargets };
}
