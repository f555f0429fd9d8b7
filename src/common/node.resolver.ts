import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import type { BaseRecord } from './base.entity';
import { badInput } from './errors';
import { fromGlobalId } from './global-id';
import { Node } from './node';

const MAX_NODES = 100;

/**
 * Any node by global ID, when the key may read it in full: an object the caller may not read looks
 * exactly like one that does not exist. (Another partner's public reference shows only where a
 * readable object links to it, e.g. a customer's incumbent.) The access policy checks the row
 * again as it leaves the resolver, like every row.
 */
export async function resolveNode(ctx: RequestContext, globalId: string): Promise<BaseRecord | null> {
  const parsed = fromGlobalId(globalId);
  const entity = parsed ? ctx.registry.nodeEntity(parsed.typeName) : undefined;
  if (!parsed || !entity) return null;
  const row = await ctx.loaders.byId(entity).load(parsed.id);
  return row && (await ctx.access.shapeOf(row)) === 'FULL' ? row : null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when absent or not readable by this key.' })
  node(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return resolveNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: `Up to ${MAX_NODES} objects by global ID, in the order asked.` })
  nodes(@Ctx() ctx: RequestContext, @Arg('ids', () => [ID]) ids: string[]) {
    if (ids.length > MAX_NODES) throw badInput(`\`ids\` takes at most ${MAX_NODES} IDs`, 'ids');
    return Promise.all(ids.map((id) => resolveNode(ctx, id)));
  }
}
