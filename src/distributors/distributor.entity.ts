import { Column, Entity, Index, JoinColumn, OneToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { EmailAddressScalar, UrlScalar } from '../common/scalars';
import { Partner } from '../partners/partner.entity';
import { Territory } from '../partners/partner.enums';
import { DistributorKind } from './distributor.enums';

@ObjectType({ implements: Node, description: 'A distributor or marketplace that partners buy through (R-DIST-01).' })
@Entity()
@Index('distributor_name_key', ['name'], { unique: true })
export class Distributor extends BaseRecord {
  @Field()
  @Column({ length: 200 })
  name: string;

  @Field(() => DistributorKind)
  @Column({ type: 'enum', enum: DistributorKind, enumName: 'distributor_kind' })
  kind: DistributorKind;

  @Field(() => [Territory], { description: 'Empty for marketplaces, which act in every territory.' })
  @Column({ type: 'enum', enum: Territory, enumName: 'territory', array: true, default: () => `'{}'` })
  territories: Territory[];

  @Field({ description: 'An alternative option in its territory (R-DIST-01).' })
  @Column({ default: false })
  alternative: boolean;

  @Field()
  @Column({ default: true })
  active: boolean;

  @Field(() => EmailAddressScalar, { nullable: true })
  @Column({ type: 'varchar', length: 320, nullable: true })
  contactEmail: string | null;

  @Field(() => UrlScalar, { nullable: true })
  @Column({ type: 'varchar', length: 2048, nullable: true })
  website: string | null;

  @OneToOne(() => Partner, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn()
  partner?: Relation<Partner> | null;

  @Index('distributor_partner_key', { unique: true })
  @Column({ type: 'uuid', nullable: true, comment: 'The partner record (category DISTRIBUTOR) of this distributor' })
  partnerId: string | null;
}

export const DistributorConnection = Connection(Distributor);
