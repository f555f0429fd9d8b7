import { Field, InputType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { ServiceQualification } from './service-registration.enums';

@InputType()
export class ServiceRegistrationFilter extends PartnerOwnedFilter {
  @Field(() => [ServiceQualification], { nullable: true })
  qualification?: ServiceQualification[] | null;
}
