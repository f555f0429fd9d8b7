import { Check, Column, Entity, Index, JoinColumn, OneToOne, Relation } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { Payload } from '../common/payload';
import { DateScalar, DateTimeScalar } from '../common/scalars';
import { Partner } from '../partners/partner.entity';
import { PspDesignationStatus, PspServiceOffering } from './psp.enums';

@ObjectType({ implements: Node, description: 'Professional Services Partner designation (R-PSP).' })
@Entity()
@Check('psp_review_month_range', `review_month BETWEEN 1 AND 12`)
@Check('psp_at_risk_has_deadline', `status <> 'AT_RISK' OR remediation_due_on IS NOT NULL`)
@Index('psp_designation_next_review_idx', ['nextReviewDueOn'])
@Index('psp_designation_updated_idx', ['updatedAt', 'id'])
@Index('psp_designation_created_idx', ['createdAt', 'id'])
export class PspDesignation extends BaseRecord {
  @OneToOne(() => Partner, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  partner?: Relation<Partner>;

  @Index('psp_designation_partner_key', { unique: true })
  @Column('uuid')
  partnerId: string;

  @Field(() => PspDesignationStatus)
  @Column({ type: 'enum', enum: PspDesignationStatus, enumName: 'psp_designation_status', default: PspDesignationStatus.COMPLIANT })
  status: PspDesignationStatus;

  @Field(() => [PspServiceOffering])
  @Column({ type: 'enum', enum: PspServiceOffering, enumName: 'psp_service_offering', array: true, default: () => `'{}'` })
  offerings: PspServiceOffering[];

  @Field(() => DateTimeScalar)
  @Column(TIMESTAMP)
  grantedAt: Date;

  @Field(() => Int, { description: 'Month (1–12) of the yearly review: the month first granted (R-PSP-02).' })
  @Column({ type: 'smallint' })
  reviewMonth: number;

  @Field(() => DateScalar)
  @Column({ type: 'date' })
  nextReviewDueOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'One quarter after a failed review (R-PSP-03).' })
  @Column({ type: 'date', nullable: true })
  remediationDueOn: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ ...TIMESTAMP, nullable: true })
  revokedAt: Date | null;
}

export const PspDesignationConnection = Connection(PspDesignation);
export const PspDesignationPayload = Payload(PspDesignation, 'pspDesignation');
