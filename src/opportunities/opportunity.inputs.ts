import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { RecordFilter } from '../common/list-query';
import { OpportunityKind, OpportunityStage } from './opportunity.enums';

@InputType()
export class OpportunityFilter extends RecordFilter {
  @Field(() => [String], { nullable: true, description: 'CRM opportunity IDs (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  externalIds?: string[] | null;

  @Field(() => [OpportunityStage], { nullable: true })
  stage?: OpportunityStage[] | null;

  @Field(() => [OpportunityKind], { nullable: true })
  kind?: OpportunityKind[] | null;

  @Field(() => [ID], { nullable: true, description: 'Global IDs of customers (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  customerIds?: string[] | null;
}

@InputType()
export class CustomerFilter extends RecordFilter {
  @Field(() => [String], { nullable: true, description: 'CRM account IDs (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  crmAccountIds?: string[] | null;
}
