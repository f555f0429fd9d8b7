import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { UnmetCondition } from '../rules/decision';

/** Why a mutation refused: stable codes integrations can branch on. */
export enum UserErrorCode {
  /** The input is malformed: missing, too long, out of range, wrong format. */
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  /** An ID does not exist, or is not visible to this key. */
  NOT_FOUND = 'NOT_FOUND',
  /** This key's role or scope may not do this. */
  FORBIDDEN = 'FORBIDDEN',
  /** `expectedVersion` is stale, or a concurrent change won: read again and retry. */
  CONFLICT = 'CONFLICT',
  /** A program rule refuses it; `ruleIds` says which. */
  RULE_VIOLATION = 'RULE_VIOLATION',
  /** The status does not allow this transition. */
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** Something with the same unique key exists already. */
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  /** The idempotency key was used before with a different input. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}

registerEnumType(UserErrorCode, { name: 'UserErrorCode' });

@ObjectType({ description: 'An expected refusal: nothing was written. Unexpected failures are GraphQL errors instead.' })
export class UserError {
  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "seats"].' })
  field: string[] | null;

  @Field(() => UserErrorCode)
  code: UserErrorCode;

  @Field()
  message: string;

  @Field(() => [String], { description: 'Rules of RULES.md behind a RULE_VIOLATION (or FORBIDDEN by a rule).' })
  ruleIds: string[];

  @Field(() => String, { nullable: true, description: 'The rule’s own code for the unmet condition, e.g. FOUNDATIONS_TRAINING_MISSING.' })
  ruleCode: string | null;
}

export function userError(
  code: UserErrorCode,
  message: string,
  options: { field?: string[] | null; ruleIds?: string[]; ruleCode?: string | null } = {},
): UserError {
  return Object.assign(new UserError(), {
    code,
    message,
    field: options.field ?? null,
    ruleIds: options.ruleIds ?? [],
    ruleCode: options.ruleCode ?? null,
  });
}

/** A refusal thrown inside a mutation: the transaction rolls back and the payload carries the errors. */
export class Refusal extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => e.message).join('; '));
  }
}

export function refuse(code: UserErrorCode, message: string, options: { field?: string[] | null; ruleIds?: string[]; ruleCode?: string | null } = {}): never {
  throw new Refusal([userError(code, message, options)]);
}

/** Refuses with one RULE_VIOLATION per unmet condition of a rule's decision. */
export function refuseUnmet(unmet: UnmetCondition[], field: string[] | null = null, code = UserErrorCode.RULE_VIOLATION): never {
  throw new Refusal(unmet.map((u) => userError(code, u.message, { field, ruleIds: [u.ruleId], ruleCode: u.code })));
}
