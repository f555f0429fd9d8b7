import { Role } from '../../src/auth/role.enum';
import { Partner } from '../../src/partners/partner.entity';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from '../../src/partners/partner.enums';
import { gid } from '../support/fixtures';
import { TestServer, startTestServer } from '../support/test-server';

interface PartnerPage {
  partners: {
    totalCount?: number;
    nodes: Array<{ id: string; version: number; updatedAt: string }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
  };
}

const PAGE = `query Page($first: Int, $after: String, $last: Int, $before: String, $filter: PartnerFilter, $orderBy: RecordOrder) {
  partners(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
    totalCount
    nodes { id version updatedAt }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

let server: TestServer;
let key: string;
let expectedOrder: string[];

beforeAll(async () => {
  server = await startTestServer();
  key = await server.key(Role.PORTAL_SYNC);
  const rows = Array.from({ length: 250 }, (_, i) => ({
    name: `Bulk partner ${String(i).padStart(3, '0')}`,
    category: PartnerCategory.CHANNEL,
    track: PartnerTrack.OPEN,
    status: PartnerLifecycleStatus.ACTIVE,
    territory: Territory.EMEA,
    country: 'FR',
  }));
  // Several inserts, so some rows share a creation time and the id must break ties.
  for (let i = 0; i < rows.length; i += 50) await server.app.dataSource.getRepository(Partner).insert(rows.slice(i, i + 50));
  const ordered: Array<{ id: string }> = await server.app.dataSource.query('SELECT id FROM partner ORDER BY created_at, id');
  expectedOrder = ordered.map((row) => gid('Partner', row.id));
});
afterAll(() => server.stop());

async function touch(globalIds: string[]): Promise<void> {
  // Keeps successive changes in distinct milliseconds, so their order is the order of the calls.
  await new Promise((resolve) => setTimeout(resolve, 3));
  const ids = globalIds.map((id) => Buffer.from(id, 'base64url').toString().split(':')[1]);
  await server.app.dataSource.createQueryBuilder().update(Partner).set({ website: 'https://changed.example.com' }).whereInIds(ids).execute();
}

async function page(variables: Record<string, unknown>): Promise<PartnerPage['partners']> {
  const response = await server.gql<PartnerPage>(key, PAGE, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.partners;
}

describe('cursor pagination', () => {
  it('pages through 250 partners with first: 100, each exactly once, in a stable order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result = await page({ first: 100, after });
      expect(result.totalCount).toBe(250);
      seen.push(...result.nodes.map((n) => n.id));
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(expectedOrder);
  });

  it('still returns each partner exactly once when rows are updated between pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let round = 0;
    do {
      const result = await page({ first: 100, after });
      seen.push(...result.nodes.map((n) => n.id));
      // Change one row already read and one not yet read before asking for the next page.
      round += 1;
      await touch([expectedOrder[round * 10], expectedOrder[Math.min(249, round * 100 + 5)]]);
      after = result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expectedOrder);
    expect(new Set(seen).size).toBe(250);
  });

  it('pages backwards with last/before to the same order', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const result = await page({ last: 100, before });
      seen.unshift(...result.nodes.map((n) => n.id));
      before = result.pageInfo.hasPreviousPage ? result.pageInfo.startCursor : null;
    } while (before);
    expect(seen).toEqual(expectedOrder);
  });

  it('updatedSince returns exactly the rows changed since, oldest change first, and a resumed sync sees later changes', async () => {
    const since = new Date(Date.now() - 1).toISOString();
    const changedFirst = [expectedOrder[3], expectedOrder[200], expectedOrder[120]];
    for (const id of changedFirst) await touch([id]);

    const first = await page({ first: 2, filter: { updatedSince: since } });
    expect(first.nodes.map((n) => n.id)).toEqual(changedFirst.slice(0, 2));
    // A row the sync already read changes again, and a new one changes, before the next page.
    await touch([changedFirst[0], expectedOrder[7]]);
    const rest = await page({ first: 100, after: first.pageInfo.endCursor, filter: { updatedSince: since } });
    expect(rest.nodes.map((n) => n.id)).toEqual([changedFirst[2], changedFirst[0], expectedOrder[7]]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    // Nothing is repeated at the same version: the only repeat is the newer version of a changed row.
    const versions = [...first.nodes, ...rest.nodes].map((n) => `${n.id}@${n.version}`);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('refuses page sizes over 100, first with last, and foreign cursors before running the query', async () => {
    const tooBig = await server.gql(key, PAGE, { first: 101 });
    expect(tooBig.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooBig.errors?.[0].message).toMatch(/between 0 and 100/);
    const both = await server.gql(key, PAGE, { first: 10, last: 10 });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const garbage = await server.gql(key, PAGE, { first: 10, after: 'bm90LWEtY3Vyc29y' });
    expect(garbage.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const createdCursor = (await page({ first: 1 })).pageInfo.endCursor;
    const wrongOrder = await server.gql(key, PAGE, { first: 1, after: createdCursor, orderBy: { field: 'UPDATED_AT' } });
    expect(wrongOrder.errors?.[0].message).toMatch(/not a cursor of this list in this order/);
  });
});
