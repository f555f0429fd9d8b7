import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../common/scalars';

@InputType({ description: 'Every given field must match; list fields match any of their values.' })
export class AuditEntryFilter {
  @Field(() => [ID], { nullable: true, description: 'Global IDs of API keys (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  apiKeyIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Mutation names, e.g. ["createApiKey", "rotateApiKey"] (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  operations?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only calls recorded at or after this time.' })
  since?: Date | null;
}
