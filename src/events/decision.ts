import { Field, Int, ObjectType } from 'type-graphql';
import type { RequestContext } from '../context';
import { defineLoader } from '../loaders/loaders';
import { DateTimeScalar } from '../common/scalars';
import { StatusTransition } from './status-transition.entity';

@ObjectType('DecisionCondition', { description: 'A condition the decision found unmet, with the numbers behind it.' })
export class DecisionCondition {
  @Field()
  code: string;

  @Field()
  ruleId: string;

  @Field()
  message: string;

  @Field(() => Int, { nullable: true })
  required: number | null;

  @Field(() => Int, { nullable: true })
  actual: number | null;
}

@ObjectType('DecisionPerson', { description: 'The person behind a relayed decision (R-DEAL-06), e.g. the CRM user who decided.' })
export class DecisionPerson {
  @Field()
  id: string;

  @Field()
  role: string;
}

@ObjectType('DecisionActor', { description: 'Who decided: a role (or SYSTEM for timers), with the staff key and the person for programme-wide roles only.' })
export class DecisionActor {
  @Field({ description: 'The role that acted, or SYSTEM.' })
  role: string;

  @Field(() => String, { nullable: true, description: 'The API key that acted; null for SYSTEM and for keys outside the programme.' })
  keyId: string | null;

  @Field(() => DecisionPerson, { nullable: true, description: 'For a relayed decision: who decided. Null for keys outside the programme.' })
  decidedBy: DecisionPerson | null;
}

@ObjectType('Decision', { description: 'The latest decision on a record: its outcome, the rules behind it and why — what `history` holds last.' })
export class DecisionRecord {
  @Field({ description: 'The status the decision led to.' })
  outcome: string;

  @Field(() => String, { nullable: true, description: 'The status before it (null for the first).' })
  from: string | null;

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => [String])
  reasons: string[];

  @Field(() => [DecisionCondition], { description: 'Each unmet condition behind a refusal-like outcome.' })
  unmet: DecisionCondition[];

  @Field(() => DateTimeScalar)
  decidedAt: Date;

  @Field(() => DecisionActor)
  actor: DecisionActor;
}

@ObjectType('DryRunDecision', {
  description: 'A status change a dry run would have recorded, read like `decision`; nothing was written and no event was published.',
})
export class DryRunDecisionRecord {
  @Field({ description: 'The GraphQL type of the record it decides on, e.g. ServiceRegistration.' })
  entityType: string;

  @Field({ description: 'The status it would have led to.' })
  outcome: string;

  @Field(() => String, { nullable: true, description: 'The status before it (null for a new record).' })
  from: string | null;

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => [String])
  reasons: string[];

  @Field(() => [DecisionCondition], { description: 'Each unmet condition behind it.' })
  unmet: DecisionCondition[];
}

/** The latest recorded status change of each `EntityType:id`, one statement per batch. */
const latestTransitions = defineLoader<string, StatusTransition | null>('latestTransitions', async (manager, keys) => {
  const pairs = keys.map((key) => key.split(':') as [string, string]);
  const rows = await manager
    .getRepository(StatusTransition)
    .createQueryBuilder('t')
    .distinctOn(['t.entityType', 't.entityId'])
    .where('(t.entityType, t.entityId) IN (SELECT * FROM unnest(:types::varchar[], :ids::uuid[]))', {
      types: pairs.map((p) => p[0]),
      ids: pairs.map((p) => p[1]),
    })
    .orderBy('t.entityType')
    .addOrderBy('t.entityId')
    .addOrderBy('t.sequence', 'DESC')
    .getMany();
  const byKey = new Map(rows.map((row) => [`${row.entityType}:${row.entityId}`, row]));
  return keys.map((key) => byKey.get(key) ?? null);
});

/** The fields of a status change a decision is read from: a stored history row, or one a dry run recorded. */
export type DecisionSource = Pick<
  StatusTransition,
  'toStatus' | 'fromStatus' | 'ruleIds' | 'reason' | 'unmet' | 'occurredAt' | 'actorRole' | 'actorId' | 'decidedById' | 'decidedByRole'
>;

/** A status change as a decision; who decided (key, CRM user) only for programme-wide roles. */
export function decisionRecordOf(row: DecisionSource, viewer: { readsWholeProgramme: boolean }): DecisionRecord {
  const staff = viewer.readsWholeProgramme;
  return {
    outcome: row.toStatus,
    from: row.fromStatus,
    ruleIds: row.ruleIds,
    reasons: row.reason === '' ? [] : row.reason.split('; '),
    unmet: row.unmet.map((u) => ({ code: u.code, ruleId: u.ruleId, message: u.message, required: u.required ?? null, actual: u.actual ?? null })),
    decidedAt: row.occurredAt,
    actor: {
      role: row.actorRole,
      keyId: staff ? row.actorId : null,
      decidedBy: staff && row.decidedById && row.decidedByRole ? { id: row.decidedById, role: row.decidedByRole } : null,
    },
  };
}

/**
 * The `decision` field of a decided record (a deal, a licence, a review …): its latest status change
 * as a decision, so a CRM job reads one field instead of paging `history`.
 */
export async function decisionOf(ctx: RequestContext, entityType: string, id: string): Promise<DecisionRecord | null> {
  const row = await ctx.loaders.get(latestTransitions).load(`${entityType}:${id}`);
  return row ? decisionRecordOf(row, ctx.access.viewer) : null;
}
