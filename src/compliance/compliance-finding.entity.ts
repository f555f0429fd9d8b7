import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRecord } from '../common/base.entity';
import { Node } from '../common/node';
import { ComplianceReview } from './compliance-review.entity';

@ObjectType({ implements: Node, description: 'An unmet requirement found in a review, with its rule ID (R-COMP-01).' })
@Entity()
@Index('compliance_finding_review_idx', ['reviewId'])
@Index('compliance_finding_partner_idx', ['partnerId', 'createdAt', 'id'])
export class ComplianceFinding extends BaseRecord {
  @ManyToOne(() => ComplianceReview, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  review?: Relation<ComplianceReview>;

  @Column('uuid')
  reviewId: string;

  /** The partner it belongs to, copied from its parent by a trigger; the access policy reads it. */
  @Column('uuid')
  partnerId: string;

  @Field()
  @Column({ length: 20 })
  ruleId: string;

  @Field()
  @Column({ length: 60 })
  code: string;

  @Field()
  @Column({ length: 1000 })
  message: string;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  required: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  actual: number | null;
}
