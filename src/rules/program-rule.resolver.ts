import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { ruleArea } from './catalogue';

@ObjectType({ description: 'A program rule as this API applies it: what a decision means when it cites the rule’s ID.' })
export class ProgramRule {
  @Field({ description: 'e.g. R-DEAL-04' })
  id: string;

  @Field({ description: 'The area of the program: DEAL, PTR, SAR …' })
  area: string;

  @Field()
  title: string;

  @Field({ description: 'The rule, including the decisions taken where the program left room.' })
  text: string;

  @Field(() => Int, { description: 'Increases whenever the statement of the rule changes.' })
  version: number;

  @Field(() => String, { nullable: true, description: 'The catalogue revision that last changed it (YYYY-MM-DD).' })
  revisedOn: string | null;
}

@Resolver(() => ProgramRule)
export class ProgramRuleResolver {
  @Query(() => [ProgramRule], { description: 'The rule catalogue: every rule ID a decision can cite. Readable by every key.' })
  programRules(@Ctx() ctx: RequestContext, @Arg('area', () => String, { nullable: true }) area?: string): ProgramRule[] {
    return ctx.registry.rules
      .all()
      .filter((rule) => !area || ruleArea(rule.id) === area)
      .map((rule) => ({ ...rule, area: ruleArea(rule.id) }));
  }

  @Query(() => ProgramRule, { nullable: true, description: 'One rule by ID, e.g. programRule(id: "R-DEAL-04"); null when no rule has it.' })
  programRule(@Ctx() ctx: RequestContext, @Arg('id', () => String) id: string): ProgramRule | null {
    const rule = ctx.registry.rules.get(id);
    return rule ? { ...rule, area: ruleArea(rule.id) } : null;
  }
}
