import type { RequestContext } from '../context';
import { nestedPage } from '../common/list-query';
import { ConnectionArgs } from '../common/pagination';
import { StatusTransition, StatusTransitionConnection } from './status-transition.entity';

/** The decision history of one entity (R-DEAL-09 and the like), oldest first. */
export async function historyOf(ctx: RequestContext, entityId: string, args: ConnectionArgs) {
  const page = await nestedPage((p) => ctx.loaders.pageBy(StatusTransition, 'entityId', p).load(entityId), args);
  return StatusTransitionConnection.from(page);
}
