import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord } from '../common/base.entity';
import { Money } from '../common/money';
import { Node } from '../common/node';
import { ServiceLineKind } from './service-registration.enums';
import { ServiceRegistration } from './service-registration.entity';

@ObjectType({ implements: Node, description: 'One service in a registration’s scope (R-SAR-04).' })
@Entity()
@Index('service_line_registration_idx', ['registrationId'])
@Index('service_line_partner_idx', ['partnerId', 'createdAt', 'id'])
export class ServiceLine extends BaseRecord {
  @ManyToOne(() => ServiceRegistration, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  registration?: Relation<ServiceRegistration>;

  @Column('uuid')
  registrationId: string;

  /** The partner it belongs to, copied from its parent by a trigger; the access policy reads it. */
  @Column('uuid')
  partnerId: string;

  @Field(() => ServiceLineKind)
  @Column({ type: 'enum', enum: ServiceLineKind, enumName: 'service_line_kind' })
  kind: ServiceLineKind;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Field()
  @Column({ default: false })
  freeOfCharge: boolean;

  @Field()
  @Column({ default: false })
  subcontracted: boolean;

  @Field({ description: 'Managed/hosted service whose software is sold to or owned by the partner (R-SAR-04/05).' })
  @Column({ default: false })
  softwareOwnedByPartner: boolean;

  @Field({ description: 'Proof of execution for free-of-charge partner-led services (R-SAR-05).' })
  @Column({ default: false })
  proofOfExecution: boolean;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amount: string | null;

  @Column({ type: 'char', length: 3, default: 'USD' })
  currency: string;

  @Field(() => Money, { nullable: true, name: 'amount' })
  get amountMoney(): Money | null {
    return Money.of(this.amount, this.currency);
  }
}
