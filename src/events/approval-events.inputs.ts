import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Which status changes to receive; every given field must match.' })
export class ApprovalEventFilter {
  @Field(() => [String], { nullable: true, description: 'GraphQL type names, e.g. DealRegistration, NfrLicense, Partner.' })
  @IsOptional()
  @ArrayMaxSize(20)
  entityTypes?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only this partner’s changes.' })
  @IsOptional()
  partnerId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only changes to one of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(20)
  statuses?: string[] | null;
}
