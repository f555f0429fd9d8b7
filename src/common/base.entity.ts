import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { toGlobalId } from './global-id';
import { DateTimeScalar } from './scalars';

/** Millisecond precision, so a timestamp survives a round trip through a JS Date and a cursor. */
export const TIMESTAMP = { type: 'timestamptz', precision: 3 } as const;

/**
 * Columns every table has: a UUID key, audit timestamps and a version for optimistic concurrency.
 * The class name is the GraphQL type name and the global ID's prefix.
 */
@ObjectType('BaseRecord')
export abstract class BaseRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => DateTimeScalar)
  @CreateDateColumn({ ...TIMESTAMP })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: 'Changes on every write; filter with `updatedSince` to sync.' })
  @UpdateDateColumn({ ...TIMESTAMP })
  updatedAt: Date;

  @Field(() => Int, { description: 'Increases on every write; send it back as `expectedVersion`.' })
  @VersionColumn({ default: 1 })
  version: number;

  @Field(() => ID, { name: 'id' })
  get nodeId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }
}
