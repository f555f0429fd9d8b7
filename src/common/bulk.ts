import { ClassType, Field, ObjectType, registerEnumType } from 'type-graphql';
import { AuditRecord, recordAuditEntries } from '../audit/audit.service';
import type { RequestContext } from '../context';
import type { MutationResult } from './mutation';
import { UserError, UserErrorCode, userError } from './user-error';
import { declareGeneratedValueType } from './value-types';

export const MAX_BULK_ITEMS = 500;

/** What an upsert did with one item. */
export enum UpsertChange {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(UpsertChange, { name: 'UpsertChange', description: 'What an upsert did; UNCHANGED when the data was already there (a retry).' });

export interface BulkItemResult<T> {
  key: string;
  change: UpsertChange | null;
  result: T | null;
  userErrors: UserError[];
}

/** `<Item>UpsertResult` (one per item, keyed by the item's external ID) and the batch payload. */
export function BulkUpsertTypes<T extends object>(itemClass: ClassType<T>, field: string, keyField: string, payloadName: string) {
  declareGeneratedValueType(`${itemClass.name}UpsertResult`);
  declareGeneratedValueType(payloadName);
  @ObjectType(`${itemClass.name}UpsertResult`, { description: `What one item of a bulk upsert did.` })
  class ItemResult {
    @Field(() => String, { name: keyField, description: 'The item’s external ID, to match results to items.' })
    key: string;

    @Field(() => UpsertChange, { nullable: true, description: 'Null when the item was refused (see userErrors).' })
    change: UpsertChange | null;

    @Field(() => itemClass, { name: field, nullable: true })
    result: T | null;

    @Field(() => [UserError])
    userErrors: UserError[];
  }

  @ObjectType(payloadName)
  class BatchPayload {
    @Field(() => [ItemResult], { description: 'One result per item, in the order sent.' })
    results: ItemResult[];

    @Field(() => [UserError], { description: 'Errors of the call as a whole (role, batch size); items report their own.' })
    userErrors: UserError[];
  }
  return { ItemResult, BatchPayload };
}

/** The bulk mutation being run: the audit trail records under its name what no single mutation recorded. */
export interface BulkCall {
  ctx: RequestContext;
  operation: string;
}

/**
 * Runs one upsert per item, in order, each in its own transaction (the callback runs the single
 * mutation): a refused item is reported with field paths into the batch, the others still apply.
 * Every item is audited: by the single mutation it ran through, or — an item the callback answered
 * itself (UNCHANGED, refused before any mutation) — in one entry per item under the bulk
 * operation's name, written together after the batch. A batch refused as a whole has one entry.
 */
export async function runBulk<I extends object, T>(
  call: BulkCall,
  items: I[],
  keyOf: (item: I) => string,
  upsertOne: (item: I) => Promise<MutationResult<T> & { change: UpsertChange | null }>,
): Promise<{ results: Array<BulkItemResult<T>>; userErrors: UserError[] }> {
  const { ctx, operation } = call;
  if (items.length > MAX_BULK_ITEMS) {
    const userErrors = [userError(UserErrorCode.VALIDATION_FAILED, `At most ${MAX_BULK_ITEMS} items per call`, { field: ['input', 'items'] })];
    await recordAuditEntries(ctx.dataSource.manager, ctx, [{ operation, input: { items }, outcome: { result: null, userErrors } }], { inTransaction: false });
    return { results: [], userErrors };
  }
  const results: Array<BulkItemResult<T>> = [];
  const unaudited: AuditRecord[] = [];
  try {
    for (const [index, item] of items.entries()) {
      const outcome = await upsertOne(item);
      if (!outcome.audited) unaudited.push({ operation, input: item, outcome });
      results.push({
        key: keyOf(item),
        change: outcome.result ? outcome.change : null,
        result: outcome.result,
        userErrors: outcome.userErrors.map((e) =>
          Object.assign(new UserError(), e, { field: e.field ? ['input', 'items', String(index), ...e.field.slice(1)] : null }),
        ),
      });
    }
  } finally {
    await recordAuditEntries(ctx.dataSource.manager, ctx, unaudited, { inTransaction: false });
  }
  return { results, userErrors: [] };
}
