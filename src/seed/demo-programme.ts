import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DataSource, EntityManager } from 'typeorm';
import { ApiKey } from '../auth/api-key.entity';
import { createApiKey, generateApiKey, hashApiKey } from '../auth/api-key.service';
import { Role } from '../auth/role.enum';
import { ChampionNomination } from '../champions/champion-nomination.entity';
import { ChampionNominationStatus } from '../champions/champion.enums';
import type { AppConfig } from '../config/config';
import type { Clock } from '../config/clock';
import type { Logger } from '../config/logger';
import { Customer } from '../crm/customer.entity';
import { DealRegistration } from '../deals/deal-registration.entity';
import { DealProgramType, DealRegistrationStatus, DealRoute } from '../deals/deal.enums';
import { Distributor } from '../distributors/distributor.entity';
import { PartnerDistributor } from '../distributors/partner-distributor.entity';
import { Outbox, TransitionRecord } from '../events/outbox';
import { NfrLicense } from '../nfr/nfr-license.entity';
import { NfrLicenseStatus, NfrProduct, NfrUse } from '../nfr/nfr.enums';
import { Opportunity } from '../crm/opportunity.entity';
import { OpportunityKind, OpportunityStage, stageNumber } from '../crm/opportunity.enums';
import { Partner } from '../partners/partner.entity';
import { AgreementKind, AllianceType, PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from '../partners/partner.enums';
import { Certification } from '../people/certification.entity';
import { Person } from '../people/person.entity';
import { CertificationKind } from '../people/person.enums';
import { PspDesignation } from '../psp/psp-designation.entity';
import { PspServiceOffering } from '../psp/psp.enums';
import { addDays, addMonths } from '../rules/decision';

type Staff = Partial<Record<CertificationKind, number>>;

interface DemoPartner {
  name: string;
  category: PartnerCategory;
  track: PartnerTrack | null;
  allianceType?: AllianceType;
  status: PartnerLifecycleStatus;
  territory: Territory;
  country: string;
  signed: boolean;
  staff: Staff;
  select?: boolean;
  aws?: boolean;
  buysThrough?: string;
}

const FULL_OPEN: Staff = { FOUNDATIONS: 1, SALES_ACCREDITED: 2, SOLUTIONS_ARCHITECT: 1 };
const FULL_SELECT: Staff = { FOUNDATIONS: 1, SALES_ACCREDITED: 4, SOLUTIONS_ARCHITECT: 2, PROFESSIONAL_SERVICES_ENGINEER: 3 };

const DEMO_PARTNERS: DemoPartner[] = [
  {
    name: 'Northwind DevOps',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.SELECT,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.NORTH_AMERICA,
    country: 'US',
    signed: true,
    staff: FULL_SELECT,
    select: true,
    aws: true,
  },
  {
    name: 'Maple Pipeline Partners',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.OPEN,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.NORTH_AMERICA,
    country: 'CA',
    signed: true,
    staff: FULL_OPEN,
    buysThrough: 'Climb CS',
  },
  {
    name: 'Rheinland Cloud Services',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.SELECT,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.EMEA,
    country: 'DE',
    signed: true,
    staff: FULL_SELECT,
    select: true,
  },
  {
    name: 'Thames Integration Ltd',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.OPEN,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.EMEA,
    country: 'GB',
    signed: true,
    staff: { FOUNDATIONS: 1, SALES_ACCREDITED: 1 },
    buysThrough: 'Amazic',
  },
  {
    name: 'Sakura Systems KK',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.OPEN,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.JAPAN,
    country: 'JP',
    signed: true,
    staff: FULL_OPEN,
    buysThrough: 'Networld',
  },
  {
    name: 'Lion City Consulting',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.OPEN,
    status: PartnerLifecycleStatus.SUSPENDED,
    territory: Territory.APAC,
    country: 'SG',
    signed: true,
    staff: FULL_OPEN,
  },
  {
    name: 'Bangalore Build Co',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.OPEN,
    status: PartnerLifecycleStatus.APPLIED,
    territory: Territory.INDIA,
    country: 'IN',
    signed: false,
    staff: { SALES_ACCREDITED: 1 },
  },
  {
    name: 'Andes Software SA',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.OPEN,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.LATAM,
    country: 'CL',
    signed: true,
    staff: FULL_OPEN,
  },
  {
    name: 'Capitol Federal Solutions',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.OPEN,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.US_PUBSEC,
    country: 'US',
    signed: true,
    staff: FULL_OPEN,
    buysThrough: 'Carahsoft',
  },
  {
    name: 'Nimbus Cloud Platform',
    category: PartnerCategory.ALLIANCE,
    track: null,
    allianceType: AllianceType.CLOUD,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.NORTH_AMERICA,
    country: 'US',
    signed: true,
    staff: { SOLUTIONS_ARCHITECT: 1 },
  },
  {
    name: 'Scanwise Security',
    category: PartnerCategory.ALLIANCE,
    track: null,
    allianceType: AllianceType.TECHNOLOGY_ISV,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.EMEA,
    country: 'NL',
    signed: true,
    staff: {},
  },
  {
    name: 'Bangkok Digital Works',
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.OPEN,
    status: PartnerLifecycleStatus.TERMINATED,
    territory: Territory.THAILAND,
    country: 'TH',
    signed: true,
    staff: { SALES_ACCREDITED: 2 },
  },
];

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '');
}

/** A small, realistic programme for `npm start` on an empty database. Does nothing if partners exist. */
export async function seedDemoProgramme(dataSource: DataSource, clock: Clock, logger: Logger): Promise<void> {
  if ((await dataSource.getRepository(Partner).count()) > 0) return;
  await dataSource.transaction(async (em) => {
    const outbox = new Outbox();
    const now = clock.now();
    const distributors = new Map((await em.find(Distributor)).map((d) => [d.name, d]));
    const partners: Partner[] = [];
    for (const [index, demo] of DEMO_PARTNERS.entries()) {
      const partner = await em.save(
        em.create(Partner, {
          name: demo.name,
          portalExternalId: `IMP-${1000 + index}`,
          crmAccountId: `001DEMO${String(index).padStart(4, '0')}`,
          category: demo.category,
          allianceType: demo.allianceType ?? null,
          track: demo.track,
          status: demo.status,
          territory: demo.territory,
          country: demo.country,
          website: `https://${slug(demo.name)}.example.com`,
          agreementKind: demo.signed ? (demo.category === PartnerCategory.ALLIANCE ? AgreementKind.TECHNOLOGY_PARTNER : AgreementKind.CHANNEL_PARTNER) : null,
          agreementSignedAt: demo.signed ? addMonths(now, -18) : null,
          jointBusinessPlanSponsor: demo.select ? 'VP Sales' : null,
          committedRevenueAmount: demo.select ? '450000.00' : null,
          channelAccountManagerName: demo.select ? 'Avery Channel' : null,
          channelAccountManagerEmail: demo.select ? 'avery.channel@gitlab.example.com' : null,
          catalogNamespaceUrl: demo.allianceType === AllianceType.TECHNOLOGY_ISV ? 'https://gitlab.com/explore/catalog/scanwise' : null,
          awsDevOpsCompetency: demo.aws ?? false,
          selectInvitedAt: demo.select ? addMonths(now, -12) : null,
        }),
      );
      partners.push(partner);
      await seedPeople(em, partner, demo.staff, now);
      const distributor = demo.buysThrough ? distributors.get(demo.buysThrough) : undefined;
      if (distributor) await em.save(em.create(PartnerDistributor, { partnerId: partner.id, distributorId: distributor.id }));
      outbox.add('SYSTEM', now, transition('Partner', partner.id, partner.id, null, demo.status, ['R-PTR-06'], 'Seeded demo partner'));
    }
    await seedDeals(em, outbox, partners, now);
    await seedLicensesAndDesignations(em, partners, now);
    await outbox.write(em);
  });
  logger.info({ partners: DEMO_PARTNERS.length }, 'seeded the demo programme');
}

async function seedPeople(em: EntityManager, partner: Partner, staff: Staff, now: Date): Promise<void> {
  let n = 0;
  for (const kind of Object.values(CertificationKind)) {
    const count = staff[kind] ?? 0;
    for (let i = 0; i < count; i += 1) {
      n += 1;
      const person = await em.save(
        em.create(Person, {
          partnerId: partner.id,
          portalExternalId: `${partner.portalExternalId}-C${n}`,
          firstName: ['Alex', 'Sam', 'Robin', 'Kim', 'Jordan', 'Taylor', 'Casey', 'Morgan'][n % 8],
          lastName: `${slug(partner.name).split('-')[0]}-${n}`,
          email: `person${n}@${slug(partner.name)}.example.com`,
          jobTitle:
            kind === CertificationKind.SOLUTIONS_ARCHITECT
              ? 'Solutions Architect'
              : kind === CertificationKind.SALES_ACCREDITED
                ? 'Account Executive'
                : 'Consultant',
          isLeadership: n === 1,
        }),
      );
      await em.save(
        em.create(Certification, { personId: person.id, partnerId: partner.id, kind, earnedAt: addMonths(now, -6), expiresAt: addMonths(now, 18) }),
      );
    }
  }
}

async function seedDeals(em: EntityManager, outbox: Outbox, partners: Partner[], now: Date): Promise<void> {
  const [northwind, maple, rheinland, , sakura] = partners;
  const customers = await em.save([
    em.create(Customer, {
      name: 'Acme Rockets',
      crmAccountId: '001CUST0001',
      country: 'US',
      territory: Territory.NORTH_AMERICA,
      incumbentPartnerId: northwind.id,
      incumbencySince: addMonths(now, -14),
    }),
    em.create(Customer, { name: 'Globex Banking', crmAccountId: '001CUST0002', country: 'DE', territory: Territory.EMEA }),
    em.create(Customer, { name: 'Initech Japan', crmAccountId: '001CUST0003', country: 'JP', territory: Territory.JAPAN }),
  ]);
  const opportunity = (
    externalId: string,
    customer: Customer,
    stage: OpportunityStage,
    kind: OpportunityKind,
    lastActivityDays: number | null,
    amount: string,
  ) =>
    em.create(Opportunity, {
      externalId,
      customerId: customer.id,
      name: `${customer.name} — ${kind.toLowerCase().replace(/_/g, ' ')}`,
      stage,
      kind,
      lastSalesActivityAt: lastActivityDays === null ? null : addDays(now, -lastActivityDays),
      amount,
      netArr: amount,
      closedAt: stage === OpportunityStage.CLOSED_WON || stage === OpportunityStage.CLOSED_LOST ? addDays(now, -20) : null,
      closeDate: addDays(now, 60).toISOString().slice(0, 10),
    });
  const opportunities = await em.save([
    opportunity('006DEMO0001', customers[0], OpportunityStage.STAGE_1, OpportunityKind.NEW_BUSINESS_EXISTING_CUSTOMER, 5, '120000.00'),
    opportunity('006DEMO0002', customers[1], OpportunityStage.STAGE_4, OpportunityKind.NEW_CUSTOMER, 200, '80000.00'),
    opportunity('006DEMO0003', customers[2], OpportunityStage.CLOSED_WON, OpportunityKind.ADD_ON, 10, '45000.00'),
    opportunity('006DEMO0004', customers[0], OpportunityStage.STAGE_3, OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH, 3, '60000.00'),
  ]);
  const deal = (partner: Partner, opp: Opportunity, status: DealRegistrationStatus, daysAgo: number, extra: Partial<DealRegistration>) =>
    em.create(DealRegistration, {
      partnerId: partner.id,
      opportunityId: opp.id,
      programType: DealProgramType.RESALE,
      status,
      receivedAt: addDays(now, -daysAgo),
      stageAtSubmission: opp.stage,
      route: routeFor(opp),
      ...extra,
    });
  const deals = await em.save([
    deal(northwind, opportunities[0], DealRegistrationStatus.PENDING_ASM, 4, { routedToEsmAt: addDays(now, -4), routedToAsmAt: addDays(now, -2) }),
    deal(rheinland, opportunities[1], DealRegistrationStatus.APPROVED, 30, { approvedAt: addDays(now, -30), expiresAt: addDays(now, 60) }),
    deal(maple, opportunities[1], DealRegistrationStatus.DENIED, 29, {}),
    deal(sakura, opportunities[2], DealRegistrationStatus.APPROVED, 50, { approvedAt: addDays(now, -50), expiresAt: addDays(now, 40) }),
    deal(northwind, opportunities[3], DealRegistrationStatus.PENDING_ESM, 1, { routedToEsmAt: addDays(now, -1) }),
  ]);
  const reasons: Array<[string | null, DealRegistrationStatus, string[], string]> = [
    [null, DealRegistrationStatus.PENDING_ESM, ['R-DEAL-05'], 'Opportunity at stage 0–2: routed to the ESM'],
    [null, DealRegistrationStatus.APPROVED, ['R-DEAL-05'], 'Stage 3–6 with no sales activity for more than 180 days'],
    [null, DealRegistrationStatus.DENIED, ['R-DEAL-04'], 'Another registration for this opportunity was approved'],
    [null, DealRegistrationStatus.APPROVED, ['R-DEAL-05'], 'Approved by Ecosystem Ops'],
    [null, DealRegistrationStatus.PENDING_ESM, ['R-DEAL-05'], 'Renewal with sourced growth: routed to the ESM'],
  ];
  for (const [index, registration] of deals.entries()) {
    const [from, to, ruleIds, reason] = reasons[index];
    outbox.add('SYSTEM', registration.receivedAt, transition('DealRegistration', registration.id, registration.partnerId, from, to, ruleIds, reason));
  }
  outbox.add(
    'SYSTEM',
    addDays(now, -2),
    transition(
      'DealRegistration',
      deals[0].id,
      northwind.id,
      DealRegistrationStatus.PENDING_ESM,
      DealRegistrationStatus.PENDING_ASM,
      ['R-DEAL-06'],
      'ESM approved',
    ),
  );
}

async function seedLicensesAndDesignations(em: EntityManager, partners: Partner[], now: Date): Promise<void> {
  const [northwind, maple, rheinland] = partners;
  const license = (partner: Partner, product: NfrProduct, seats: number) =>
    em.create(NfrLicense, {
      partnerId: partner.id,
      product,
      seats,
      uses: [NfrUse.INTERNAL_TRAINING, NfrUse.PARTNER_DEMOS],
      status: NfrLicenseStatus.APPROVED,
      requestedAt: addDays(now, -40),
      approvedAt: addDays(now, -40),
      provisioningDueOn: addDays(now, -38).toISOString().slice(0, 10),
      startsOn: addDays(now, -38).toISOString().slice(0, 10),
      endsOn: addMonths(now, 11).toISOString().slice(0, 10),
    });
  await em.save([
    license(northwind, NfrProduct.ULTIMATE_SAAS, 20),
    license(northwind, NfrProduct.DUO, 5),
    license(northwind, NfrProduct.DUO_WITH_AMAZON_Q, 10),
    license(maple, NfrProduct.ULTIMATE_SELF_MANAGED, 8),
  ]);
  const grantedAt = addMonths(now, -5);
  await em.save([
    em.create(PspDesignation, {
      partnerId: rheinland.id,
      offerings: [PspServiceOffering.MIGRATION, PspServiceOffering.IMPLEMENTATION],
      grantedAt,
      reviewMonth: grantedAt.getUTCMonth() + 1,
      nextReviewDueOn: addMonths(grantedAt, 12).toISOString().slice(0, 10),
    }),
  ]);
  const [architect] = await em.find(Person, { where: { partnerId: northwind.id, jobTitle: 'Solutions Architect' }, take: 1 });
  if (architect) {
    await em.save(
      em.create(ChampionNomination, {
        partnerId: northwind.id,
        personId: architect.id,
        status: ChampionNominationStatus.NOMINATED,
        endorsedBy: 'VP Sales, Northwind DevOps',
        nominatedAt: addDays(now, -3),
      }),
    );
  }
}

function transition(
  entityType: string,
  entityId: string,
  partnerId: string | null,
  from: string | null,
  to: string,
  ruleIds: string[],
  reason: string,
): TransitionRecord {
  return { entityType, entityId, partnerId, from, to, ruleIds, reason, unmet: [], decidedBy: null };
}

/**
 * Development convenience: an ADMIN key for the embedded database, kept next to its data so it
 * survives restarts, or DEV_ADMIN_KEY when set. Never created against a configured database
 * unless DEV_ADMIN_KEY asks for it.
 */
export async function ensureDevAdminKey(dataSource: DataSource, config: AppConfig, embedded: boolean): Promise<string | null> {
  let key = config.DEV_ADMIN_KEY ?? null;
  const keyFile = join(config.EMBEDDED_DATA_DIR, '..', 'dev-admin-key');
  if (!key && embedded) {
    if (existsSync(keyFile)) key = readFileSync(keyFile, 'utf8').trim();
    else {
      key = generateApiKey();
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
    }
  }
  if (!key) return null;
  const exists = await dataSource.getRepository(ApiKey).exists({ where: { keyHash: hashApiKey(key) } });
  if (!exists) await createApiKey(dataSource, { name: 'Development admin', role: Role.ADMIN, key });
  return key;
}

function routeFor(opportunity: Opportunity): DealRoute {
  const stage = stageNumber(opportunity.stage);
  if (stage === null) return DealRoute.CLOSED;
  if (stage <= 2) return DealRoute.EARLY_STAGE;
  return opportunity.kind === OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH ? DealRoute.RENEWAL_WITH_SOURCED_GROWTH : DealRoute.LATE_STAGE;
}
