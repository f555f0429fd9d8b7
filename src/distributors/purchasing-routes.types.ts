import { Field, ObjectType } from 'type-graphql';
import { Distributor } from './distributor.entity';

@ObjectType({ description: 'How the partner may buy GitLab (R-DIST-01/02).' })
export class PurchasingRoutes {
  @Field({ description: 'May buy directly from GitLab.' })
  mayBuyDirect: boolean;

  @Field(() => [Distributor], { description: 'Distributors of its territory, then marketplaces.' })
  distributors: Distributor[];

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => [String])
  reasons: string[];
}
