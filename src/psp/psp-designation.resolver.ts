import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertCanReadProgramme } from '../common/access';
import { whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { historyOf } from '../history/history';
import { StatusTransitionConnection } from '../history/status-transition.entity';
import { Partner } from '../partners/partner.entity';
import { PspDesignation, PspDesignationConnection } from './psp-designation.entity';
import { PspDesignationFilter } from './psp.inputs';

@Resolver(() => PspDesignation)
export class PspDesignationResolver {
  @Query(() => PspDesignationConnection, { description: 'Professional Services Partner designations (R-PSP).' })
  async pspDesignations(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => PspDesignationFilter, { nullable: true }) filter?: PspDesignationFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    assertCanReadProgramme(ctx);
    return PspDesignationConnection.from(await listPartnerOwned(ctx, PspDesignation, filter, orderBy, args, (qb, f) => whereIn(qb, 'status', f.status)));
  }

  @FieldResolver(() => Partner)
  partner(@Root() designation: PspDesignation, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(designation.partnerId);
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Grants, reviews and revocations, oldest first (R-PSP-02/03).' })
  history(@Root() designation: PspDesignation, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, designation.id, args);
  }
}
