import { Arg, Args, Ctx, Field, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { UserError } from '../common/user-error';
import { ConnectionArgs, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { Customer, CustomerConnection } from './customer.entity';
import { Partner } from '../partners/partner.entity';
import { CustomerFilter, OpportunityFilter, UpsertOpportunitiesInput, UpsertOpportunityInput } from './opportunity.inputs';
import { upsertOpportunities } from './opportunity-bulk.service';
import { upsertOpportunity } from './opportunity-sync.service';
import { BulkUpsertTypes, UpsertChange } from '../common/bulk';
import { Opportunity, OpportunityConnection } from './opportunity.entity';
import { listCustomers, listOpportunities } from './opportunity.service';

@ObjectType()
export class UpsertOpportunityPayload {
  @Field(() => Opportunity, { nullable: true })
  opportunity: Opportunity | null;

  @Field(() => UpsertChange, { nullable: true })
  change: UpsertChange | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

const { BatchPayload: UpsertOpportunitiesPayload } = BulkUpsertTypes(Opportunity, 'opportunity', 'externalId', 'UpsertOpportunitiesPayload');

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Mutation(() => UpsertOpportunitiesPayload, {
    description:
      'Up to 500 opportunities by CRM ID, each applied on its own with the rules of upsertOpportunity; a bad item never blocks or rolls back the good ones, and a retried batch changes nothing.',
  })
  upsertOpportunities(@Ctx() ctx: RequestContext, @Arg('input', () => UpsertOpportunitiesInput, { validate: false }) input: UpsertOpportunitiesInput) {
    return upsertOpportunities(ctx, input);
  }

  @Mutation(() => UpsertOpportunityPayload, {
    description:
      'Creates or updates an opportunity by CRM ID (CRM_SYNC). Re-evaluates the expiry of approved registrations (R-DEAL-08) and incumbency (R-REN-01).',
  })
  async upsertOpportunity(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => UpsertOpportunityInput, { validate: false }) input: UpsertOpportunityInput,
  ): Promise<UpsertOpportunityPayload> {
    const { result, change, userErrors } = await upsertOpportunity(ctx, input);
    return { opportunity: result, change: result ? change : null, userErrors };
  }

  @Query(() => OpportunityConnection, { description: 'CRM opportunities; a PARTNER_USER key sees those it registered or resold.' })
  async opportunities(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => OpportunityFilter, { nullable: true }) filter?: OpportunityFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    return OpportunityConnection.from(await listOpportunities(ctx, filter, orderBy, args));
  }

  @FieldResolver(() => Customer)
  customer(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.byId(Customer).load(opportunity.customerId);
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'The partner that transacted the sale (R-REN-01).' })
  resellerPartner(@Root() opportunity: Opportunity, @Ctx() ctx: RequestContext) {
    return opportunity.resellerPartnerId ? ctx.loaders.byId(Partner).load(opportunity.resellerPartnerId) : null;
  }
}

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: 'End customers from the CRM.' })
  async customers(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => CustomerFilter, { nullable: true }) filter?: CustomerFilter,
    @Arg('orderBy', () => RecordOrder, { nullable: true }) orderBy?: RecordOrder,
  ) {
    return CustomerConnection.from(await listCustomers(ctx, filter, orderBy, args));
  }

  @FieldResolver(() => Partner, { nullable: true, description: 'Incumbent partner (R-REN-01/02).' })
  incumbentPartner(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return customer.incumbentPartnerId ? ctx.loaders.byId(Partner).load(customer.incumbentPartnerId) : null;
  }

  @FieldResolver(() => [Opportunity], { description: 'Its opportunities; a partner user sees those it registered or resold.' })
  opportunities(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(Opportunity, 'customerId').load(customer.id);
  }
}
