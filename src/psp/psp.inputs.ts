import { Field, InputType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { PspDesignationStatus } from './psp.enums';

@InputType()
export class PspDesignationFilter extends PartnerOwnedFilter {
  @Field(() => [PspDesignationStatus], { nullable: true })
  status?: PspDesignationStatus[] | null;
}
