import { Role } from '../auth/role.enum';
import { runBulk } from '../common/bulk';
import { UserErrorCode, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { UpsertOpportunitiesInput } from './opportunity.inputs';
import { CRM_WRITERS, upsertOpportunity } from './opportunity-sync.service';

/** Each item as its own upsertOpportunity: a retried batch reports UNCHANGED for what it applied. */
export function upsertOpportunities(ctx: RequestContext, input: UpsertOpportunitiesInput) {
  // Refused once for the call rather than once per item.
  if (ctx.principal.role !== Role.ADMIN && !(CRM_WRITERS as readonly Role[]).includes(ctx.principal.role)) {
    return Promise.resolve({ results: [], userErrors: [userError(UserErrorCode.FORBIDDEN, `${ctx.principal.role} may not call upsertOpportunities`)] });
  }
  return runBulk(
    { ctx, operation: 'upsertOpportunities' },
    input.items,
    (item) => item.externalId,
    (item) => upsertOpportunity(ctx, item),
  );
}
