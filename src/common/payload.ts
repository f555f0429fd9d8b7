import { ClassType, Field, ObjectType } from 'type-graphql';
import { DryRunDecisionRecord } from '../events/decision';
import type { DryRunDecision, MutationResult } from './mutation';
import { UserError } from './user-error';
import { declareGeneratedValueType } from './value-types';

export interface PayloadOptions {
  /** The mutation accepts `dryRun: true`: the payload gets `dryRun`, the decisions it would have recorded. */
  dryRun?: boolean;
}

/**
 * `<Name>Payload { <field>: <Type>, userErrors: [UserError!]! }`, the shape of every mutation result;
 * with `dryRun`, also `dryRun: [DryRunDecision!]` (null unless the call was a dry run).
 */
export function Payload<T extends object>(itemClass: ClassType<T>, field: string, name = `${itemClass.name}Payload`, options: PayloadOptions = {}) {
  declareGeneratedValueType(name);
  class PayloadClass {
    result: T | null;

    userErrors: UserError[];

    dryRun: DryRunDecisionRecord[] | null;

    static from(outcome: MutationResult<T>): PayloadClass {
      return Object.assign(new PayloadClass(), { result: outcome.result, userErrors: outcome.userErrors, dryRun: outcome.dryRun?.map(dryRunRecord) ?? null });
    }
  }
  // Decorated by hand: only payloads of mutations that take `dryRun` have the field.
  Field(() => itemClass, { name: field, nullable: true })(PayloadClass.prototype, 'result');
  Field(() => [UserError])(PayloadClass.prototype, 'userErrors');
  if (options.dryRun) {
    Field(() => [DryRunDecisionRecord], {
      nullable: true,
      description: `Set when called with \`dryRun: true\`: the decisions it would have recorded (the ${field} itself is then null); nothing was written.`,
    })(PayloadClass.prototype, 'dryRun');
  }
  ObjectType(name, { description: `Result of a ${itemClass.name} mutation: the ${itemClass.name} on success, else userErrors.` })(PayloadClass);
  return PayloadClass;
}

function dryRunRecord(decision: DryRunDecision): DryRunDecisionRecord {
  return {
    entityType: decision.entityType,
    outcome: decision.to,
    from: decision.from,
    ruleIds: decision.ruleIds,
    reasons: decision.reason === '' ? [] : decision.reason.split('; '),
    unmet: decision.unmet.map((u) => ({ code: u.code, ruleId: u.ruleId, message: u.message, required: u.required ?? null, actual: u.actual ?? null })),
  };
}
