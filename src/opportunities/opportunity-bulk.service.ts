import { Role } from '../auth/role.enum';
import { UserError, UserErrorCode, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { Opportunity } from './opportunity.entity';
import { MAX_BULK_ITEMS, UpsertOpportunitiesInput } from './opportunity.inputs';
import { UpsertChange, upsertOpportunity } from './opportunity-sync.service';

export interface BulkItemResult {
  externalId: string;
  change: UpsertChange | null;
  opportunity: Opportunity | null;
  userErrors: UserError[];
}

/**
 * Applies each item as its own upsertOpportunity, in order: the same validation and rules, one
 * transaction per item, so a refused item is reported and the others still apply. A retried
 * batch reports UNCHANGED for everything it already applied.
 */
export async function upsertOpportunities(ctx: RequestContext, input: UpsertOpportunitiesInput): Promise<{ results: BulkItemResult[]; userErrors: UserError[] }> {
  if (ctx.principal.role !== Role.ADMIN && ctx.principal.role !== Role.CRM_SYNC && ctx.principal.role !== Role.ECOSYSTEM_OPS) {
    return { results: [], userErrors: [userError(UserErrorCode.FORBIDDEN, `${ctx.principal.role} may not call upsertOpportunities`)] };
  }
  if (input.items.length > MAX_BULK_ITEMS) {
    return { results: [], userErrors: [userError(UserErrorCode.VALIDATION_FAILED, `At most ${MAX_BULK_ITEMS} items per call`, { field: ['input', 'items'] })] };
  }
  const results: BulkItemResult[] = [];
  for (const [index, item] of input.items.entries()) {
    const outcome = await upsertOpportunity(ctx, item);
    results.push({
      externalId: item.externalId,
      change: outcome.result ? outcome.change : null,
      opportunity: outcome.result,
      // Field paths point into the batch: ["input", "items", "3", "stage"].
      userErrors: outcome.userErrors.map((e) => ({ ...e, field: e.field ? ['input', 'items', String(index), ...e.field.slice(1)] : null })),
    });
  }
  return { results, userErrors: [] };
}
