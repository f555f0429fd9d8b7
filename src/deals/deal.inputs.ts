import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { DealProgramType, DealRegistrationStatus } from './deal.enums';

@InputType()
export class DealRegistrationFilter extends PartnerOwnedFilter {
  @Field(() => [DealRegistrationStatus], { nullable: true })
  status?: DealRegistrationStatus[] | null;

  @Field(() => [DealProgramType], { nullable: true })
  programType?: DealProgramType[] | null;

  @Field(() => [ID], { nullable: true, description: 'Global IDs of opportunities (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  opportunityIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Partner-portal registration IDs (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  portalExternalIds?: string[] | null;
}
