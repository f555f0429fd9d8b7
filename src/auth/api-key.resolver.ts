import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { ConnectionArgs } from '../common/pagination';
import type { RequestContext } from '../context';
import { ApiKey, ApiKeyConnection } from './api-key.entity';
import { createApiKeyByAdmin, listApiKeys, revokeApiKeyByAdmin, rotateApiKeyByAdmin } from './api-key-admin.service';
import { ApiKeyFilter, CreateApiKeyInput, RevokeApiKeyInput, RotateApiKeyInput } from './api-key.inputs';
import { ApiKeyPayload, IssuedApiKeyPayload } from './api-key.types';

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKeyConnection, { description: 'API keys, oldest first (ADMIN). Secrets are never shown, only their prefix.' })
  async apiKeys(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs, @Arg('filter', () => ApiKeyFilter, { nullable: true }) filter?: ApiKeyFilter) {
    return ApiKeyConnection.from(await listApiKeys(ctx, filter, args));
  }

  @Mutation(() => IssuedApiKeyPayload, { description: 'Creates an API key and returns its secret, this once (ADMIN).' })
  async createApiKey(@Ctx() ctx: RequestContext, @Arg('input', () => CreateApiKeyInput, { validate: false }) input: CreateApiKeyInput) {
    return IssuedApiKeyPayload.from(await createApiKeyByAdmin(ctx, input));
  }

  @Mutation(() => IssuedApiKeyPayload, {
    description: 'Replaces a key with a new one of the same name, role and scope, returning its secret this once; the old key is refused at once (ADMIN).',
  })
  async rotateApiKey(@Ctx() ctx: RequestContext, @Arg('input', () => RotateApiKeyInput, { validate: false }) input: RotateApiKeyInput) {
    return IssuedApiKeyPayload.from(await rotateApiKeyByAdmin(ctx, input));
  }

  @Mutation(() => ApiKeyPayload, { description: 'Revokes a key: it is refused at once, on every instance (ADMIN).' })
  async revokeApiKey(@Ctx() ctx: RequestContext, @Arg('input', () => RevokeApiKeyInput, { validate: false }) input: RevokeApiKeyInput) {
    return ApiKeyPayload.from(await revokeApiKeyByAdmin(ctx, input));
  }
}
