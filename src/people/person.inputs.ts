import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsDefined, IsOptional, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { RecordFilter } from '../common/list-query';
import { IdempotentInput, VersionedInput } from '../common/mutation-inputs';
import { DateTimeScalar, EmailAddressScalar } from '../common/scalars';
import { NonEmptyStringWhenGiven, NotNullWhenGiven } from '../partners/partner.inputs';
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

@InputType({ description: 'A person who works for a partner.' })
export class AddPersonInput extends IdempotentInput {
  @Field(() => ID, { nullable: true, description: 'The partner; a PARTNER_USER key may leave it out.' })
  @IsOptional()
  partnerId?: string | null;

  @Field()
  @MinLength(1)
  @MaxLength(100)
  firstName: string;

  @Field()
  @MinLength(1)
  @MaxLength(100)
  lastName: string;

  @Field(() => EmailAddressScalar, { description: 'Unique per partner, stored in lower case.' })
  @MaxLength(320)
  email: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  jobTitle?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Part of the partner leadership (R-CHAMP-01). false when left out.' })
  @IsOptional()
  isLeadership?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Contact ID in the partner portal.' })
  @IsOptional()
  @MaxLength(100)
  portalExternalId?: string | null;
}

@InputType({ description: 'Fields to change; fields left out keep their value, null clears a clearable field.' })
export class UpdatePersonInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Cannot be cleared.' })
  @NonEmptyStringWhenGiven(100)
  firstName?: string;

  @Field(() => String, { nullable: true, description: 'Cannot be cleared.' })
  @NonEmptyStringWhenGiven(100)
  lastName?: string;

  @Field(() => EmailAddressScalar, { nullable: true, description: 'Cannot be cleared.' })
  @NonEmptyStringWhenGiven(320)
  email?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  jobTitle?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Cannot be cleared.' })
  @NotNullWhenGiven()
  isLeadership?: boolean;
}

@InputType({ description: 'The person left the partner: its certifications stop counting (R-PTR-05).' })
export class EndEmploymentInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ended; now when left out. Not in the future.' })
  @IsOptional()
  endedAt?: Date | null;
}

@InputType({ description: 'A certification or training a person earned (R-PTR-05).' })
export class AddCertificationInput extends IdempotentInput {
  @Field(() => ID)
  personId: string;

  @Field(() => CertificationKind)
  kind: CertificationKind;

  @Field(() => DateTimeScalar, { description: 'Not in the future.' })
  earnedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'After earnedAt; null or left out: it does not expire.' })
  @IsOptional()
  expiresAt?: Date | null;
}

@InputType({ description: 'Changes when a certification expires (R-PTR-05).' })
export class UpdateCertificationInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Required; after earnedAt, or null: it does not expire.' })
  @ValidateIf((input: UpdateCertificationInput) => input.expiresAt === undefined)
  @IsDefined({ message: 'expiresAt must be given (null: it does not expire)' })
  expiresAt?: Date | null;
}

@InputType({ description: 'Up to 500 people keyed by `portalExternalId`: new ones are added, known ones updated, the rest left alone.' })
export class UpsertPeopleInput {
  // Checked by the bulk service, and each item by addPerson/updatePerson's own validation.
  @Field(() => [AddPersonInput])
  items: AddPersonInput[];
}
