import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { BaseRecord } from './base.entity';

/**
 * The first result of a create or submit sent with an idempotency key. Written in the same
 * transaction as the change, so it exists if and only if the change committed.
 */
@Entity()
@Index('idempotency_record_key', ['apiKeyId', 'key'], { unique: true })
export class IdempotencyRecord extends BaseRecord {
  @ManyToOne(() => ApiKey, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ foreignKeyConstraintName: 'idempotency_record_api_key_fk' })
  apiKey?: Relation<ApiKey>;

  @Column('uuid')
  apiKeyId: string;

  @Column({ length: 200 })
  key: string;

  @Column({ length: 100 })
  operation: string;

  /** SHA-256 of the input: the same key with another input is refused. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ length: 40 })
  resultType: string;

  @Column({ type: 'uuid', nullable: true })
  resultId: string | null;
}
