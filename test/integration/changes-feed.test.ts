import { Role } from '../../src/auth/role.enum';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { Certification } from '../../src/people/certification.entity';
import { CertificationKind } from '../../src/people/person.enums';
import { gid, insertPartner, insertPerson } from '../support/fixtures';
import { TestServer, startTestServer } from '../support/test-server';

let server: TestServer;
let crm: string;
let portal: string;

beforeAll(async () => {
  server = await startTestServer();
  crm = await server.key(Role.CRM_SYNC);
  portal = await server.key(Role.PORTAL_SYNC);
});
afterAll(() => server.stop());

const FEED = `query ($after: String, $first: Int!, $types: [String!]) { changes(after: $after, first: $first, entityTypes: $types) {
  changes { cursor entityType entityId operation node { id } } endCursor hasMore } }`;

interface Feed {
  changes: Array<{ cursor: string; entityType: string; entityId: string; operation: string; node: { id: string } | null }>;
  endCursor: string | null;
  hasMore: boolean;
}

async function page(key: string, after: string | null, first: number, types?: string[]): Promise<Feed> {
  const response = await server.gql<{ changes: Feed }>(key, FEED, { after, first, types });
  expect(response.errors).toBeUndefined();
  return response.data!.changes;
}

function upsert(externalId: string, stage: string) {
  return server.gql(crm, `mutation ($input: UpsertOpportunityInput!) { upsertOpportunity(input: $input) { change } }`, {
    input: {
      externalId,
      name: externalId,
      stage,
      kind: 'NEW_CUSTOMER',
      customer: { crmAccountId: 'ACC-FEED', name: 'Feed', country: 'DE', territory: 'EMEA' },
    },
  });
}

/** Reads the feed to its end; `stopAfter` pages simulates a crash: only the saved cursor survives. */
async function sync(
  start: string | null,
  stopAfter = Infinity,
  types: string[] | undefined = ['Opportunity'],
): Promise<{ cursors: string[]; cursor: string | null }> {
  const cursors: string[] = [];
  let cursor = start;
  for (let pages = 0; pages < stopAfter; pages += 1) {
    const result = await page(crm, cursor, 7, types);
    cursors.push(...result.changes.map((c) => c.cursor));
    cursor = result.endCursor;
    if (!result.hasMore) break;
  }
  return { cursors, cursor };
}

describe('changes feed', () => {
  it('a sync interrupted at a random page and resumed from its cursor sees exactly what an uninterrupted one sees, under concurrent writes', async () => {
    for (let i = 0; i < 30; i += 1) await upsert(`006-F-${i}`, 'STAGE_1');
    const writes = (async () => {
      for (let i = 0; i < 60; i += 1) await upsert(`006-F-${i % 45}`, i % 2 === 0 ? 'STAGE_3' : 'STAGE_4');
    })();
    // Both passes read while the writer runs; B "crashes" after a random page and resumes from its saved cursor.
    const interruptAt = 1 + Math.floor(Math.random() * 5);
    const [a, bFirstHalf] = await Promise.all([sync(null), sync(null, interruptAt)]);
    const bResumed = await sync(bFirstHalf.cursor);
    await writes;
    // Catch both up once the writer has stopped.
    const aRest = await sync(a.cursor);
    const bRest = await sync(bResumed.cursor);
    const passA = [...a.cursors, ...aRest.cursors];
    const passB = [...bFirstHalf.cursors, ...bResumed.cursors, ...bRest.cursors];
    expect(passB).toEqual(passA);
    expect(new Set(passA).size).toBe(passA.length);
    // Every change that committed is in the feed: 30 creates, 15 more creates and 45 updates.
    expect(passA).toHaveLength(30 + 60);
    expect(await server.app.dataSource.getRepository(Opportunity).count()).toBe(45);
  });

  it('a deletion is a tombstone, and a partner user sees only its own partner’s changes', async () => {
    const mine = await insertPartner(server.app.dataSource);
    const other = await insertPartner(server.app.dataSource);
    const person = await insertPerson(server.app.dataSource, mine, [{ kind: CertificationKind.SALES_ACCREDITED }]);
    await insertPerson(server.app.dataSource, other, [{ kind: CertificationKind.SALES_ACCREDITED }]);
    const partnerKey = await server.key(Role.PARTNER_USER, { partnerId: mine.id });
    const certification = await server.app.dataSource.getRepository(Certification).findOneByOrFail({ personId: person.id });
    await server.app.dataSource.getRepository(Certification).delete(certification.id);
    // The feed withholds changes while any older transaction is still running (anywhere in the
    // cluster), so it may lag for a moment; it never skips. Poll until the deletion shows.
    let history: Feed['changes'] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      history = [];
      let cursor: string | null = null;
      for (;;) {
        const result = await page(portal, cursor, 100, ['Certification']);
        history.push(...result.changes);
        cursor = result.endCursor;
        if (!result.hasMore) break;
      }
      if (history.some((c) => c.operation === 'DELETED')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ofThisOne = history.filter((c) => c.entityId === gid('Certification', certification.id));
    expect(ofThisOne.map((c) => c.operation)).toEqual(['CREATED', 'DELETED']);
    expect(ofThisOne[1].node).toBeNull();
    const own = await page(partnerKey, null, 100);
    expect(own.changes.length).toBeGreaterThan(0);
    expect(own.changes.every((c) => c.entityId !== gid('Partner', other.id))).toBe(true);
    expect(own.changes.map((c) => c.entityId)).toEqual(expect.arrayContaining([gid('Partner', mine.id), gid('Person', person.id)]));
    const distributor = await server.gql(
      await server.key(Role.DISTRIBUTOR, { distributorId: (await server.app.dataSource.query(`SELECT id FROM distributor LIMIT 1`))[0].id }),
      FEED,
      { first: 5 },
    );
    expect(distributor.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
