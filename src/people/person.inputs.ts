import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { RecordFilter } from '../common/list-query';
import { CertificationKind } from './person.enums';

@InputType()
export class PersonFilter extends RecordFilter {
  @Field(() => [ID], { nullable: true, description: 'Global IDs of partners (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  partnerIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Partner-portal contact IDs (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  portalExternalIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: still employed; false: employment ended.' })
  employed?: boolean | null;

  @Field(() => [CertificationKind], { nullable: true, description: 'Holding a certification of one of these kinds (current or not).' })
  certificationKind?: CertificationKind[] | null;
}

@InputType()
export class CertificationFilter extends RecordFilter {
  @Field(() => [ID], { nullable: true, description: 'Global IDs of people (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  personIds?: string[] | null;

  @Field(() => [CertificationKind], { nullable: true })
  kind?: CertificationKind[] | null;
}
