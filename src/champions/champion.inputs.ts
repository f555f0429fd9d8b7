import { Field, InputType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { ChampionNominationStatus } from './champion.enums';

@InputType()
export class ChampionNominationFilter extends PartnerOwnedFilter {
  @Field(() => [ChampionNominationStatus], { nullable: true })
  status?: ChampionNominationStatus[] | null;
}
