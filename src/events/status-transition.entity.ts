import { Column, Entity, Index } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { DateTimeScalar } from '../common/scalars';
import type { UnmetCondition } from '../rules/decision';

/**
 * One status change of any entity with a status (R-DEAL-09 and the same for every other one):
 * who, when, from, to, which rules and why. `sequence` orders all changes across the program.
 */
@ObjectType({ implements: Node, description: 'A recorded decision: one status change with its actor, rules and reason.' })
@Entity()
@Index('status_transition_entity_idx', ['entityType', 'entityId', 'sequence'])
@Index('status_transition_partner_idx', ['partnerId', 'sequence'])
export class StatusTransition extends BaseRecord {
  @Field({ description: 'Event sequence: increases by one per committed change, in commit order, without gaps (R-EVT-01).' })
  @Index('status_transition_sequence_key', { unique: true })
  @Column({ type: 'bigint' })
  sequence: string;

  @Field({ description: 'GraphQL type name of the entity, e.g. DealRegistration.' })
  @Column({ length: 40 })
  entityType: string;

  @Column('uuid')
  entityId: string;

  @Column({ type: 'uuid', nullable: true })
  partnerId: string | null;

  @Field(() => String, { nullable: true, description: 'Null for the first status of a new entity.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  fromStatus: string | null;

  @Field()
  @Column({ length: 40 })
  toStatus: string;

  @Field({ description: 'The role that acted, or SYSTEM for timers.' })
  @Column({ length: 40 })
  actorRole: string;

  @Field(() => String, { nullable: true, description: 'API key id of the actor; null for SYSTEM.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  actorId: string | null;

  @Field(() => String, { nullable: true, description: 'For a relayed decision (R-DEAL-06): who decided, e.g. the CRM user ID.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  decidedById: string | null;

  @Field(() => String, { nullable: true, description: 'For a relayed decision: the role in which that person decided (ESM, ASM …).' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  decidedByRole: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  ruleIds: string[];

  /** The unmet conditions behind a refusal-like outcome (DENIED, NOT_ELIGIBLE …), exposed through `decision`. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  unmet: UnmetCondition[];

  @Field()
  @Column({ type: 'text' })
  reason: string;

  @Field(() => DateTimeScalar)
  @Column(TIMESTAMP)
  occurredAt: Date;
}

export const StatusTransitionConnection = Connection(StatusTransition);
