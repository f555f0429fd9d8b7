import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { DateTimeScalar } from '../common/scalars';
import { OnboardingTaskKind } from './champion.enums';
import { ChampionNomination } from './champion-nomination.entity';

@ObjectType({ implements: Node, description: 'A champion onboarding task (R-CHAMP-02).' })
@Entity()
@Index('onboarding_task_nomination_kind_key', ['nominationId', 'kind'], { unique: true })
@Index('onboarding_task_partner_idx', ['partnerId', 'createdAt', 'id'])
export class OnboardingTask extends BaseRecord {
  @ManyToOne(() => ChampionNomination, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  nomination?: Relation<ChampionNomination>;

  @Column('uuid')
  nominationId: string;

  /** The partner it belongs to, copied from its parent by a trigger; the access policy reads it. */
  @Column('uuid')
  partnerId: string;

  @Field(() => OnboardingTaskKind)
  @Column({ type: 'enum', enum: OnboardingTaskKind, enumName: 'onboarding_task_kind' })
  kind: OnboardingTaskKind;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ ...TIMESTAMP, nullable: true })
  completedAt: Date | null;
}
