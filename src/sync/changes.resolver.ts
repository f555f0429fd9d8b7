import { Arg, Ctx, Extensions, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';
import { resolveNode } from '../common/node.resolver';
import { DateTimeScalar } from '../common/scalars';
import type { RequestContext } from '../context';
import { MAX_PAGE_SIZE_EXTENSION } from '../limits/list-size';
import { ChangeRow, MAX_CHANGES, changesAfter } from './changes.service';

export enum ChangeOperation {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
registerEnumType(ChangeOperation, { name: 'ChangeOperation' });

const OPERATIONS: Record<ChangeRow['operation'], ChangeOperation> = { I: ChangeOperation.CREATED, U: ChangeOperation.UPDATED, D: ChangeOperation.DELETED };

@ObjectType({ description: 'One created, updated or deleted row (a tombstone when deleted).' })
export class Change {
  row: ChangeRow;

  @Field({ description: 'Resume after this change with `changes(after:)`.' })
  cursor: string;

  @Field()
  entityType: string;

  @Field(() => ID, { description: 'Global ID of the row, also for a deleted one.' })
  entityId: string;

  @Field(() => ChangeOperation)
  operation: ChangeOperation;

  @Field(() => DateTimeScalar)
  changedAt: Date;
}

@ObjectType()
export class ChangeFeed {
  @Field(() => [Change])
  changes: Change[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` next time; stays put when nothing new is visible yet.' })
  endCursor: string | null;

  @Field({ description: 'More changes are ready now; ask again with `after: endCursor`.' })
  hasMore: boolean;
}

@Resolver(() => Change)
export class ChangesResolver {
  @Query(() => ChangeFeed, {
    description: `Everything created, updated or deleted after a cursor, oldest first, up to ${MAX_CHANGES} at a time: a sync that resumes from its last endCursor misses nothing, even under concurrent writes. Partner users see their own partner's rows.`,
  })
  @Extensions({ [MAX_PAGE_SIZE_EXTENSION]: MAX_CHANGES })
  async changes(
    @Ctx() ctx: RequestContext,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
    @Arg('entityTypes', () => [String], { nullable: true }) entityTypes?: string[],
  ): Promise<ChangeFeed> {
    const page = await changesAfter(ctx, after, first, entityTypes);
    return {
      changes: page.changes.map((row) =>
        Object.assign(new Change(), {
          row,
          cursor: row.cursor,
          entityType: row.entityType,
          entityId: toGlobalId(row.entityType, row.entityId),
          operation: OPERATIONS[row.operation],
          changedAt: row.changedAt,
        }),
      ),
      endCursor: page.endCursor,
      hasMore: page.hasMore,
    };
  }

  @FieldResolver(() => Node, { nullable: true, description: 'The row as it is now; null when deleted or not readable by this key.' })
  node(@Root() change: Change, @Ctx() ctx: RequestContext) {
    return change.operation === ChangeOperation.DELETED ? null : resolveNode(ctx, change.entityId);
  }
}
