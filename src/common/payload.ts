import { ClassType, Field, ObjectType } from 'type-graphql';
import type { MutationResult } from './mutation';
import { UserError } from './user-error';
import { declareGeneratedValueType } from './value-types';

/** `<Name>Payload { <field>: <Type>, userErrors: [UserError!]! }`, the shape of every mutation result. */
export function Payload<T extends object>(itemClass: ClassType<T>, field: string, name = `${itemClass.name}Payload`) {
  declareGeneratedValueType(name);
  @ObjectType(name, { description: `Result of a ${itemClass.name} mutation: the ${itemClass.name} on success, else userErrors.` })
  class PayloadClass {
    @Field(() => itemClass, { name: field, nullable: true })
    result: T | null;

    @Field(() => [UserError])
    userErrors: UserError[];

    static from(outcome: MutationResult<T>): PayloadClass {
      return Object.assign(new PayloadClass(), outcome);
    }
  }
  return PayloadClass;
}
