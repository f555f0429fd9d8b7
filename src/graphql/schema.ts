import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { NonEmptyArray, buildSchema } from 'type-graphql';
import { enforceAccessPolicy } from '../access/enforce';
import type { Registry } from '../common/registry';

const built = new WeakMap<Registry, Promise<GraphQLSchema>>();

/**
 * The executable schema of the modules' resolvers, with the access policy applied to every field
 * (src/access/enforce.ts). Built once per registry (type-graphql metadata is global anyway).
 */
export function createSchema(registry: Registry): Promise<GraphQLSchema> {
  let schema = built.get(registry);
  if (!schema) {
    schema = buildSchema({
      resolvers: registry.resolvers as unknown as NonEmptyArray<() => unknown>,
      validate: { forbidUnknownValues: false },
      // type-graphql wants a PubSub for any subscription, but ours each bring their own `subscribe`
      // (replay from the outbox, then live events from the dispatcher): topic-based pub/sub is unused.
      pubSub: {
        publish: () => {
          throw new Error('Topic pub/sub is not used: publish status changes through the outbox');
        },
        subscribe: () => {
          throw new Error('Topic pub/sub is not used: subscriptions define `subscribe`');
        },
      },
      // The SDL file is written by `npm run schema:emit`, not at start-up.
      emitSchemaFile: false,
    }).then((raw) => enforceAccessPolicy(raw, registry.policies));
    built.set(registry, schema);
  }
  return schema;
}
