import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { Payload } from '../common/payload';
import { DateScalar, DateTimeScalar } from '../common/scalars';
import { Partner } from '../partners/partner.entity';
import { NfrLicenseStatus, NfrProduct, NfrUse } from './nfr.enums';

@ObjectType({ implements: Node, description: 'A not-for-resale license (R-NFR).' })
@Entity()
@Check('nfr_license_seats_positive', `seats > 0`)
@Check('nfr_license_term_order', `ends_on IS NULL OR starts_on IS NULL OR ends_on > starts_on`)
@Index('nfr_license_partner_idx', ['partnerId', 'createdAt', 'id'])
@Index('nfr_license_partner_product_idx', ['partnerId', 'product', 'status'])
@Index('nfr_license_updated_idx', ['updatedAt', 'id'])
@Index('nfr_license_created_idx', ['createdAt', 'id'])
@Index('nfr_license_ends_idx', ['endsOn'])
export class NfrLicense extends BaseRecord {
  @Field(() => String, { nullable: true })
  @Index('nfr_license_portal_external_id_key', { unique: true })
  @Column({ type: 'varchar', length: 100, nullable: true })
  portalExternalId: string | null;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  partner?: Relation<Partner>;

  @Column('uuid')
  partnerId: string;

  @Field(() => NfrProduct)
  @Column({ type: 'enum', enum: NfrProduct, enumName: 'nfr_product' })
  product: NfrProduct;

  @Field(() => Int)
  @Column({ type: 'integer' })
  seats: number;

  @Field(() => [NfrUse], { description: 'Declared uses (R-NFR-04).' })
  @Column({ type: 'enum', enum: NfrUse, enumName: 'nfr_use', array: true })
  uses: NfrUse[];

  @Field(() => String, { nullable: true, description: 'Needed above the cap (R-NFR-03).' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  businessJustification: string | null;

  @Field(() => NfrLicenseStatus)
  @Column({ type: 'enum', enum: NfrLicenseStatus, enumName: 'nfr_license_status' })
  status: NfrLicenseStatus;

  @Field(() => DateTimeScalar)
  @Column(TIMESTAMP)
  requestedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ ...TIMESTAMP, nullable: true })
  approvedAt: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Two business days after approval (R-NFR-05).' })
  @Column({ type: 'date', nullable: true })
  provisioningDueOn: string | null;

  @Field(() => DateScalar, { nullable: true })
  @Column({ type: 'date', nullable: true })
  startsOn: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Past this date the license no longer counts (R-NFR-07).' })
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;
}

export const NfrLicenseConnection = Connection(NfrLicense);
export const NfrLicensePayload = Payload(NfrLicense, 'nfrLicense');
