import { IsOptional, Matches, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

/** Fields every create or submit input has. */
@InputType('IdempotentInput', { description: 'Never emitted: base of create/submit inputs.' })
export class IdempotentInput {
  @Field(() => String, {
    nullable: true,
    description: 'Send the same key when retrying: the first result is returned and nothing is created twice.',
  })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[\w.:-]+$/, { message: 'idempotencyKey may hold letters, digits and . _ : - only' })
  idempotencyKey?: string | null;
}

/** Fields every edit of an existing row has. */
@InputType('VersionedInput', { description: 'Never emitted: base of inputs that change an existing row.' })
export class VersionedInput {
  @Field(() => Int, {
    nullable: true,
    description: 'The `version` you last read; if the row changed since, the mutation refuses with CONFLICT.',
  })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;
}
