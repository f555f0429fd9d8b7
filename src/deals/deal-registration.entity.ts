import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { DateTimeScalar } from '../common/scalars';
import { Opportunity } from '../crm/opportunity.entity';
import { OpportunityStage } from '../crm/opportunity.enums';
import { Partner } from '../partners/partner.entity';
import { DealProgramType, DealRegistrationStatus, DealRoute } from './deal.enums';
import { SubmittedOpportunity } from './submitted-opportunity.types';

@ObjectType({ implements: Node, description: 'A partner-sourced deal registration for one opportunity (R-DEAL-02).' })
@Entity()
// R-DEAL-04: at most one approved (unexpired) registration per opportunity, enforced by the database.
@Index('deal_registration_one_approved_per_opportunity', ['opportunityId'], { unique: true, where: `status = 'APPROVED'` })
@Index('deal_registration_opportunity_idx', ['opportunityId', 'receivedAt'])
@Index('deal_registration_partner_idx', ['partnerId', 'createdAt', 'id'])
@Index('deal_registration_status_idx', ['status', 'createdAt', 'id'])
@Index('deal_registration_updated_idx', ['updatedAt', 'id'])
@Index('deal_registration_created_idx', ['createdAt', 'id'])
@Check('deal_registration_opportunity_while_matching', `(opportunity_id IS NULL) = (route::text = 'OPS_REVIEW')`)
export class DealRegistration extends BaseRecord {
  @Field(() => String, { nullable: true, description: 'Registration ID in the partner portal.' })
  @Index('deal_registration_portal_external_id_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  portalExternalId: string | null;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  partner?: Relation<Partner>;

  @Column('uuid')
  partnerId: string;

  @ManyToOne(() => Opportunity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn()
  opportunity?: Relation<Opportunity> | null;

  /** Null exactly while it waits for Ecosystem Ops to link or confirm its opportunity (R-DEAL-05). */
  @Column({ type: 'uuid', nullable: true })
  opportunityId: string | null;

  /** R-DEAL-05: the open opportunities of the customer that the submission matched, for Ecosystem Ops. */
  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  candidateOpportunityIds: string[];

  /** What the partner submitted when it named no known CRM opportunity, kept for Ecosystem Ops' review. */
  @Column({ type: 'jsonb', nullable: true })
  submittedOpportunity: SubmittedOpportunity | null;

  /** R-DEAL-06: who decided the ESM step (`crm:<CRM user ID>` or `key:<API key ID>`); the ASM step must be someone else. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  esmDecidedBy: string | null;

  @Field(() => DealProgramType)
  @Column({ type: 'enum', enum: DealProgramType, enumName: 'deal_program_type' })
  programType: DealProgramType;

  @Field(() => DealRegistrationStatus)
  @Column({ type: 'enum', enum: DealRegistrationStatus, enumName: 'deal_registration_status' })
  status: DealRegistrationStatus;

  @Field(() => DateTimeScalar, { description: 'Server-side time of receipt; earlier is decided first (R-DEAL-03).' })
  @Column(TIMESTAMP)
  receivedAt: Date;

  @Field(() => OpportunityStage, {
    nullable: true,
    description: 'Opportunity stage when it was routed (at submission, or when Ecosystem Ops linked it); null when no opportunity existed (R-DEAL-05).',
  })
  @Column({ type: 'enum', enum: OpportunityStage, enumName: 'opportunity_stage', nullable: true })
  stageAtSubmission: OpportunityStage | null;

  @Field(() => DealRoute, { description: 'The branch of R-DEAL-05 that routed it; decides the R-DEAL-07 clock.' })
  @Column({ type: 'enum', enum: DealRoute, enumName: 'deal_route' })
  route: DealRoute;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ ...TIMESTAMP, nullable: true })
  routedToEsmAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Start of the 10-day ASM window (R-DEAL-07).' })
  @Column({ ...TIMESTAMP, nullable: true })
  routedToAsmAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ ...TIMESTAMP, nullable: true })
  approvedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: '90 days after approval unless closed-won (R-DEAL-08).' })
  @Column({ ...TIMESTAMP, nullable: true })
  expiresAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes: string | null;
}

export const DealRegistrationConnection = Connection(DealRegistration);
