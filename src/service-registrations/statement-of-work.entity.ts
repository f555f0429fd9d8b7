import { Check, Column, Entity, Index, JoinColumn, OneToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Money } from '../common/money';
import { Node } from '../common/node';
import { DateScalar, DateTimeScalar } from '../common/scalars';
import { ServiceRegistration } from './service-registration.entity';

@ObjectType({ implements: Node, description: 'The statement of work behind a service registration, by reference (R-SAR-02/03).' })
@Entity()
@Check('sow_amount_non_negative', `amount IS NULL OR amount >= 0`)
// R-SAR-02: a SOW reference backs one registration, unless a multi-phase exception covers the reuse.
@Index('statement_of_work_reference_unique', ['reference'], { unique: true, where: `multi_phase_exception_id IS NULL` })
@Index('statement_of_work_reference_idx', ['reference'])
@Index('statement_of_work_partner_idx', ['partnerId', 'createdAt', 'id'])
export class StatementOfWork extends BaseRecord {
  @OneToOne(() => ServiceRegistration, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  registration?: Relation<ServiceRegistration>;

  @Index('statement_of_work_registration_key', { unique: true })
  @Column('uuid')
  registrationId: string;

  /** The partner it belongs to, copied from its parent by a trigger; the access policy reads it. */
  @Column('uuid')
  partnerId: string;

  @Field()
  @Column({ length: 200 })
  reference: string;

  @Field(() => DateScalar, { nullable: true, description: 'Customer signature date.' })
  @Column({ type: 'date', nullable: true })
  customerSignedOn: string | null;

  @Field(() => DateTimeScalar)
  @Column(TIMESTAMP)
  submittedAt: Date;

  @Field()
  @Column({ default: false })
  fullyExecuted: boolean;

  @Field({ description: 'Written customer acknowledgement, for regulated industries (R-SAR-03).' })
  @Column({ default: false })
  customerAcknowledgement: boolean;

  @Field({ description: 'A paid engagement (R-SAR-05).' })
  @Column({ default: true })
  paid: boolean;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amount: string | null;

  @Column({ type: 'char', length: 3, default: 'USD' })
  currency: string;

  @Column({ type: 'uuid', nullable: true })
  multiPhaseExceptionId: string | null;

  @Field(() => Money, { nullable: true, name: 'amount' })
  get amountMoney(): Money | null {
    return Money.of(this.amount, this.currency);
  }
}
