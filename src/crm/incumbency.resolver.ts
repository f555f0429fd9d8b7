import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context';
import { CustomerCommunication } from './customer-communication.entity';
import { Customer, CustomerPayload } from './customer.entity';
import { RecordCustomerCommunicationInput } from './opportunity.inputs';
import { incumbencyOf, recordCustomerCommunication } from './incumbency.service';
import { Incumbency } from './incumbency.types';

@Resolver(() => Customer)
export class IncumbencyResolver {
  @FieldResolver(() => Incumbency, { description: 'Incumbent partner and renewal-discount eligibility (R-REN-01/02).' })
  incumbency(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return incumbencyOf(ctx, customer);
  }

  @FieldResolver(() => [CustomerCommunication], { description: 'Recorded customer communications, oldest first (R-REN-02).' })
  communications(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(CustomerCommunication, 'customerId').load(customer.id);
  }

  @Mutation(() => CustomerPayload, { description: 'Records a customer communication designating a partner; a formal written one moves incumbency (R-REN-02).' })
  async recordCustomerCommunication(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordCustomerCommunicationInput, { validate: false }) input: RecordCustomerCommunicationInput,
  ) {
    return CustomerPayload.from(await recordCustomerCommunication(ctx, input));
  }
}
