import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { Payload } from '../common/payload';
import { DateTimeScalar } from '../common/scalars';
import { CertificationKind } from './person.enums';
import { Person } from './person.entity';

@ObjectType({ implements: Node, description: 'A certification or training a person earned (R-PTR-05).' })
@Entity()
@Check('certification_expires_after_earned', `expires_at IS NULL OR expires_at > earned_at`)
@Index('certification_person_idx', ['personId', 'kind'])
@Index('certification_person_kind_earned_key', ['personId', 'kind', 'earnedAt'], { unique: true })
@Index('certification_partner_idx', ['partnerId', 'createdAt', 'id'])
export class Certification extends BaseRecord {
  @ManyToOne(() => Person, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  person?: Relation<Person>;

  @Column('uuid')
  personId: string;

  /** The partner it belongs to, copied from its parent by a trigger; the access policy reads it. */
  @Column('uuid')
  partnerId: string;

  @Field(() => CertificationKind)
  @Column({ type: 'enum', enum: CertificationKind, enumName: 'certification_kind' })
  kind: CertificationKind;

  @Field(() => DateTimeScalar)
  @Column(TIMESTAMP)
  earnedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ ...TIMESTAMP, nullable: true })
  expiresAt: Date | null;
}

export const CertificationConnection = Connection(Certification);
export const CertificationPayload = Payload(Certification, 'certification');
