import { Field, ObjectType } from 'type-graphql';
import type { MutationResult } from '../common/mutation';
import { Payload } from '../common/payload';
import { UserError } from '../common/user-error';
import { ApiKey } from './api-key.entity';

/** The outcome of a mutation that issues a key, with the key's secret when it was issued by this call. */
export interface IssuedApiKey {
  outcome: MutationResult<ApiKey>;
  /** Null when refused, and when an idempotent retry returned a key issued earlier: a secret is never shown twice. */
  key: string | null;
}

@ObjectType({ description: 'Result of createApiKey and rotateApiKey: the new key and, this once, its secret; else userErrors.' })
export class IssuedApiKeyPayload {
  @Field(() => ApiKey, { nullable: true })
  apiKey: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key in clear, to send as `Authorization: Bearer <key>`. Shown only in this response (null on an idempotent retry): store it now.',
  })
  key: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];

  static from(issued: IssuedApiKey): IssuedApiKeyPayload {
    return Object.assign(new IssuedApiKeyPayload(), { apiKey: issued.outcome.result, key: issued.key, userErrors: issued.outcome.userErrors });
  }
}

export const ApiKeyPayload = Payload(ApiKey, 'apiKey');
