import type { DataSource } from 'typeorm';
import { Distributor } from '../../src/distributors/distributor.entity';
import { PartnerDistributor } from '../../src/distributors/partner-distributor.entity';
import { NfrLicense } from '../../src/nfr/nfr-license.entity';
import { NfrLicenseStatus, NfrProduct, NfrUse } from '../../src/nfr/nfr.enums';
import { Partner } from '../../src/partners/partner.entity';
import { AgreementKind, PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from '../../src/partners/partner.enums';
import { Certification } from '../../src/people/certification.entity';
import { Person } from '../../src/people/person.entity';
import { CertificationKind } from '../../src/people/person.enums';
import { toGlobalId } from '../../src/common/global-id';

let counter = 0;
const unique = (): number => (counter += 1);

/** Test data written straight to the database: the read API under test must find it. */
export async function insertPartner(ds: DataSource, overrides: Partial<Partner> = {}): Promise<Partner> {
  const n = unique();
  const repo = ds.getRepository(Partner);
  return repo.save(
    repo.create({
      name: `Partner ${n}`,
      portalExternalId: `IMP-T${n}`,
      category: PartnerCategory.CHANNEL,
      track: PartnerTrack.OPEN,
      status: PartnerLifecycleStatus.ACTIVE,
      territory: Territory.EMEA,
      country: 'DE',
      agreementKind: AgreementKind.CHANNEL_PARTNER,
      agreementSignedAt: new Date('2025-01-01T00:00:00Z'),
      ...overrides,
    }),
  );
}

export async function insertPerson(
  ds: DataSource,
  partner: Partner,
  certifications: Array<{ kind: CertificationKind; earnedAt?: Date; expiresAt?: Date | null }> = [],
  overrides: Partial<Person> = {},
): Promise<Person> {
  const n = unique();
  const person = await ds
    .getRepository(Person)
    .save(ds.getRepository(Person).create({ partnerId: partner.id, firstName: 'Test', lastName: `Person ${n}`, email: `p${n}@example.com`, ...overrides }));
  for (const cert of certifications) {
    await ds.getRepository(Certification).save(
      ds.getRepository(Certification).create({
        personId: person.id,
        kind: cert.kind,
        earnedAt: cert.earnedAt ?? new Date('2025-06-01T00:00:00Z'),
        expiresAt: cert.expiresAt === undefined ? null : cert.expiresAt,
      }),
    );
  }
  return person;
}

export async function insertLicense(
  ds: DataSource,
  partner: Partner,
  product: NfrProduct,
  seats: number,
  overrides: Partial<NfrLicense> = {},
): Promise<NfrLicense> {
  const repo = ds.getRepository(NfrLicense);
  return repo.save(
    repo.create({
      partnerId: partner.id,
      product,
      seats,
      uses: [NfrUse.INTERNAL_TRAINING],
      status: NfrLicenseStatus.APPROVED,
      requestedAt: new Date('2026-01-01T00:00:00Z'),
      approvedAt: new Date('2026-01-01T00:00:00Z'),
      startsOn: '2026-01-05',
      endsOn: '2027-01-04',
      ...overrides,
    }),
  );
}

export async function distributorNamed(ds: DataSource, name: string): Promise<Distributor> {
  return ds.getRepository(Distributor).findOneByOrFail({ name });
}

export async function linkDistributor(ds: DataSource, partner: Partner, distributor: Distributor): Promise<void> {
  await ds.getRepository(PartnerDistributor).save(ds.getRepository(PartnerDistributor).create({ partnerId: partner.id, distributorId: distributor.id }));
}

export const gid = toGlobalId;
