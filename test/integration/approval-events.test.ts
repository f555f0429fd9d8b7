import { Role } from '../../src/auth/role.enum';
import { Customer } from '../../src/crm/customer.entity';
import { partnerLifecycle } from '../../src/partners/partner.machine';
import { inTestUnitOfWork } from '../support/unit-of-work';
import { StatusTransition } from '../../src/events/status-transition.entity';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { OpportunityKind, OpportunityStage } from '../../src/crm/opportunity.enums';
import { Partner } from '../../src/partners/partner.entity';
import { PartnerLifecycleStatus, Territory } from '../../src/partners/partner.enums';
import { CertificationKind } from '../../src/people/person.enums';
import { distributorNamed, gid, insertPartner, insertPerson } from '../support/fixtures';
import { TestSubscriber } from '../support/subscriber';
import { TestDatabase, TestServer, createTestDatabase, startTestServer } from '../support/test-server';

let database: TestDatabase;
let a: TestServer;
let b: TestServer;
let portalOnB: string;
let customer: Customer;
let seq = 0;
const subscribers: TestSubscriber[] = [];
/** An Ecosystem Ops actor for lifecycle changes written straight through a unit of work. */
const OPS = { keyId: 'test-ops', role: Role.ECOSYSTEM_OPS, partnerId: null, distributorId: null };

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestServer({ database });
  b = await startTestServer({ database });
  portalOnB = await b.key(Role.PORTAL_SYNC);
  customer = await a.app.dataSource.getRepository(Customer).save({ name: 'Events Inc', crmAccountId: 'ACC-EVT', country: 'DE', territory: Territory.EMEA });
});
afterEach(async () => {
  await Promise.all(subscribers.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await a.stop();
  await b.stop();
  await database.drop();
});

async function eligiblePartner(overrides: Partial<Partner> = {}): Promise<Partner> {
  const partner = await insertPartner(a.app.dataSource, overrides);
  await insertPerson(a.app.dataSource, partner, [{ kind: CertificationKind.FOUNDATIONS }]);
  return partner;
}

/** A real submission through instance B's API: routed to the ESM, one status event. */
async function submitOnB(partner: Partner): Promise<void> {
  seq += 1;
  const opportunity = await a.app.dataSource.getRepository(Opportunity).save({
    externalId: `006-EVT-${seq}`,
    customerId: customer.id,
    name: `Opp ${seq}`,
    stage: OpportunityStage.STAGE_1,
    kind: OpportunityKind.NEW_CUSTOMER,
  });
  const response = await b.gql<{ submitDealRegistration: { userErrors: unknown[] } }>(
    portalOnB,
    `mutation ($input: SubmitDealRegistrationInput!) { submitDealRegistration(input: $input) { userErrors { message } } }`,
    { input: { partnerId: gid('Partner', partner.id), programType: 'RESALE', opportunity: { externalId: opportunity.externalId } } },
  );
  expect(response.data?.submitDealRegistration.userErrors).toEqual([]);
}

/** A partner lifecycle change committed through the same outbox path the mutations use. */
async function changePartnerStatus(partner: Partner, to: PartnerLifecycleStatus): Promise<void> {
  await inTestUnitOfWork(
    b.app,
    async (uow) => {
      const stored = await uow.em.findOneByOrFail(Partner, { id: partner.id });
      await uow.changeStatus(partnerLifecycle, stored, to, { outcome: to, ruleIds: ['R-PTR-06'], reasons: ['test'] });
    },
    { actor: OPS },
  );
  partner.status = to;
}

async function subscribe(server: TestServer, key: string, variables: { filter?: Record<string, unknown>; after?: string } = {}): Promise<TestSubscriber> {
  const subscriber = new TestSubscriber(server.app.url, key);
  subscribers.push(subscriber);
  await subscriber.start(variables);
  return subscriber;
}

describe('approval status events', () => {
  it('R-EVT-03: a subscriber on instance A receives, in order and exactly once, the events of mutations sent to instance B', async () => {
    const partner = await eligiblePartner();
    const subscriber = await subscribe(a, await a.key(Role.ECOSYSTEM_OPS));
    for (let i = 0; i < 10; i += 1) await submitOnB(partner);
    const events = await subscriber.waitFor(10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscriber.events).toHaveLength(10);
    const sequences = events.map((e) => Number(e.sequence));
    expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
    expect(new Set(sequences).size).toBe(10);
    // R-EVT-01: gap-free, one per committed change.
    expect(sequences[9] - sequences[0]).toBe(9);
    expect(events.every((e) => e.entityType === 'DealRegistration' && e.toStatus === 'PENDING_ESM' && e.subjectTypename === 'DealRegistration')).toBe(true);
  });

  it('R-EVT-02: a partner-user subscriber hears only its own partner; a distributor only status changes of partners it serves', async () => {
    const mine = await eligiblePartner({ territory: Territory.EMEA });
    const other = await eligiblePartner({ territory: Territory.JAPAN, country: 'JP' });
    const partnerSubscriber = await subscribe(a, await a.key(Role.PARTNER_USER, { partnerId: mine.id }));
    const amazic = await distributorNamed(a.app.dataSource, 'Amazic');
    const distributorSubscriber = await subscribe(a, await a.key(Role.DISTRIBUTOR, { distributorId: amazic.id }));
    await submitOnB(other);
    await changePartnerStatus(other, PartnerLifecycleStatus.SUSPENDED); // Japan: not Amazic's
    await submitOnB(mine);
    await changePartnerStatus(mine, PartnerLifecycleStatus.SUSPENDED); // EMEA: Amazic's
    const heardByPartner = await partnerSubscriber.waitFor(2);
    const heardByDistributor = await distributorSubscriber.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heardByPartner.map((e) => [e.entityType, e.toStatus])).toEqual([
      ['DealRegistration', 'PENDING_ESM'],
      ['Partner', 'SUSPENDED'],
    ]);
    expect(partnerSubscriber.events).toHaveLength(2);
    expect(heardByDistributor.map((e) => [e.entityType, e.toStatus, e.subjectTypename])).toEqual([['Partner', 'SUSPENDED', null]]);
    expect(distributorSubscriber.events).toHaveLength(1);
  });

  it('R-EVT-01: a subscriber that reconnects with its last sequence gets each missed event once, then live ones', async () => {
    const partner = await eligiblePartner();
    const key = await a.key(Role.ECOSYSTEM_OPS);
    const filter = { entityTypes: ['DealRegistration'], partnerId: gid('Partner', partner.id) };
    const first = await subscribe(a, key, { filter });
    await submitOnB(partner);
    const [seen] = await first.waitFor(1);
    await first.stop();
    for (let i = 0; i < 3; i += 1) await submitOnB(partner); // missed while away
    const again = await subscribe(a, key, { filter, after: seen.sequence });
    await again.waitFor(3);
    await submitOnB(partner); // live
    const all = await again.waitFor(4);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.events).toHaveLength(4);
    const sequences = all.map((e) => Number(e.sequence));
    expect(sequences[0]).toBeGreaterThan(Number(seen.sequence));
    expect(new Set(sequences).size).toBe(4);
    expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
  });

  it('R-EVT-01: a change that rolls back after writing publishes nothing and leaves no gap in the sequence', async () => {
    const partner = await eligiblePartner();
    const subscriber = await subscribe(a, await a.key(Role.ECOSYSTEM_OPS), { filter: { partnerId: gid('Partner', partner.id) } });
    await submitOnB(partner);
    const [before] = await subscriber.waitFor(1);
    await expect(
      inTestUnitOfWork(
        b.app,
        async (uow) => {
          const stored = await uow.em.findOneByOrFail(Partner, { id: partner.id });
          await uow.changeStatus(partnerLifecycle, stored, PartnerLifecycleStatus.TERMINATED, {
            outcome: 'TERMINATED',
            ruleIds: ['R-PTR-06'],
            reasons: ['rolled back'],
          });
          await uow.flush();
          throw new Error('forced rollback after writing');
        },
        { actor: OPS },
      ),
    ).rejects.toThrow('forced rollback');
    await submitOnB(partner);
    const events = await subscriber.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(subscriber.events.map((e) => e.toStatus)).toEqual(['PENDING_ESM', 'PENDING_ESM']);
    expect(Number(events[1].sequence)).toBe(Number(before.sequence) + 1);
    expect(await a.app.dataSource.getRepository(StatusTransition).countBy({ reason: 'rolled back' })).toBe(0);
  });

  it('R-EVT-02: approvalEvents lets a client poll after a sequence, with the same scope', async () => {
    const mine = await eligiblePartner();
    const other = await eligiblePartner();
    const start = (await a.app.dataSource.query(`SELECT last_value FROM event_sequence`))[0].last_value as string;
    await submitOnB(mine);
    await submitOnB(other);
    const partnerKey = await a.key(Role.PARTNER_USER, { partnerId: mine.id });
    const QUERY = `query ($after: String) { approvalEvents(after: $after, first: 10) { sequence entityType toStatus } }`;
    const own = await a.gql<{ approvalEvents: Array<{ sequence: string }> }>(partnerKey, QUERY, { after: start });
    expect(own.data?.approvalEvents).toHaveLength(1);
    const ops = await a.gql<{ approvalEvents: Array<{ sequence: string }> }>(await a.key(Role.ECOSYSTEM_OPS), QUERY, { after: start });
    expect(ops.data?.approvalEvents.map((e) => Number(e.sequence))).toEqual([Number(start) + 1, Number(start) + 2]);
  });

  it('R-EVT-01: a resume point ahead of the last committed event is refused rather than silently skipping events', async () => {
    const key = await a.key(Role.ECOSYSTEM_OPS);
    const ahead = await a.gql(key, 'query { approvalEvents(after: "999999999") { sequence } }');
    expect(ahead.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const garbage = await a.gql(key, 'query { approvalEvents(after: "12a") { sequence } }');
    expect(garbage.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a subscription without a valid key', async () => {
    const subscriber = new TestSubscriber(a.app.url, 'prm_not-a-real-key-at-all');
    subscribers.push(subscriber);
    const started = subscriber.start().then(() => 'connected');
    const outcome = await Promise.race([started, new Promise((resolve) => setTimeout(() => resolve('refused'), 1500))]);
    expect(outcome).toBe('refused');
    expect(subscriber.events).toHaveLength(0);
  });
});
