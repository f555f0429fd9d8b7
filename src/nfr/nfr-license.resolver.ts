import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertCanReadProgramme } from '../common/access';
import { whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { historyOf } from '../history/history';
import { StatusTransitionConnection } from '../history/status-transition.entity';
import { Partner } from '../partners/partner.entity';
import { NfrLicense, NfrLicenseConnection } from './nfr-license.entity';
import { NfrLicenseFilter } from './nfr.inputs';

@Resolver(() => NfrLicense)
export class NfrLicenseResolver {
  @Query(() => NfrLicenseConnection, { description: 'NFR licenses; a PARTNER_USER key sees only its own partner’s.' })
  async nfrLicenses(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => NfrLicenseFilter, { nullable: true }) filter?: NfrLicenseFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    assertCanReadProgramme(ctx);
    const page = await listPartnerOwned(ctx, NfrLicense, filter, orderBy, args, (qb, f) => {
      whereIn(qb, 'status', f.status);
      whereIn(qb, 'product', f.product);
    });
    return NfrLicenseConnection.from(page);
  }

  @FieldResolver(() => Partner)
  partner(@Root() license: NfrLicense, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(license.partnerId);
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Requests, approvals and audits, oldest first (R-NFR-07).' })
  history(@Root() license: NfrLicense, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, license.id, args);
  }
}
