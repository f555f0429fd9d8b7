import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../config/logger';
import { Role } from '../auth/role.enum';
import type { BaseRecord } from '../common/base.entity';
import { Refusal, UserErrorCode, userError } from '../common/user-error';
import type { Hook, HookRegistry } from '../events/hooks';
import { Actor, Decider, Outbox } from '../events/outbox';
import type { RuleCatalogue } from '../rules/catalogue';
import type { Decision, UnmetCondition } from '../rules/decision';
import type { StateMachine } from '../rules/state-machine';

/** What a unit of work needs from the application, whoever starts it (a request or a timer). */
export interface UnitOfWorkServices {
  dataSource: DataSource;
  logger: Logger;
  hooks: HookRegistry<UnitOfWork>;
  rules: RuleCatalogue;
  /** Wakes this instance's event dispatcher after a commit (other instances hear NOTIFY). */
  onCommitted?: () => void;
}

/** A decision as a status change records it: the rule's outcome, and who decided when relayed. */
export interface RecordedDecision extends Decision<string> {
  unmet?: UnmetCondition[];
  decidedBy?: Decider | null;
}

export interface StatusChangeOptions {
  /** The partner the change belongs to, when the record has no `partnerId` of its own. */
  partnerId?: string | null;
  /** A record written earlier in this transaction with a placeholder status starts here (null: its first status). */
  from?: string | null;
  /**
   * The program's own change, found due while deciding something else (an approval past its 90 days
   * expired before a new one, R-DEAL-04/08): checked and recorded as SYSTEM, like the timer that would
   * have made it, not as the key whose request noticed it.
   */
  bySystem?: boolean;
}

/**
 * One transaction and everything that belongs to it: the entity manager, the instant every rule
 * in it sees, who acts, the status changes it records (written last, as its events), in-transaction
 * hooks for other domains, and effects that run only after it committed.
 */
export class UnitOfWork {
  private readonly effects: Array<() => void | Promise<void>> = [];

  constructor(
    readonly em: EntityManager,
    readonly now: Date,
    readonly actor: Actor,
    private readonly services: UnitOfWorkServices,
    private readonly outbox: Outbox,
  ) {}

  /** The actor's role, or SYSTEM. */
  get actorKind(): Role | 'SYSTEM' {
    return this.actor === 'SYSTEM' ? 'SYSTEM' : this.actor.role;
  }

  get logger(): Logger {
    return this.services.logger;
  }

  /** The status changes recorded so far (a dry run reads its decision here before rolling back). */
  get recorded(): Outbox['recorded'] {
    return this.outbox.recorded;
  }

  afterCommit(effect: () => void | Promise<void>): void {
    this.effects.push(effect);
  }

  /** Runs every domain's reaction to `hook` inside this transaction, in registration order. */
  async emit<Payload>(hook: Hook<Payload>, payload: Payload): Promise<void> {
    for (const handler of this.services.hooks.handlersOf(hook)) await handler.handle(this, payload);
  }

  /**
   * The one way a status changes: the machine must have the edge and allow the actor, the decision's
   * rule IDs must be stated in the catalogue; then the record is saved with its new status and the
   * change (with its rule IDs, reasons and unmet conditions) goes into the outbox.
   */
  async changeStatus<E extends BaseRecord, S extends string>(
    machine: StateMachine<S>,
    record: E,
    to: S,
    decision: RecordedDecision,
    options: StatusChangeOptions = {},
  ): Promise<E> {
    const fields = record as unknown as Record<string, unknown>;
    const isNew = !(record.id as string | undefined);
    const from = options.from !== undefined ? (options.from as S | null) : isNew ? null : ((fields[machine.field] as S | null | undefined) ?? null);
    const actor: Actor = options.bySystem ? 'SYSTEM' : this.actor;
    const allowed = machine.check(from, to, actor === 'SYSTEM' ? 'SYSTEM' : actor.role);
    if (allowed.outcome === 'REFUSED') {
      const forbidden = allowed.unmet.some((u) => u.code === 'ACTOR_NOT_ALLOWED');
      throw new Refusal(
        allowed.unmet.map((u) =>
          userError(forbidden ? UserErrorCode.FORBIDDEN : UserErrorCode.INVALID_TRANSITION, u.message, {
            ruleIds: allowed.ruleIds,
            ruleCode: u.code,
          }),
        ),
      );
    }
    const ruleIds = [...new Set([...decision.ruleIds, ...allowed.ruleIds])].filter((id) => id !== '');
    const unknown = this.services.rules.unknown(ruleIds);
    if (unknown.length > 0) throw new Error(`A ${machine.entityType} decision cites rules no domain states: ${unknown.join(', ')}`);
    fields[machine.field] = to;
    const saved = await this.em.save(record);
    const partnerId =
      options.partnerId !== undefined
        ? options.partnerId
        : machine.entityType === 'Partner'
          ? saved.id
          : ((fields.partnerId as string | null | undefined) ?? null);
    this.outbox.add(actor, this.now, {
      entityType: machine.entityType,
      entityId: saved.id,
      partnerId,
      from,
      to,
      ruleIds,
      reason: decision.reasons.join('; '),
      unmet: decision.unmet ?? [],
      decidedBy: decision.decidedBy ?? null,
    });
    return saved;
  }

  /** @internal Runs the after-commit effects; a failing one is logged, never undoes the commit. */
  async committed(): Promise<void> {
    this.services.onCommitted?.();
    for (const effect of this.effects) {
      try {
        await effect();
      } catch (error) {
        this.services.logger.error({ err: error }, 'after-commit effect failed');
      }
    }
  }

  /** @internal Writes the outbox: the last statements before commit. */
  async flush(): Promise<void> {
    await this.outbox.write(this.em);
  }
}

export interface UnitOfWorkOptions {
  /** The instant the rules see; the program clock's now by default. */
  now: Date;
  /** Runs inside the transaction after the work and before the outbox (the audit entry). */
  beforeCommit?: (uow: UnitOfWork, result: unknown) => Promise<void>;
}

/** Runs `work` in one transaction; its status changes are written just before commit, its effects after. */
export async function inUnitOfWork<T>(
  services: UnitOfWorkServices,
  actor: Actor,
  options: UnitOfWorkOptions,
  work: (uow: UnitOfWork) => Promise<T>,
): Promise<T> {
  let unit: UnitOfWork | null = null;
  const result = await services.dataSource.transaction(async (em) => {
    unit = new UnitOfWork(em, options.now, actor, services, new Outbox());
    const value = await work(unit);
    if (options.beforeCommit) await options.beforeCommit(unit, value);
    await unit.flush();
    return value;
  });
  await (unit as UnitOfWork | null)?.committed();
  return result;
}
