import { Field, Int, ObjectType } from 'type-graphql';
import { NfrProduct } from './nfr.enums';

@ObjectType({ description: 'NFR seats of one product: cap, used by active licenses and remaining (R-NFR-02).' })
export class NfrAllocation {
  @Field(() => NfrProduct)
  product: NfrProduct;

  @Field(() => Int)
  cap: number;

  @Field(() => Int)
  used: number;

  @Field(() => Int)
  remaining: number;
}
