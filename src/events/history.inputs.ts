import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';

@InputType()
export class StatusTransitionFilter extends PartnerOwnedFilter {
  @Field(() => [String], { nullable: true, description: 'GraphQL type names, e.g. DealRegistration, NfrLicense.' })
  @IsOptional()
  @ArrayMaxSize(20)
  entityTypes?: string[] | null;
}
