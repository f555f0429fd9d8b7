import { Field, ObjectType } from 'type-graphql';
import { CountryCodeScalar } from '../common/scalars';
import { CustomerSector } from '../crm/customer-facts';
import { OpportunityKind } from '../crm/opportunity.enums';
import { Territory } from '../partners/partner.enums';

@ObjectType({
  description:
    'What the partner submitted when it named no known CRM opportunity (R-DEAL-05): kept while Ecosystem Ops links a candidate or confirms it is new.',
})
export class SubmittedOpportunity {
  @Field(() => String, { nullable: true, description: 'The CRM opportunity ID the partner gave, unknown to the CRM mirror.' })
  externalId: string | null;

  @Field()
  name: string;

  @Field(() => OpportunityKind)
  kind: OpportunityKind;

  @Field(() => String, { nullable: true })
  customerCrmAccountId: string | null;

  @Field()
  customerName: string;

  @Field(() => CountryCodeScalar)
  customerCountry: string;

  @Field(() => Territory)
  customerTerritory: Territory;

  @Field(() => CustomerSector, { nullable: true })
  customerSector: CustomerSector | null;

  @Field(() => String, { nullable: true })
  customerEmailDomain: string | null;
}
