import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { UserError } from '../common/user-error';
import type { RequestContext } from '../context';
import { DecisionRecord, DecisionSource, decisionOf, decisionRecordOf } from '../events/decision';
import { DealRegistration } from './deal-registration.entity';
import type { DealMutationResult } from './deal-registration.service';

@ObjectType('DealRegistrationPayload', {
  description:
    'Result of a DealRegistration mutation: the registration and its decision on success, else userErrors. A dry run returns the decision only: nothing was written.',
})
export class DealRegistrationPayload {
  @Field(() => DealRegistration, { name: 'dealRegistration', nullable: true, description: 'Null for a dry run and for a refusal.' })
  result: DealRegistration | null;

  @Field(() => [UserError])
  userErrors: UserError[];

  @Field({ description: 'True for a dry run: `decision` is what it would have recorded; nothing was written.' })
  dryRun: boolean;

  /** The registration's own recorded decision, when this request made it. */
  recorded: DecisionSource | null;

  static from(outcome: DealMutationResult): DealRegistrationPayload {
    return Object.assign(new DealRegistrationPayload(), {
      result: outcome.result,
      userErrors: outcome.userErrors,
      dryRun: outcome.dryRun !== undefined,
      recorded: outcome.decision,
    });
  }
}

@Resolver(() => DealRegistrationPayload)
export class DealRegistrationPayloadResolver {
  @FieldResolver(() => DecisionRecord, {
    nullable: true,
    description: 'The decision on the registration (R-DEAL-09): outcome, rule IDs, reasons, unmet conditions, when and by whom. Null for a refusal.',
  })
  decision(@Root() payload: DealRegistrationPayload, @Ctx() ctx: RequestContext): DecisionRecord | Promise<DecisionRecord | null> | null {
    if (payload.userErrors.length > 0) return null;
    if (payload.recorded) return decisionRecordOf(payload.recorded, ctx.access.viewer);
    // An idempotent replay did no work: its registration's decision is on the record.
    return payload.result ? decisionOf(ctx, 'DealRegistration', payload.result.id) : null;
  }
}
