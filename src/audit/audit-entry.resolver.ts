import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { ConnectionArgs } from '../common/pagination';
import type { RequestContext } from '../context';
import { AuditEntry, AuditEntryConnection } from './audit-entry.entity';
import { AuditEntryFilter } from './audit.inputs';
import { listAuditEntries } from './audit.service';

@Resolver(() => AuditEntry)
export class AuditEntryResolver {
  @Query(() => AuditEntryConnection, {
    description: 'Every mutation call, refused or not, newest first (ADMIN). Page back with `after`; `since` bounds how far.',
  })
  async auditEntries(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => AuditEntryFilter, { nullable: true }) filter?: AuditEntryFilter,
  ) {
    return AuditEntryConnection.from(await listAuditEntries(ctx, filter, args));
  }
}
