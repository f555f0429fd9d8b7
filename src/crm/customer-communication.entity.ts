import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { DateTimeScalar } from '../common/scalars';
import { Partner } from '../partners/partner.entity';
import { Customer } from './customer.entity';

@ObjectType({ implements: Node, description: 'A customer communication designating a partner; only a formal written one moves incumbency (R-REN-02).' })
@Entity()
@Index('customer_communication_customer_idx', ['customerId', 'recordedAt'])
export class CustomerCommunication extends BaseRecord {
  @ManyToOne(() => Customer, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  customer?: Relation<Customer>;

  @Column('uuid')
  customerId: string;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  partner?: Relation<Partner>;

  @Column('uuid')
  partnerId: string;

  @Field({ description: 'Formal and written: only such a communication moves incumbency.' })
  @Column()
  formalWritten: boolean;

  @Field({ description: 'Where the communication is filed (document or case reference).' })
  @Column({ length: 500 })
  reference: string;

  @Field(() => DateTimeScalar)
  @Column(TIMESTAMP)
  recordedAt: Date;
}
