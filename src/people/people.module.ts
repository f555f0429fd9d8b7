import { partnerOwned } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { UserErrorCode } from '../common/user-error';
import { Certification } from './certification.entity';
import { Person } from './person.entity';
import { CertificationResolver, PartnerPeopleResolver, PersonResolver } from './person.resolver';

/** A partner's people and their certifications (R-PTR-05 counts them). */
export const peopleModule: DomainModule = {
  name: 'people',
  entities: [Person, Certification],
  nodeTypes: [Person, Certification],
  resolvers: [PersonResolver, CertificationResolver, PartnerPeopleResolver],
  policies: [
    partnerOwned<Person>('Person', { ownerOf: (row) => row.partnerId }),
    partnerOwned<Certification>('Certification', { ownerOf: (row) => row.partnerId }),
  ],
  constraintErrors: {
    person_portal_external_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'A person with this portal ID exists already', ruleIds: [] },
    person_partner_email_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'This partner already has a person with this email', ruleIds: [] },
    certification_person_kind_earned_key: {
      code: UserErrorCode.ALREADY_EXISTS,
      message: 'This person already has this certification earned at this time',
      ruleIds: [],
    },
  },
};
