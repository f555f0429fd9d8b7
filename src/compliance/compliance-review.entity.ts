import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { Payload } from '../common/payload';
import { DateScalar, DateTimeScalar } from '../common/scalars';
import { Partner } from '../partners/partner.entity';
import { ComplianceReviewKind, ComplianceReviewStatus } from './compliance.enums';

@ObjectType({ implements: Node, description: 'A compliance review of a partner (R-COMP-01), with PSP KPIs when of kind PSP_BADGE (R-PSP-02).' })
@Entity()
@Check('compliance_review_non_compliant_has_deadline', `status <> 'NON_COMPLIANT' OR remediation_due_on IS NOT NULL`)
@Check(
  'compliance_review_kpi_range',
  `(kpi_infrastructure_ready IS NULL OR kpi_infrastructure_ready BETWEEN 1 AND 5)
  AND (kpi_first_value IS NULL OR kpi_first_value BETWEEN 1 AND 5)
  AND (kpi_outcome_achieved IS NULL OR kpi_outcome_achieved BETWEEN 1 AND 5)`,
)
@Check('compliance_review_evidence_before_due', `evidence_requested_on IS NULL OR evidence_requested_on <= due_on`)
@Index('compliance_review_partner_idx', ['partnerId', 'createdAt', 'id'])
@Index('compliance_review_due_idx', ['status', 'dueOn'])
@Index('compliance_review_updated_idx', ['updatedAt', 'id'])
@Index('compliance_review_created_idx', ['createdAt', 'id'])
export class ComplianceReview extends BaseRecord {
  @ManyToOne(() => Partner, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  partner?: Relation<Partner>;

  @Column('uuid')
  partnerId: string;

  @Field(() => ComplianceReviewKind)
  @Column({ type: 'enum', enum: ComplianceReviewKind, enumName: 'compliance_review_kind' })
  kind: ComplianceReviewKind;

  @Field(() => ComplianceReviewStatus)
  @Column({ type: 'enum', enum: ComplianceReviewStatus, enumName: 'compliance_review_status', default: ComplianceReviewStatus.OPEN })
  status: ComplianceReviewStatus;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  dueOn: string;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  evidenceRequestedOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  remediationDueOn: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ ...TIMESTAMP, nullable: true })
  closedAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Customer-success rating 1–5 (R-PSP-02).' })
  @Column({ type: 'smallint', nullable: true })
  kpiInfrastructureReady: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'smallint', nullable: true })
  kpiFirstValue: number | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'smallint', nullable: true })
  kpiOutcomeAchieved: number | null;

  @Field(() => Int, { nullable: true, description: 'Certified professional services engineers at review time.' })
  @Column({ type: 'integer', nullable: true })
  certificationCount: number | null;
}

export const ComplianceReviewConnection = Connection(ComplianceReview);
export const ComplianceReviewPayload = Payload(ComplianceReview, 'complianceReview');
