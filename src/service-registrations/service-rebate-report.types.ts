import { Field, ObjectType } from 'type-graphql';
import { Money } from '../common/money';
import { DateTimeScalar } from '../common/scalars';
import { Opportunity } from '../crm/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { ServiceRegistration } from './service-registration.entity';
import { StatementOfWork } from './statement-of-work.entity';

@ObjectType({ description: 'A registration that qualified for the services rebate (APPROVED_REBATE_AND_PSP) in the quarter (R-SAR-03/07).' })
export class ServiceRebateLine {
  @Field(() => ServiceRegistration)
  registration: ServiceRegistration;

  @Field(() => Partner)
  partner: Partner;

  @Field(() => Opportunity)
  opportunity: Opportunity;

  @Field(() => StatementOfWork)
  statementOfWork: StatementOfWork;

  @Field(() => Money, { nullable: true, description: 'The SOW amount; null when the SOW gave none.' })
  sowAmount: Money | null;

  @Field(() => DateTimeScalar)
  qualifiedAt: Date;
}

@ObjectType({ description: 'Services rebates of one calendar quarter (R-SAR-07).' })
export class ServiceRebateReport {
  @Field({ description: "e.g. '2026-Q2'" })
  quarter: string;

  @Field(() => DateTimeScalar)
  startsAt: Date;

  @Field(() => DateTimeScalar, { description: 'Exclusive: the first instant of the next quarter.' })
  endsAt: Date;

  @Field(() => [ServiceRebateLine], { description: 'Oldest qualification first.' })
  lines: ServiceRebateLine[];
}
