import { Check, Column, Entity, Index } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Money } from '../common/money';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { Payload } from '../common/payload';
import { CountryCodeScalar, DateTimeScalar, EmailAddressScalar, UrlScalar } from '../common/scalars';
import { AgreementKind, AllianceType, PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from './partner.enums';

@ObjectType({ implements: Node, description: 'A company in the partner program (R-PTR-01).' })
@Entity()
@Check('partner_track_only_for_channel', `(category = 'CHANNEL') = (track IS NOT NULL)`)
@Check('partner_alliance_type_only_for_alliance', `(category = 'ALLIANCE') = (alliance_type IS NOT NULL)`)
@Check('partner_agreement_complete', `(agreement_kind IS NULL) = (agreement_signed_at IS NULL)`)
@Check('partner_namespace_only_for_alliance', `catalog_namespace_url IS NULL OR category = 'ALLIANCE'`)
@Check('partner_committed_revenue_non_negative', `committed_revenue_amount IS NULL OR committed_revenue_amount >= 0`)
@Index('partner_status_idx', ['status', 'createdAt', 'id'])
@Index('partner_updated_idx', ['updatedAt', 'id'])
@Index('partner_created_idx', ['createdAt', 'id'])
@Index('partner_territory_idx', ['territory'])
export class Partner extends BaseRecord {
  @Field()
  @Column({ length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: 'ID in the partner portal (Impartner).' })
  @Index('partner_portal_external_id_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  portalExternalId: string | null;

  @Field(() => String, { nullable: true, description: 'Account ID in the CRM (Salesforce).' })
  @Index('partner_crm_account_id_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  crmAccountId: string | null;

  @Field(() => PartnerCategory)
  @Column({ type: 'enum', enum: PartnerCategory, enumName: 'partner_category' })
  category: PartnerCategory;

  @Field(() => AllianceType, { nullable: true })
  @Column({ type: 'enum', enum: AllianceType, enumName: 'alliance_type', nullable: true })
  allianceType: AllianceType | null;

  @Field(() => PartnerTrack, { nullable: true, description: 'Channel partners only (R-PTR-02).' })
  @Column({ type: 'enum', enum: PartnerTrack, enumName: 'partner_track', nullable: true })
  track: PartnerTrack | null;

  @Field(() => PartnerLifecycleStatus)
  @Column({ type: 'enum', enum: PartnerLifecycleStatus, enumName: 'partner_lifecycle_status', default: PartnerLifecycleStatus.APPLIED })
  status: PartnerLifecycleStatus;

  @Field(() => Territory)
  @Column({ type: 'enum', enum: Territory, enumName: 'territory' })
  territory: Territory;

  @Field(() => CountryCodeScalar)
  @Column({ type: 'char', length: 2 })
  country: string;

  @Field(() => UrlScalar, { nullable: true })
  @Column({ type: 'varchar', length: 2048, nullable: true })
  website: string | null;

  @Field(() => AgreementKind, { nullable: true })
  @Column({ type: 'enum', enum: AgreementKind, enumName: 'agreement_kind', nullable: true })
  agreementKind: AgreementKind | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ ...TIMESTAMP, nullable: true })
  agreementSignedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the partner was invited to Select (R-PTR-02).' })
  @Column({ ...TIMESTAMP, nullable: true })
  selectInvitedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Executive sponsor of the joint business plan (R-PTR-04).' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  jointBusinessPlanSponsor: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  committedRevenueAmount: string | null;

  @Column({ type: 'char', length: 3, default: 'USD' })
  committedRevenueCurrency: string;

  @Field(() => String, { nullable: true, description: 'Dedicated Channel Account Manager (R-PTR-07).' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  channelAccountManagerName: string | null;

  @Field(() => EmailAddressScalar, { nullable: true })
  @Column({ type: 'varchar', length: 320, nullable: true })
  channelAccountManagerEmail: string | null;

  @Field(() => UrlScalar, { nullable: true, description: 'CI/CD catalog namespace (alliance partners, R-PTR-08).' })
  @Column({ type: 'varchar', length: 2048, nullable: true })
  catalogNamespaceUrl: string | null;

  @Field({ description: 'AWS DevOps Competency partner (R-NFR-02 Duo with Amazon Q).' })
  @Column({ default: false })
  awsDevOpsCompetency: boolean;

  @Field(() => Money, { nullable: true, description: 'Committed program revenue target (R-PTR-04).' })
  get committedRevenue(): Money | null {
    return Money.of(this.committedRevenueAmount, this.committedRevenueCurrency);
  }

  @Field({ description: 'Has an exec-sponsored joint business plan (R-PTR-04).' })
  get hasJointBusinessPlan(): boolean {
    return this.jointBusinessPlanSponsor !== null;
  }

  @Field({ description: 'Shown with the partner badge: a registered catalog namespace (R-PTR-08).' })
  get hasPartnerBadge(): boolean {
    return this.catalogNamespaceUrl !== null;
  }
}

export const PartnerConnection = Connection(Partner);
export const PartnerPayload = Payload(Partner, 'partner');
