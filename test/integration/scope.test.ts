import { Role } from '../../src/auth/role.enum';
import { PartnerTrack, Territory } from '../../src/partners/partner.enums';
import { CertificationKind } from '../../src/people/person.enums';
import { distributorNamed, gid, insertPartner, insertPerson, linkDistributor } from '../support/fixtures';
import { TestServer, startTestServer } from '../support/test-server';
import { Partner } from '../../src/partners/partner.entity';

let server: TestServer;
let alpha: Partner;
let beta: Partner;
let latam: Partner;
let alphaKey: string;

beforeAll(async () => {
  server = await startTestServer();
  const ds = server.app.dataSource;
  alpha = await insertPartner(ds, { name: 'Alpha EMEA', territory: Territory.EMEA, country: 'DE' });
  beta = await insertPartner(ds, { name: 'Beta EMEA', territory: Territory.EMEA, country: 'FR', track: PartnerTrack.SELECT });
  await insertPartner(ds, { name: 'Gamma Japan', territory: Territory.JAPAN, country: 'JP' });
  latam = await insertPartner(ds, { name: 'Delta LATAM', territory: Territory.LATAM, country: 'BR' });
  await insertPerson(ds, alpha, [{ kind: CertificationKind.SALES_ACCREDITED }]);
  await insertPerson(ds, beta, [{ kind: CertificationKind.SOLUTIONS_ARCHITECT }]);
  // A LATAM partner that buys through the EMEA distributor: visible to it (R-DIST-03).
  await linkDistributor(ds, latam, await distributorNamed(ds, 'Amazic'));
  alphaKey = await server.key(Role.PARTNER_USER, { partnerId: alpha.id });
});
afterAll(() => server.stop());

describe('partner scope', () => {
  it('a partner key lists only its own partner and its own people', async () => {
    const response = await server.gql<{ partners: { nodes: Array<{ name: string }> }; people: { totalCount: number } }>(
      alphaKey,
      '{ partners { nodes { name } } people { totalCount } }',
    );
    expect(response.data?.partners.nodes).toEqual([{ name: 'Alpha EMEA' }]);
    expect(response.data?.people.totalCount).toBe(1);
  });

  it('a partner key cannot read another partner by id, nor its people by filter', async () => {
    const byNode = await server.gql<{ node: unknown }>(alphaKey, 'query ($id: ID!) { node(id: $id) { id } }', { id: gid('Partner', beta.id) });
    expect(byNode.data?.node).toBeNull();
    const own = await server.gql<{ node: { id: string } }>(alphaKey, 'query ($id: ID!) { node(id: $id) { id } }', { id: gid('Partner', alpha.id) });
    expect(own.data?.node.id).toBe(gid('Partner', alpha.id));
    const people = await server.gql<{ people: { totalCount: number } }>(
      alphaKey,
      'query ($ids: [ID!]) { people(filter: { partnerIds: $ids }) { totalCount } }',
      {
        ids: [gid('Partner', beta.id)],
      },
    );
    expect(people.data?.people.totalCount).toBe(0);
  });
});

describe('distributor scope (R-DIST-03)', () => {
  const STATUS = `{ partnerStatuses(first: 50) { nodes { name track lifecycleStatus inGoodStanding complianceSummary { compliant unmetCodes } pspDesignation } } }`;

  it('a distributor sees the status of partners in its territories or buying through it, and no one else', async () => {
    const amazic = await distributorNamed(server.app.dataSource, 'Amazic');
    const key = await server.key(Role.DISTRIBUTOR, { distributorId: amazic.id });
    const response = await server.gql<{ partnerStatuses: { nodes: Array<{ name: string; complianceSummary: { compliant: boolean } }> } }>(key, STATUS);
    expect(response.errors).toBeUndefined();
    expect(response.data?.partnerStatuses.nodes.map((n) => n.name).sort()).toEqual(['Alpha EMEA', 'Beta EMEA', 'Delta LATAM']);
    expect(response.data?.partnerStatuses.nodes[0].complianceSummary.compliant).toBe(false);
  });

  it('a distributor of another territory sees only that territory', async () => {
    const networld = await distributorNamed(server.app.dataSource, 'Networld');
    const key = await server.key(Role.DISTRIBUTOR, { distributorId: networld.id });
    const response = await server.gql<{ partnerStatuses: { nodes: Array<{ name: string }> } }>(key, STATUS);
    expect(response.data?.partnerStatuses.nodes.map((n) => n.name)).toEqual(['Gamma Japan']);
  });

  it('a distributor reads nothing of deals, people or full partner records', async () => {
    const amazic = await distributorNamed(server.app.dataSource, 'Amazic');
    const key = await server.key(Role.DISTRIBUTOR, { distributorId: amazic.id });
    for (const query of [
      '{ partners { nodes { name } } }',
      '{ people { totalCount } }',
      '{ dealRegistrations { totalCount } }',
      '{ nfrLicenses { totalCount } }',
    ]) {
      const response = await server.gql(key, query);
      expect(response.data).toBeNull();
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const node = await server.gql<{ node: unknown }>(key, 'query ($id: ID!) { node(id: $id) { id } }', { id: gid('Partner', alpha.id) });
    expect(node.data?.node).toBeNull();
  });

  it('a partner status exposes no field beyond status (schema check)', async () => {
    const key = await server.key(Role.ADMIN);
    const response = await server.gql<{ __type: { fields: Array<{ name: string }> } }>(key, '{ __type(name: "PartnerStatus") { fields { name } } }');
    expect(response.data?.__type.fields.map((f) => f.name).sort()).toEqual(
      ['category', 'complianceSummary', 'country', 'id', 'inGoodStanding', 'lifecycleStatus', 'name', 'pspDesignation', 'territory', 'track'].sort(),
    );
  });
});

describe('certifications sync list', () => {
  it('a partner key lists only its own people’s certifications', async () => {
    const response = await server.gql<{ certifications: { nodes: Array<{ kind: string }> } }>(alphaKey, '{ certifications { nodes { kind } } }');
    expect(response.data?.certifications.nodes).toEqual([{ kind: 'SALES_ACCREDITED' }]);
    const admin = await server.key(Role.ADMIN);
    const all = await server.gql<{ certifications: { totalCount: number } }>(admin, '{ certifications { totalCount } }');
    expect(all.data?.certifications.totalCount).toBe(2);
  });
});
