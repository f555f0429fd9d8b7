import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { Payload } from '../common/payload';
import { CountryCodeScalar, DateTimeScalar } from '../common/scalars';
import { Partner } from '../partners/partner.entity';
import { Territory } from '../partners/partner.enums';
import { CustomerSector, isPlaceholderId } from './customer-facts';

@ObjectType({ implements: Node, description: 'An end customer, mirrored from the CRM account.' })
@Entity()
@Index('customer_updated_idx', ['updatedAt', 'id'])
@Index('customer_created_idx', ['createdAt', 'id'])
export class Customer extends BaseRecord {
  @Field()
  @Column({ length: 200 })
  name: string;

  /** `customer_match_name(name)`, computed by the database: what R-DEAL-05 matches names on. */
  @Index('customer_normalized_name_idx')
  @Column({ type: 'text', select: false, insert: false, update: false, generatedType: 'STORED', asExpression: 'customer_match_name(name)' })
  normalizedName?: string;

  @Field({ description: 'Account ID in the CRM (Salesforce); `PRM-…` for a customer a partner registered until the CRM job attaches its own.' })
  @Index('customer_crm_account_id_key', { unique: true })
  @Column({ length: 100 })
  crmAccountId: string;

  @Field({ description: 'Created by a deal registration (R-DEAL-05) and not yet given its CRM account ID.' })
  get awaitingCrmId(): boolean {
    return isPlaceholderId(this.crmAccountId);
  }

  @Field(() => String, { nullable: true, description: 'The customer’s e-mail domain, e.g. initech.com; matched by R-DEAL-05.' })
  @Index('customer_email_domain_idx', { where: 'email_domain IS NOT NULL' })
  @Column({ type: 'varchar', length: 253, nullable: true })
  emailDomain: string | null;

  @Field(() => CustomerSector, { nullable: true, description: 'PUBLIC_SECTOR or COMMERCIAL; null when unknown.' })
  @Column({ type: 'enum', enum: CustomerSector, enumName: 'customer_sector', nullable: true })
  sector: CustomerSector | null;

  @Field(() => CountryCodeScalar)
  @Column({ type: 'char', length: 2 })
  country: string;

  @Field(() => Territory, { description: 'US_PUBSEC for US public sector (R-REN-03 tenders).' })
  @Column({ type: 'enum', enum: Territory, enumName: 'territory' })
  territory: Territory;

  @ManyToOne(() => Partner, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn()
  incumbentPartner?: Relation<Partner> | null;

  @Index('customer_incumbent_partner_idx')
  @Column({ type: 'uuid', nullable: true })
  incumbentPartnerId: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When incumbency last changed (R-REN-01/02).' })
  @Column({ ...TIMESTAMP, nullable: true })
  incumbencySince: Date | null;

  @Field(() => String, { nullable: true, description: 'The formal written customer communication that moved incumbency (R-REN-02).' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  incumbencyCommunicationReference: string | null;
}

export const CustomerConnection = Connection(Customer);

export const CustomerPayload = Payload(Customer, 'customer');
