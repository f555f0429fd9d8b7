import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BaseRecord, TIMESTAMP } from '../common/base.entity';
import { Node } from '../common/node';
import { Connection } from '../common/pagination';
import { Payload } from '../common/payload';
import { DateTimeScalar, EmailAddressScalar } from '../common/scalars';
import { Partner } from '../partners/partner.entity';
import { Person } from '../people/person.entity';
import { ChampionNominationStatus } from './champion.enums';

@ObjectType({ implements: Node, description: 'A partner champion nomination and, once approved, the champion (R-CHAMP).' })
@Entity()
// One nomination in flight per person; a declined nominee or an alumnus may be nominated again.
@Index('champion_nomination_one_open_per_person', ['personId'], { unique: true, where: `status NOT IN ('DECLINED', 'ALUMNI')` })
@Index('champion_nomination_partner_idx', ['partnerId', 'createdAt', 'id'])
@Index('champion_nomination_updated_idx', ['updatedAt', 'id'])
@Index('champion_nomination_created_idx', ['createdAt', 'id'])
export class ChampionNomination extends BaseRecord {
  @ManyToOne(() => Partner, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  partner?: Relation<Partner>;

  @Column('uuid')
  partnerId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn()
  person?: Relation<Person>;

  @Column('uuid')
  personId: string;

  @Field(() => ChampionNominationStatus)
  @Column({ type: 'enum', enum: ChampionNominationStatus, enumName: 'champion_nomination_status', default: ChampionNominationStatus.NOMINATED })
  status: ChampionNominationStatus;

  @Field({ description: 'Partner leader who endorsed the nomination (R-CHAMP-01).' })
  @Column({ length: 200 })
  endorsedBy: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  endorsementNote: string | null;

  @Field(() => DateTimeScalar)
  @Column(TIMESTAMP)
  nominatedAt: Date;

  @Field(() => String, { nullable: true, description: 'Partner-support case opened for the review (R-CHAMP-02).' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  supportCaseReference: string | null;

  @Field(() => String, { nullable: true, description: 'Sponsor GitLab solutions architect (R-CHAMP-02).' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  sponsorName: string | null;

  @Field(() => EmailAddressScalar, { nullable: true })
  @Column({ type: 'varchar', length: 320, nullable: true })
  sponsorEmail: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ ...TIMESTAMP, nullable: true })
  decidedAt: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When it became ACTIVE (R-CHAMP-02); the champion's expected outputs count from it (R-CHAMP-03).",
  })
  @Column({ ...TIMESTAMP, nullable: true })
  activatedAt: Date | null;
}

export const ChampionNominationConnection = Connection(ChampionNomination);
export const ChampionNominationPayload = Payload(ChampionNomination, 'championNomination');
export const NominateChampionPayload = Payload(ChampionNomination, 'championNomination', 'NominateChampionPayload', { dryRun: true });
