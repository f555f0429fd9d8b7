import { Column, Entity, Index } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Payload } from '../common/payload';
import { DateTimeScalar } from '../common/scalars';

@ObjectType({ implements: Node, description: 'Permission to reuse a SOW across the phases of one project (R-SAR-02).' })
@Entity()
@Index('multi_phase_exception_reference_idx', ['sowReference'])
export class MultiPhaseException extends BaseRecord {
  @Field()
  @Column({ length: 200 })
  sowReference: string;

  @Field()
  @Column({ length: 2000 })
  reason: string;

  @Field({ description: 'API key id of the ECOSYSTEM_OPS member who granted it.' })
  @Column({ length: 100 })
  grantedBy: string;

  @Field(() => DateTimeScalar)
  @Column(TIMESTAMP)
  grantedAt: Date;
}

export const MultiPhaseExceptionPayload = Payload(MultiPhaseException, 'multiPhaseException');
