import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Money } from '../common/money';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { DateScalar, DateTimeScalar } from '../common/scalars';
import { Customer } from './customer.entity';
import { isPlaceholderId } from './customer-facts';
import { Partner } from '../partners/partner.entity';
import { OpportunityKind, OpportunityStage, isClosed, stageNumber } from './opportunity.enums';

@ObjectType({ implements: Node, description: 'A sales opportunity mirrored from the CRM (Salesforce).' })
@Entity()
@Check('opportunity_amount_non_negative', `amount IS NULL OR amount >= 0`)
@Check('opportunity_closed_has_date', `(stage IN ('CLOSED_WON', 'CLOSED_LOST')) = (closed_at IS NOT NULL)`)
@Index('opportunity_customer_idx', ['customerId'])
@Index('opportunity_reseller_idx', ['resellerPartnerId'])
@Index('opportunity_updated_idx', ['updatedAt', 'id'])
@Index('opportunity_created_idx', ['createdAt', 'id'])
@Index('opportunity_stage_idx', ['stage'])
export class Opportunity extends BaseRecord {
  @Field({
    description: 'Opportunity ID in the CRM; the key of `upsertOpportunity`. `PRM-…` for one the API created (R-DEAL-05) until the CRM job attaches its own.',
  })
  @Index('opportunity_external_id_key', { unique: true })
  @Column({ length: 100 })
  externalId: string;

  @Field({ description: 'Created by a deal registration (R-DEAL-05) and not yet given its CRM ID (`upsertOpportunity(placeholderExternalId:)`).' })
  get awaitingCrmId(): boolean {
    return isPlaceholderId(this.externalId);
  }

  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  customer?: Relation<Customer>;

  @Column('uuid')
  customerId: string;

  @Field()
  @Column({ length: 200 })
  name: string;

  @Field(() => OpportunityStage)
  @Column({ type: 'enum', enum: OpportunityStage, enumName: 'opportunity_stage' })
  stage: OpportunityStage;

  @Field(() => OpportunityKind)
  @Column({ type: 'enum', enum: OpportunityKind, enumName: 'opportunity_kind' })
  kind: OpportunityKind;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Sales Last Activity Date (R-DEAL-05).' })
  @Column({ ...TIMESTAMP, nullable: true })
  lastSalesActivityAt: Date | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amount: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  netArr: string | null;

  @Column({ type: 'char', length: 3, default: 'USD' })
  currency: string;

  @Field(() => DateScalar, { nullable: true, description: 'Expected or actual close date.' })
  @Column({ type: 'date', nullable: true })
  closeDate: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it closed won or lost.' })
  @Column({ ...TIMESTAMP, nullable: true })
  closedAt: Date | null;

  @ManyToOne(() => Partner, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn()
  resellerPartner?: Relation<Partner> | null;

  @Column({ type: 'uuid', nullable: true })
  resellerPartnerId: string | null;

  @Field(() => Money, { nullable: true, name: 'amount' })
  get amountMoney(): Money | null {
    return Money.of(this.amount, this.currency);
  }

  @Field(() => Money, { nullable: true, name: 'netArr', description: 'Net ARR (R-SAR-05).' })
  get netArrMoney(): Money | null {
    return Money.of(this.netArr, this.currency);
  }

  @Field(() => Int, { nullable: true, description: '0–6 while open, null once closed.' })
  get stageNumber(): number | null {
    return stageNumber(this.stage);
  }

  @Field()
  get closed(): boolean {
    return isClosed(this.stage);
  }
}

export const OpportunityConnection = Connection(Opportunity);
