import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Distributor } from '../distributors/distributor.entity';
import { Partner } from '../partners/partner.entity';
import { Role } from './role.enum';

/** An API key. Only the SHA-256 of the secret is stored; the key itself is shown once. */
@Entity()
@Check('api_key_partner_scope', `(role = 'PARTNER_USER') = (partner_id IS NOT NULL)`)
@Check('api_key_distributor_scope', `(role = 'DISTRIBUTOR') = (distributor_id IS NOT NULL)`)
export class ApiKey extends BaseRecord {
  @Column({ length: 200 })
  name: string;

  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role: Role;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn()
  partner?: Relation<Partner> | null;

  @Column({ type: 'uuid', nullable: true })
  partnerId: string | null;

  @ManyToOne(() => Distributor, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn()
  distributor?: Relation<Distributor> | null;

  @Column({ type: 'uuid', nullable: true })
  distributorId: string | null;

  @Index('api_key_hash_key', { unique: true })
  @Column({ type: 'char', length: 64 })
  keyHash: string;

  /** First characters of the key, to recognise it in lists without revealing it. */
  @Column({ length: 16 })
  prefix: string;

  @Column({ ...TIMESTAMP, nullable: true })
  revokedAt: Date | null;

  @Column({ ...TIMESTAMP, nullable: true })
  lastUsedAt: Date | null;
}
