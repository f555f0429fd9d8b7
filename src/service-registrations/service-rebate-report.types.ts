import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { Money } from '../common/money';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageInfo } from '../common/pagination';
import { DateTimeScalar } from '../common/scalars';
import { Opportunity } from '../crm/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { ServiceRegistration } from './service-registration.entity';
import { StatementOfWork } from './statement-of-work.entity';

@ObjectType({
  description: 'A registration that qualifies for the services rebate (APPROVED_REBATE_AND_PSP) and first qualified for it in the quarter (R-SAR-03/07).',
})
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

  @Field(() => DateTimeScalar, { description: 'When it first qualified for the rebate: the instant that puts it in this quarter (R-SAR-07).' })
  qualifiedAt: Date;
}

@ObjectType({ description: 'Services rebates of one calendar quarter: each registration in the quarter it first qualified in, once (R-SAR-07).' })
export class ServiceRebateReport {
  @Field({ description: "e.g. '2026-Q2'" })
  quarter: string;

  @Field(() => DateTimeScalar)
  startsAt: Date;

  @Field(() => DateTimeScalar, { description: 'Exclusive: the first instant of the next quarter.' })
  endsAt: Date;

  @Field(() => [ServiceRebateLine], { description: 'One page, oldest first qualification first.' })
  lines: ServiceRebateLine[];

  @Field(() => PageInfo, { description: 'Pass `endCursor` as `after` for the next page while `hasNextPage`.' })
  pageInfo: PageInfo;
}

@ArgsType()
export class ServiceRebateReportArgs {
  @Field({ description: "The calendar quarter, e.g. '2026-Q2'." })
  quarter: string;

  @Field(() => Int, { nullable: true, description: `Lines per page, up to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} by default.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}
