import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { Payload } from '../common/payload';
import { DateTimeScalar, EmailAddressScalar } from '../common/scalars';
import { Partner } from '../partners/partner.entity';

@ObjectType({ implements: Node, description: 'A person employed by a partner.' })
@Entity()
@Index('person_partner_idx', ['partnerId', 'createdAt', 'id'])
@Index('person_updated_idx', ['updatedAt', 'id'])
@Index('person_created_idx', ['createdAt', 'id'])
@Index('person_partner_email_key', ['partnerId', 'email'], { unique: true })
export class Person extends BaseRecord {
  @ManyToOne(() => Partner, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  partner?: Relation<Partner>;

  @Column('uuid')
  partnerId: string;

  @Field(() => String, { nullable: true, description: 'Contact ID in the partner portal.' })
  @Index('person_portal_external_id_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  portalExternalId: string | null;

  @Field()
  @Column({ length: 100 })
  firstName: string;

  @Field()
  @Column({ length: 100 })
  lastName: string;

  @Field(() => EmailAddressScalar)
  @Column({ length: 320 })
  email: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  jobTitle: string | null;

  @Field({ description: 'Part of the partner leadership (can endorse champions, R-CHAMP-01).' })
  @Column({ default: false })
  isLeadership: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Set when the person left the partner (R-PTR-05).' })
  @Column({ ...TIMESTAMP, nullable: true })
  employmentEndedAt: Date | null;

  @Field({ description: 'Still employed by the partner.' })
  get employed(): boolean {
    return this.employmentEndedAt === null;
  }
}

export const PersonConnection = Connection(Person);
export const PersonPayload = Payload(Person, 'person');
