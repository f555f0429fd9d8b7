import { Check, Column, Entity, Index } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { toGlobalId } from '../common/global-id';
import { Connection } from '../common/pagination';
import { DateTimeScalar } from '../common/scalars';
import { Role } from './role.enum';

/** An API key. Only the SHA-256 of the secret is stored; the key itself is shown once. */
@ObjectType({ description: 'An API key (ADMIN only). The secret is never stored nor shown again; only its prefix is.' })
@Entity()
@Check('api_key_partner_scope', `(role = 'PARTNER_USER') = (partner_id IS NOT NULL)`)
@Check('api_key_distributor_scope', `(role = 'DISTRIBUTOR') = (distributor_id IS NOT NULL)`)
export class ApiKey extends BaseRecord {
  @Field()
  @Column({ length: 200 })
  name: string;

  @Field(() => Role)
  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  partnerId: string | null;

  @Column({ type: 'uuid', nullable: true })
  distributorId: string | null;

  @Index('api_key_hash_key', { unique: true })
  @Column({ type: 'char', length: 64 })
  keyHash: string;

  /** First characters of the key, to recognise it in lists without revealing it. */
  @Field({ description: 'The first 12 characters of the key, to recognise it without revealing it.' })
  @Column({ length: 16 })
  prefix: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Set when revoked (or rotated); the key is refused from then on, on every instance.' })
  @Column({ ...TIMESTAMP, nullable: true })
  revokedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Last successful authentication, to within a minute (updated at most once a minute).' })
  @Column({ ...TIMESTAMP, nullable: true })
  lastUsedAt: Date | null;

  @Field(() => ID, { name: 'partnerId', nullable: true, description: 'Global ID of the partner a PARTNER_USER key is scoped to.' })
  get partnerGlobalId(): string | null {
    return this.partnerId ? toGlobalId('Partner', this.partnerId) : null;
  }

  @Field(() => ID, { name: 'distributorId', nullable: true, description: 'Global ID of the distributor a DISTRIBUTOR key is scoped to.' })
  get distributorGlobalId(): string | null {
    return this.distributorId ? toGlobalId('Distributor', this.distributorId) : null;
  }
}

export const ApiKeyConnection = Connection(ApiKey);
