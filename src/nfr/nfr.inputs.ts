import { Field, InputType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { NfrLicenseStatus, NfrProduct } from './nfr.enums';

@InputType()
export class NfrLicenseFilter extends PartnerOwnedFilter {
  @Field(() => [NfrLicenseStatus], { nullable: true })
  status?: NfrLicenseStatus[] | null;

  @Field(() => [NfrProduct], { nullable: true })
  product?: NfrProduct[] | null;
}
