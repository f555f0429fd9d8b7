import { Arg, Args, Ctx, Extensions, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { nestedPage, whereIn } from '../common/list-query';
import { ConnectionArgs, MAX_PAGE_SIZE, RecordOrder } from '../common/pagination';
import { listPartnerOwned } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { DecisionRecord, decisionOf } from '../events/decision';
import { historyOf } from '../events/history';
import { MAX_PAGE_SIZE_EXTENSION } from '../limits/list-size';
import { StatusTransitionConnection } from '../events/status-transition.entity';
import { Opportunity } from '../crm/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { MultiPhaseException, MultiPhaseExceptionPayload } from './multi-phase-exception.entity';
import { ServiceLine } from './service-line.entity';
import { serviceRebateReport } from './service-rebate-report.service';
import { ServiceRebateReport, ServiceRebateReportArgs } from './service-rebate-report.types';
import {
  ServiceRegistration,
  ServiceRegistrationConnection,
  ServiceRegistrationPayload,
  SubmitServiceRegistrationPayload,
} from './service-registration.entity';
import {
  AttachStatementOfWorkInput,
  GrantMultiPhaseExceptionInput,
  ServiceRegistrationFilter,
  SubmitServiceRegistrationInput,
} from './service-registration.inputs';
import { attachStatementOfWork, grantMultiPhaseException, submitServiceRegistration } from './service-registration.service';
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
    const page = await listPartnerOwned(ctx, ServiceRegistration, filter, orderBy, args, (qb, f) => whereIn(qb, 'qualification', f.qualification));
    return ServiceRegistrationConnection.from(page);
  }

  @Query(() => ServiceRebateReport, {
    description:
      "Registrations that qualify for the services rebate and first qualified for it in a calendar quarter, e.g. '2026-Q2', a page at a time (R-SAR-07); a PARTNER_USER key sees only its own.",
  })
  @Extensions({ [MAX_PAGE_SIZE_EXTENSION]: MAX_PAGE_SIZE })
  serviceRebateReport(@Ctx() ctx: RequestContext, @Args() args: ServiceRebateReportArgs) {
    return serviceRebateReport(ctx, args);
  }

  @Mutation(() => SubmitServiceRegistrationPayload, {
    description:
      'Registers services a partner delivers, for a related license opportunity (by CRM ID) or none, and qualifies it at once (R-SAR-01, R-SAR-03..07). With `dryRun: true`, returns the qualification it would get and stores nothing.',
  })
  async submitServiceRegistration(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SubmitServiceRegistrationInput, { validate: false }) input: SubmitServiceRegistrationInput,
  ) {
    return SubmitServiceRegistrationPayload.from(await submitServiceRegistration(ctx, input));
  }

  @Mutation(() => ServiceRegistrationPayload, {
    description:
      'Attaches the statement of work of a registration (one per registration; a SOW reference backs one registration unless excepted, R-SAR-02) and requalifies it (R-SAR-07).',
  })
  async attachStatementOfWork(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AttachStatementOfWorkInput, { validate: false }) input: AttachStatementOfWorkInput,
  ) {
    return ServiceRegistrationPayload.from(await attachStatementOfWork(ctx, input));
  }

  @Mutation(() => MultiPhaseExceptionPayload, {
    description: 'Ecosystem Ops lets one SOW reference back the registrations of several project phases, with a reason (R-SAR-02).',
  })
  async grantMultiPhaseException(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => GrantMultiPhaseExceptionInput, { validate: false }) input: GrantMultiPhaseExceptionInput,
  ) {
    return MultiPhaseExceptionPayload.from(await grantMultiPhaseException(ctx, input));
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

  @FieldResolver(() => DecisionRecord, {
    nullable: true,
    description: 'The latest decision on it: outcome, rule IDs, reasons, unmet conditions, when and by whom.',
  })
  decision(@Root() registration: ServiceRegistration, @Ctx() ctx: RequestContext) {
    return decisionOf(ctx, 'ServiceRegistration', registration.id);
  }
}

@Resolver(() => StatementOfWork)
export class StatementOfWorkResolver {
  @FieldResolver(() => MultiPhaseException, {
    nullable: true,
    description: 'The exception under which this SOW reference backs more than one registration (R-SAR-02).',
  })
  multiPhaseException(@Root() sow: StatementOfWork, @Ctx() ctx: RequestContext) {
    return sow.multiPhaseExceptionId ? ctx.loaders.byId(MultiPhaseException).load(sow.multiPhaseExceptionId) : null;
  }
}

@Resolver(() => Partner)
export class PartnerServiceRegistrationsResolver {
  @FieldResolver(() => ServiceRegistrationConnection, { description: 'Its service attached registrations, oldest first.' })
  async serviceRegistrations(@Root() partner: Partner, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs) {
    return ServiceRegistrationConnection.from(await nestedPage((p) => ctx.loaders.pageBy(ServiceRegistration, 'partnerId', p).load(partner.id), args));
  }
}

@Resolver(() => Opportunity)
export class OpportunityServiceRegistrationsResolver {
  @FieldResolver(() => [ServiceRegistration], { description: 'Service attached registrations for it; a partner user sees its own.' })
  serviceRegistrations(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(ServiceRegistration, 'opportunityId').load(opportunity.id);
  }
}
