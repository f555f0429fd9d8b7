import { Role } from '../auth/role.enum';
import { runBulk } from '../common/bulk';
import { UserErrorCode, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { UpsertOpportunitiesInput } from './opportunity.inputs';
import { upsertOpportunity } from './opportunity-sync.service';

const CRM_WRITERS = new Set<Role>([Role.ADMIN, Role.CRM_SYNC, Role.ECOSYSTEM_OPS]);

/** Each item as its own upsertOpportunity: a retried batch reports UNCHANGED for what it applied. */
export function upsertOpportunities(ctx: RequestContext, input: UpsertOpportunitiesInput) {
  if (!CRM_WRITERS.has(ctx.principal.role)) {
    return Promise.resolve({ results: [], userErrors: [userError(UserErrorCode.FORBIDDEN, `${ctx.principal.role} may not call upsertOpportunities`)] });
  }
  return runBulk(input.items, (item) => item.externalId, (item) => upsertOpportunity(ctx, item));
}
