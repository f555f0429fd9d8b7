import { GraphQLJSONObject } from 'graphql-scalars';
import { Column, Entity, Index } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { Role } from '../auth/role.enum';
import { BaseRecord } from '../common/base.entity';
import { toGlobalId } from '../common/global-id';
import { Connection } from '../common/pagination';
import { UserErrorCode } from '../common/user-error';
import { AuditOutcome } from './audit.enums';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [field: string]: JsonValue;
}

/**
 * One mutation call, refused or not: who, what, with which input (secrets redacted), how it ended
 * and what it changed. Written after the mutation's transaction, never changed afterwards.
 */
@ObjectType({ description: 'One mutation call (ADMIN): who, which operation, the input with secrets redacted, the outcome; `createdAt` is when.' })
@Entity()
@Index('audit_entry_created_idx', ['createdAt', 'id'])
@Index('audit_entry_api_key_idx', ['apiKeyId', 'createdAt', 'id'])
export class AuditEntry extends BaseRecord {
  /** No foreign key: the trail outlives whatever happens to the key. */
  @Column('uuid')
  apiKeyId: string;

  @Field(() => Role, { description: 'Role of the key at the time of the call.' })
  @Column({ type: 'enum', enum: Role, enumName: 'role' })
  role: Role;

  @Field({ description: 'Mutation name, e.g. applyPartner.' })
  @Column({ length: 100 })
  operation: string;

  @Field(() => GraphQLJSONObject, {
    description: 'The input as sent, with every key, secret, password, token or authorization field replaced by "[redacted]".',
  })
  @Column({ type: 'jsonb' })
  input: JsonObject;

  @Field(() => AuditOutcome)
  @Column({ type: 'varchar', length: 20 })
  outcome: AuditOutcome;

  @Field(() => [UserErrorCode], { description: 'The userErrors codes of a REFUSED call; empty otherwise.' })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  errorCodes: UserErrorCode[];

  @Field(() => String, { nullable: true, description: 'GraphQL type of the entity the call created or changed (or targeted, when refused).' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  entityType: string | null;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Field({ description: 'The request id (`x-request-id`, `extensions.requestId`) of the call.' })
  @Column({ length: 100 })
  requestId: string;

  @Field(() => ID, { name: 'apiKeyId', description: 'Global ID of the API key that called.' })
  get apiKeyGlobalId(): string {
    return toGlobalId('ApiKey', this.apiKeyId);
  }

  @Field(() => ID, { name: 'entityId', nullable: true, description: 'Global ID of that entity.' })
  get entityGlobalId(): string | null {
    return this.entityType && this.entityId ? toGlobalId(this.entityType, this.entityId) : null;
  }
}

export const AuditEntryConnection = Connection(AuditEntry);
