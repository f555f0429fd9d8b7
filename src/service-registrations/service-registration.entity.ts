import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { Payload } from '../common/payload';
import { DateTimeScalar } from '../common/scalars';
import { Opportunity } from '../crm/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { ServiceQualification } from './service-registration.enums';

@ObjectType({ implements: Node, description: 'A service attached registration: services a partner delivers for a customer (R-SAR).' })
@Entity()
// R-SAR-01: at most one qualifying service registration per opportunity.
@Index('service_registration_one_qualifying_per_opportunity', ['opportunityId'], {
  unique: true,
  where: `qualification IN ('APPROVED_REBATE_AND_PSP', 'ACCEPTED_PSP_ONLY')`,
})
@Index('service_registration_opportunity_idx', ['opportunityId'])
@Index('service_registration_partner_idx', ['partnerId', 'createdAt', 'id'])
@Index('service_registration_updated_idx', ['updatedAt', 'id'])
@Index('service_registration_created_idx', ['createdAt', 'id'])
// R-SAR-07: the rebate report reads one quarter of first qualifications; the window timer reads what is due.
@Index('service_registration_first_qualified_idx', ['firstQualifiedAt', 'id'], { where: `first_qualified_at IS NOT NULL` })
@Index('service_registration_requalify_idx', ['requalifyAt'], { where: `requalify_at IS NOT NULL` })
export class ServiceRegistration extends BaseRecord {
  @Field(() => String, { nullable: true })
  @Index('service_registration_portal_external_id_key', { unique: true })
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

  @Column({ type: 'uuid', nullable: true, comment: 'Null: no related license opportunity (R-SAR-06)' })
  opportunityId: string | null;

  @Field(() => DateTimeScalar)
  @Column(TIMESTAMP)
  submittedAt: Date;

  @Field(() => ServiceQualification, { description: 'Recomputed whenever an input changes (R-SAR-07).' })
  @Column({ type: 'enum', enum: ServiceQualification, enumName: 'service_qualification', default: ServiceQualification.PENDING })
  qualification: ServiceQualification;

  @Field(() => [String], { description: 'Rules that decided the qualification (R-SAR-07).' })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  qualificationRuleIds: string[];

  @Field(() => [String], { description: 'Why, including every unmet condition (R-SAR-07).' })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  qualificationReasons: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Since when it holds its current qualification; null while it does not qualify.' })
  @Column({ ...TIMESTAMP, nullable: true })
  qualifiedAt: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description:
      'When it first qualified for the rebate (APPROVED_REBATE_AND_PSP); never changes after. Its quarter is the one whose rebate report lists it (R-SAR-07).',
  })
  @Column({ ...TIMESTAMP, nullable: true })
  firstQualifiedAt: Date | null;

  /** R-SAR-07: when a window of R-SAR-03/05 closes and changes the qualification; the window timer recomputes it then. */
  @Column({ ...TIMESTAMP, nullable: true })
  requalifyAt: Date | null;

  @Field({ description: 'Customer in a regulated industry (e.g. public sector): a written acknowledgement may replace a fully executed SOW (R-SAR-03).' })
  @Column({ default: false })
  regulatedIndustry: boolean;
}

export const ServiceRegistrationConnection = Connection(ServiceRegistration);
export const ServiceRegistrationPayload = Payload(ServiceRegistration, 'serviceRegistration');
export const SubmitServiceRegistrationPayload = Payload(ServiceRegistration, 'serviceRegistration', 'SubmitServiceRegistrationPayload', { dryRun: true });
