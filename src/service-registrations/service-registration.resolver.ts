import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertCanReadProgramme } from '../common/access';
import { whereIn } from '../common/list-query';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { historyOf } from '../history/history';
import { StatusTransitionConnection } from '../history/status-transition.entity';
import { Opportunity } from '../opportunities/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { ServiceLine } from './service-line.entity';
import { ServiceRegistration, ServiceRegistrationConnection } from './service-registration.entity';
import { ServiceRegistrationFilter } from './service-registration.inputs';
import { StatementOfWork } from './statement-of-work.entity';

@Resolver(() => ServiceRegistration)
export class ServiceRegistrationResolver {
  @Query(() => ServiceRegistrationConnection, { description: 'Service attached registrations; a PARTNER_USER key sees only its own.' })
  async serviceRegistrations(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => ServiceRegistrationFilter, { nullable: true }) filter?: ServiceRegistrationFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    assertCanReadProgramme(ctx);
    const page = await listPartnerOwned(ctx, ServiceRegistration, filter, orderBy, args, (qb, f) => whereIn(qb, 'qualification', f.qualification));
    return ServiceRegistrationConnection.from(page);
  }

  @FieldResolver(() => Partner)
  partner(@Root() registration: ServiceRegistration, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Partner).load(registration.partnerId);
  }

  @FieldResolver(() => Opportunity, { nullable: true })
  opportunity(@Root() registration: ServiceRegistration, @Ctx() ctx: RequestContext) {
    return registration.opportunityId ? ctx.loaders.byId(Opportunity).load(registration.opportunityId) : null;
  }

  @FieldResolver(() => StatementOfWork, { nullable: true })
  async statementOfWork(@Root() registration: ServiceRegistration, @Ctx() ctx: RequestContext) {
    const [sow] = await ctx.loaders.listBy(StatementOfWork, 'registrationId').load(registration.id);
    return sow ?? null;
  }

  @FieldResolver(() => [ServiceLine])
  serviceLines(@Root() registration: ServiceRegistration, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(ServiceLine, 'registrationId').load(registration.id);
  }

  @FieldResolver(() => StatusTransitionConnection, { description: 'Qualification decisions, oldest first (R-SAR-07).' })
  history(@Root() registration: ServiceRegistration, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return historyOf(ctx, registration.id, args);
  }
}
