import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord } from '../common/base.entity';
import { Node } from '../common/node';
import { Payload } from '../common/payload';
import { DateScalar, UrlScalar } from '../common/scalars';
import { ChampionActivityKind } from './champion.enums';
import { ChampionNomination } from './champion-nomination.entity';

@ObjectType({ implements: Node, description: 'An enablement session or publication by a champion (R-CHAMP-03).' })
@Entity()
@Index('champion_activity_nomination_idx', ['nominationId', 'occurredOn'])
@Index('champion_activity_partner_idx', ['partnerId', 'createdAt', 'id'])
export class ChampionActivity extends BaseRecord {
  @ManyToOne(() => ChampionNomination, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  nomination?: Relation<ChampionNomination>;

  @Column('uuid')
  nominationId: string;

  /** The partner it belongs to, copied from its parent by a trigger; the access policy reads it. */
  @Column('uuid')
  partnerId: string;

  @Field(() => ChampionActivityKind)
  @Column({ type: 'enum', enum: ChampionActivityKind, enumName: 'champion_activity_kind' })
  kind: ChampionActivityKind;

  @Field()
  @Column({ length: 300 })
  title: string;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  occurredOn: string;

  @Field(() => UrlScalar, { nullable: true })
  @Column({ type: 'varchar', length: 2048, nullable: true })
  url: string | null;
}

export const ChampionActivityPayload = Payload(ChampionActivity, 'championActivity');
