/**
 * Commit-to-delivery delay of approval events across instances (R-EVT-03): two server instances
 * on one fresh PostgreSQL database, a graphql-ws subscriber on A, 100 deal submissions through
 * B's API. Prints median, p90 and worst, and writes bench/results/event-latency.json.
 *
 *   npm run bench:events   (needs PostgreSQL on 127.0.0.1:5432 like the tests)
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { startApp } from '../src/app';
import { createApiKey } from '../src/auth/api-key.service';
import { Role } from '../src/auth/role.enum';
import { loadConfig } from '../src/config/config';
import { Customer } from '../src/crm/customer.entity';
import { Opportunity } from '../src/crm/opportunity.entity';
import { OpportunityKind, OpportunityStage } from '../src/crm/opportunity.enums';
import { Partner } from '../src/partners/partner.entity';
import { AgreementKind, PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from '../src/partners/partner.enums';
import { Certification } from '../src/people/certification.entity';
import { Person } from '../src/people/person.entity';
import { CertificationKind } from '../src/people/person.enums';
import { toGlobalId } from '../src/common/global-id';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 100);
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const name = `prm_bench_events_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const config = loadConfig(
    { ...process.env, NODE_ENV: 'production' },
    {
      DATABASE_URL: url.toString(),
      PORT: 0,
      LOG_LEVEL: 'warn',
      SEED_DEMO_DATA: false,
      RUN_TIMER_SCHEDULE: false,
    },
  );
  const a = await startApp({ config });
  const b = await startApp({ config });
  try {
    const ds = a.dataSource;
    const partner = await ds.getRepository(Partner).save({
      name: 'Bench partner',
      category: PartnerCategory.CHANNEL,
      track: PartnerTrack.OPEN,
      status: PartnerLifecycleStatus.ACTIVE,
      territory: Territory.EMEA,
      country: 'DE',
      agreementKind: AgreementKind.CHANNEL_PARTNER,
      agreementSignedAt: new Date('2025-01-01'),
    });
    const person = await ds.getRepository(Person).save({ partnerId: partner.id, firstName: 'B', lastName: 'P', email: 'b@p.example' });
    await ds.getRepository(Certification).save({ personId: person.id, kind: CertificationKind.FOUNDATIONS, earnedAt: new Date('2025-01-01') });
    const customer = await ds.getRepository(Customer).save({ name: 'C', crmAccountId: 'ACC-B', country: 'DE', territory: Territory.EMEA });
    const opportunities = await ds.getRepository(Opportunity).save(
      Array.from({ length: EVENTS }, (_, i) => ({
        externalId: `006-B-${i}`,
        customerId: customer.id,
        name: `O${i}`,
        stage: OpportunityStage.STAGE_1,
        kind: OpportunityKind.NEW_CUSTOMER,
      })),
    );
    const { key: opsKey } = await createApiKey(ds, { name: 'bench ops', role: Role.ECOSYSTEM_OPS });
    const { key: portalKey } = await createApiKey(ds, { name: 'bench portal', role: Role.PORTAL_SYNC });

    const deliveredAt = new Map<string, number>();
    let connected: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    const client = createClient({ url: a.graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${opsKey}` } });
    client.on('connected', () => {
      connected();
    });
    const unsubscribe = client.subscribe<{ approvalStatusChanged: { event: { subjectId: string } } }>(
      { query: 'subscription { approvalStatusChanged { event { subjectId } } }' },
      {
        next: ({ data }) => {
          if (data) deliveredAt.set(data.approvalStatusChanged.event.subjectId, performance.now());
        },
        error: (e) => {
          console.error(e);
        },
        complete: () => undefined,
      },
    );
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 300));

    const committedAt = new Map<string, number>();
    for (const opportunity of opportunities) {
      const response = await fetch(b.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${portalKey}` },
        body: JSON.stringify({
          query: 'mutation ($input: SubmitDealRegistrationInput!) { submitDealRegistration(input: $input) { dealRegistration { id } } }',
          variables: { input: { partnerId: toGlobalId('Partner', partner.id), programType: 'RESALE', opportunity: { externalId: opportunity.externalId } } },
        }),
      });
      const body = (await response.json()) as { data: { submitDealRegistration: { dealRegistration: { id: string } } } };
      // The response leaves after the commit: this bounds the commit time from above.
      committedAt.set(body.data.submitDealRegistration.dealRegistration.id, performance.now());
    }
    const deadline = Date.now() + 15_000;
    while (deliveredAt.size < EVENTS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    unsubscribe();
    await client.dispose();

    const delays = [...committedAt]
      .map(([id, at]) => Math.max(0, (deliveredAt.get(id) ?? Number.NaN) - at))
      .filter((d) => !Number.isNaN(d))
      .sort((x, y) => x - y);
    const result = {
      benchmark: 'event-latency',
      events: EVENTS,
      delivered: delays.length,
      medianMs: Number(percentile(delays, 50).toFixed(2)),
      p90Ms: Number(percentile(delays, 90).toFixed(2)),
      worstMs: Number(delays[delays.length - 1].toFixed(2)),
      note: 'delay from the mutation response on instance B (after commit) to delivery to a subscriber on instance A; LISTEN/NOTIFY wake-up, 1 s poll as fallback',
      machine: `${(await import('node:os')).cpus().length} cores, ${Math.round((await import('node:os')).totalmem() / 2 ** 30)} GiB`,
    };
    console.log(
      `event delivery across instances: ${result.delivered}/${EVENTS} delivered; median ${result.medianMs} ms, p90 ${result.p90Ms} ms, worst ${result.worstMs} ms`,
    );
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/event-latency.json', `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await a.stop();
    await b.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
