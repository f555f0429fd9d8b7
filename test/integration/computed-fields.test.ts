import { Role } from '../../src/auth/role.enum';
import { FixedClock } from '../../src/config/clock';
import { NfrLicenseStatus, NfrProduct } from '../../src/nfr/nfr.enums';
import { Partner } from '../../src/partners/partner.entity';
import { PartnerLifecycleStatus, PartnerTrack, Territory } from '../../src/partners/partner.enums';
import { CertificationKind } from '../../src/people/person.enums';
import { gid, insertLicense, insertPartner, insertPerson } from '../support/fixtures';
import { TestServer, startTestServer } from '../support/test-server';

const clock = new FixedClock(new Date('2026-06-15T12:00:00Z'));
let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startTestServer({ clock });
  key = await server.key(Role.ECOSYSTEM_OPS);
});
afterAll(() => server.stop());

const PARTNER = `query ($id: ID!) { node(id: $id) { ... on Partner {
  inGoodStanding
  trackCompliance { track compliant ruleIds unmet { ruleId code required actual } }
  nfrAllocation { product cap used remaining }
  purchasingRoutes { mayBuyDirect distributors { name } ruleIds }
} } }`;

interface PartnerView {
  inGoodStanding: boolean;
  trackCompliance: { track: string; compliant: boolean; ruleIds: string[]; unmet: Array<{ ruleId: string; code: string; required: number; actual: number }> };
  nfrAllocation: Array<{ product: string; cap: number; used: number; remaining: number }>;
  purchasingRoutes: { mayBuyDirect: boolean; distributors: Array<{ name: string }>; ruleIds: string[] };
}

async function view(partner: Partner): Promise<PartnerView> {
  const response = await server.gql<{ node: PartnerView }>(key, PARTNER, { id: gid('Partner', partner.id) });
  expect(response.errors).toBeUndefined();
  return response.data!.node;
}

describe('Partner.trackCompliance (R-PTR-03/04/05)', () => {
  it('R-PTR-03: an Open partner short of one sales-accredited person, whose other one expired or left, is told exactly what is missing', async () => {
    const ds = server.app.dataSource;
    const partner = await insertPartner(ds, { track: PartnerTrack.OPEN });
    await insertPerson(ds, partner, [{ kind: CertificationKind.SALES_ACCREDITED }]);
    // Expired the day before "now": does not count (R-PTR-05).
    await insertPerson(ds, partner, [{ kind: CertificationKind.SALES_ACCREDITED, expiresAt: new Date('2026-06-14T00:00:00Z') }]);
    // Left the partner: does not count (R-PTR-05).
    await insertPerson(ds, partner, [{ kind: CertificationKind.SOLUTIONS_ARCHITECT }], { employmentEndedAt: new Date('2026-05-01T00:00:00Z') });
    const result = await view(partner);
    expect(result.trackCompliance).toEqual({
      track: 'OPEN',
      compliant: false,
      ruleIds: ['R-PTR-03', 'R-PTR-05'],
      unmet: [
        { ruleId: 'R-PTR-03', code: 'SALES_ACCREDITED_COUNT', required: 2, actual: 1 },
        { ruleId: 'R-PTR-03', code: 'SOLUTIONS_ARCHITECT_COUNT', required: 1, actual: 0 },
      ],
    });
    expect(result.inGoodStanding).toBe(false);
  });

  it('R-PTR-04: a Select partner meeting every count but with USD 250,000 committed and no JBP lacks exactly those two', async () => {
    const ds = server.app.dataSource;
    const partner = await insertPartner(ds, { track: PartnerTrack.SELECT, committedRevenueAmount: '250000.00' });
    for (let i = 0; i < 4; i += 1) await insertPerson(ds, partner, [{ kind: CertificationKind.SALES_ACCREDITED }]);
    await insertPerson(ds, partner, [{ kind: CertificationKind.SOLUTIONS_ARCHITECT }, { kind: CertificationKind.PARTNER_TECHNICAL_ENGINEER }]);
    await insertPerson(ds, partner, [{ kind: CertificationKind.SOLUTIONS_ARCHITECT }]);
    const result = await view(partner);
    expect(result.trackCompliance.unmet).toEqual([
      { ruleId: 'R-PTR-04', code: 'JOINT_BUSINESS_PLAN_MISSING', required: 1, actual: 0 },
      { ruleId: 'R-PTR-04', code: 'COMMITTED_REVENUE_TOO_LOW', required: 300000, actual: 250000 },
    ]);
    await ds.getRepository(Partner).update(partner.id, { jointBusinessPlanSponsor: 'CEO', committedRevenueAmount: '300000.00' });
    const fixed = await view(partner);
    expect(fixed.trackCompliance.compliant).toBe(true);
    expect(fixed.inGoodStanding).toBe(true);
  });

  it('R-PTR-06: a compliant but suspended partner is not in good standing', async () => {
    const ds = server.app.dataSource;
    const partner = await insertPartner(ds, { status: PartnerLifecycleStatus.SUSPENDED });
    await insertPerson(ds, partner, [{ kind: CertificationKind.SALES_ACCREDITED }]);
    await insertPerson(ds, partner, [{ kind: CertificationKind.SALES_ACCREDITED }, { kind: CertificationKind.SOLUTIONS_ARCHITECT }]);
    const result = await view(partner);
    expect(result.trackCompliance.compliant).toBe(true);
    expect(result.inGoodStanding).toBe(false);
  });
});

describe('Partner.nfrAllocation (R-NFR-02)', () => {
  it('R-NFR-02: sums active licenses per product against the Select caps, ignoring expired, revoked and pending ones', async () => {
    const ds = server.app.dataSource;
    const partner = await insertPartner(ds, { track: PartnerTrack.SELECT, awsDevOpsCompetency: true });
    await insertLicense(ds, partner, NfrProduct.ULTIMATE_SAAS, 10);
    await insertLicense(ds, partner, NfrProduct.ULTIMATE_SAAS, 7);
    await insertLicense(ds, partner, NfrProduct.ULTIMATE_SAAS, 5, { endsOn: '2026-06-14' }); // R-NFR-07: expired yesterday
    await insertLicense(ds, partner, NfrProduct.ULTIMATE_SAAS, 3, { endsOn: '2026-06-15' }); // still valid today
    await insertLicense(ds, partner, NfrProduct.DUO, 4);
    await insertLicense(ds, partner, NfrProduct.DUO, 2, { status: NfrLicenseStatus.REVOKED });
    await insertLicense(ds, partner, NfrProduct.ULTIMATE_SELF_MANAGED, 9, { status: NfrLicenseStatus.PENDING_APPROVAL });
    await insertLicense(ds, partner, NfrProduct.DUO_WITH_AMAZON_Q, 25);
    expect((await view(partner)).nfrAllocation).toEqual([
      { product: 'ULTIMATE_SELF_MANAGED', cap: 25, used: 0, remaining: 25 },
      { product: 'ULTIMATE_SAAS', cap: 25, used: 20, remaining: 5 },
      { product: 'DUO', cap: 5, used: 4, remaining: 1 },
      { product: 'DUO_WITH_AMAZON_Q', cap: 25, used: 25, remaining: 0 },
    ]);
  });

  it('R-NFR-02: an Open partner without AWS competency has 10/10/0/0, and an audit-lowered cap never shows negative remaining', async () => {
    const ds = server.app.dataSource;
    const partner = await insertPartner(ds, { track: PartnerTrack.OPEN });
    await insertLicense(ds, partner, NfrProduct.ULTIMATE_SELF_MANAGED, 12);
    expect((await view(partner)).nfrAllocation).toEqual([
      { product: 'ULTIMATE_SELF_MANAGED', cap: 10, used: 12, remaining: 0 },
      { product: 'ULTIMATE_SAAS', cap: 10, used: 0, remaining: 10 },
      { product: 'DUO', cap: 0, used: 0, remaining: 0 },
      { product: 'DUO_WITH_AMAZON_Q', cap: 0, used: 0, remaining: 0 },
    ]);
  });
});

describe('Partner.purchasingRoutes (R-DIST-01/02)', () => {
  it('R-DIST-02: an Open partner in EMEA must buy through Amazic or a marketplace; in LATAM, with no distributor, it may buy directly', async () => {
    const ds = server.app.dataSource;
    const emea = await view(await insertPartner(ds, { track: PartnerTrack.OPEN, territory: Territory.EMEA }));
    expect(emea.purchasingRoutes.mayBuyDirect).toBe(false);
    expect(emea.purchasingRoutes.distributors.map((d) => d.name)).toEqual(['Amazic', 'AWS Marketplace (CPPO)', 'Google Cloud Marketplace (MCPO)']);
    const latam = await view(await insertPartner(ds, { track: PartnerTrack.OPEN, territory: Territory.LATAM, country: 'MX' }));
    expect(latam.purchasingRoutes.mayBuyDirect).toBe(true);
    const select = await view(await insertPartner(ds, { track: PartnerTrack.SELECT, territory: Territory.JAPAN, country: 'JP' }));
    expect(select.purchasingRoutes.mayBuyDirect).toBe(true);
    expect(select.purchasingRoutes.distributors.map((d) => d.name)).toEqual([
      'Networld',
      'SB C&S',
      'AWS Marketplace (CPPO)',
      'Google Cloud Marketplace (MCPO)',
    ]);
  });

  it('R-DIST-01: the program distributors and marketplaces are there from the first start', async () => {
    const response = await server.gql<{ distributors: Array<{ name: string; kind: string; territories: string[]; alternative: boolean }> }>(
      key,
      '{ distributors { name kind territories alternative } }',
    );
    const byName = new Map(response.data!.distributors.map((d) => [d.name, d]));
    expect(byName.size).toBe(10);
    expect(byName.get('Climb CS')).toMatchObject({ kind: 'DISTRIBUTOR', territories: ['NORTH_AMERICA'] });
    expect(byName.get('Redington')).toMatchObject({ territories: ['INDIA'], alternative: true });
    expect(byName.get('Carahsoft')).toMatchObject({ territories: ['US_PUBSEC'] });
    expect(byName.get('AWS Marketplace (CPPO)')).toMatchObject({ kind: 'MARKETPLACE' });
  });
});
