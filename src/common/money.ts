import { Field, ObjectType } from 'type-graphql';
import { CurrencyScalar, DecimalScalar } from './scalars';

@ObjectType({ description: 'An amount of money: an exact decimal string and an ISO 4217 currency.' })
export class Money {
  @Field(() => DecimalScalar)
  amount: string;

  @Field(() => CurrencyScalar)
  currency: string;

  static of(amount: string | null, currency: string | null): Money | null {
    if (amount === null || amount === undefined || currency === null) return null;
    const money = new Money();
    money.amount = amount;
    money.currency = currency;
    return money;
  }
}
