import { Role } from '../../src/auth/role.enum';
import { Customer } from '../../src/crm/customer.entity';
import { DealRegistration } from '../../src/deals/deal-registration.entity';
import { DealProgramType, DealRegistrationStatus, DealRoute } from '../../src/deals/deal.enums';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { OpportunityKind, OpportunityStage } from '../../src/crm/opportunity.enums';
import { Territory } from '../../src/partners/partner.enums';
import { CertificationKind } from '../../src/people/person.enums';
import { NfrProduct } from '../../src/nfr/nfr.enums';
import { insertLicense, insertPartner, insertPerson } from '../support/fixtures';
import { TestServer, startTestServer } from '../support/test-server';

let server: TestServer;
let key: string;

beforeAll(async () => {
  server = await startTestServer();
  key = await server.key(Role.ADMIN);
  const ds = server.app.dataSource;
  const customer = await ds.getRepository(Customer).save({ name: 'Customer', crmAccountId: 'ACC-1', country: 'DE', territory: Territory.EMEA });
  for (let i = 0; i < 120; i += 1) {
    const partner = await insertPartner(ds);
    await insertPerson(ds, partner, [{ kind: CertificationKind.SALES_ACCREDITED }, { kind: CertificationKind.FOUNDATIONS }]);
    await insertPerson(ds, partner, [{ kind: CertificationKind.SOLUTIONS_ARCHITECT }]);
    await insertLicense(ds, partner, NfrProduct.ULTIMATE_SAAS, 2);
    const opportunity = await ds.getRepository(Opportunity).save({
      externalId: `OPP-${i}`,
      customerId: customer.id,
      name: `Opp ${i}`,
      stage: OpportunityStage.STAGE_1,
      kind: OpportunityKind.NEW_CUSTOMER,
    });
    await ds.getRepository(DealRegistration).save({
      partnerId: partner.id,
      opportunityId: opportunity.id,
      programType: DealProgramType.RESALE,
      status: DealRegistrationStatus.PENDING_ESM,
      receivedAt: new Date(),
      stageAtSubmission: OpportunityStage.STAGE_1,
      route: DealRoute.EARLY_STAGE,
    });
  }
});
afterAll(() => server.stop());

const PARTNERS_DEEP = `query ($first: Int!) {
  partners(first: $first) {
    totalCount
    nodes {
      name
      inGoodStanding
      trackCompliance { compliant unmet { code required actual } }
      nfrAllocation { product cap used remaining }
      purchasingRoutes { mayBuyDirect distributors { name } }
      people(first: 10) { totalCount nodes { email certifications { kind current } } }
    }
  }
}`;

const DEALS_DEEP = `query ($first: Int!) {
  dealRegistrations(first: $first) {
    nodes {
      status
      partner { name people(first: 5) { nodes { email } } }
      opportunity { externalId stage customer { name } }
      history(first: 5) { nodes { toStatus } }
    }
  }
}`;

async function statementsFor(query: string, first: number): Promise<{ statements: number; rows: number }> {
  const response = await server.gql<Record<string, { nodes: unknown[] }>>(key, query, { first });
  expect(response.errors).toBeUndefined();
  const rows = Object.values(response.data!)[0].nodes.length;
  return { statements: response.extensions!.sqlStatements!, rows };
}

describe('no N+1: statements per list query do not grow with the page size', () => {
  it('partners → people → certifications, with computed compliance, NFR and routes', async () => {
    const small = await statementsFor(PARTNERS_DEEP, 10);
    const large = await statementsFor(PARTNERS_DEEP, 100);
    expect(small.rows).toBe(10);
    expect(large.rows).toBe(100);
    expect(large.statements).toBe(small.statements);
    // partners, count, certifications, licenses, distributors, people page, people count, certifications of people, holders
    expect(large.statements).toBeLessThanOrEqual(10);
    console.log(`partners deep query: ${small.statements} statements for 10 rows, ${large.statements} for 100`);
  });

  it('deal registrations → partner (→ people) and → opportunity → customer, with history', async () => {
    const small = await statementsFor(DEALS_DEEP, 10);
    const large = await statementsFor(DEALS_DEEP, 100);
    expect(large.rows).toBe(100);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(7);
    console.log(`deals deep query: ${small.statements} statements for 10 rows, ${large.statements} for 100`);
  });
});
