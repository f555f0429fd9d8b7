import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { BaseRecord } from '../common/base.entity';
import { Partner } from '../partners/partner.entity';
import { Distributor } from './distributor.entity';

/** A partner buys through a distributor (R-DIST-02/03). */
@Entity()
@Index('partner_distributor_key', ['partnerId', 'distributorId'], { unique: true })
@Index('partner_distributor_distributor_idx', ['distributorId'])
export class PartnerDistributor extends BaseRecord {
  @ManyToOne(() => Partner, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  partner?: Relation<Partner>;

  @Column('uuid')
  partnerId: string;

  @ManyToOne(() => Distributor, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn()
  distributor?: Relation<Distributor>;

  @Column('uuid')
  distributorId: string;
}
