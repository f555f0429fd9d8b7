/**
 * The benchmark's raw-SQL floor (bench/workloads/floor-server.ts) gives the API's answers on a small
 * generated programme, checked by the same comparisons `npm run bench` makes before it measures. A
 * change of the API's answers (or of the schema) that the floor does not follow fails here, long
 * before anyone runs the benchmark. Nothing is timed.
 */
import { Client } from 'pg';
import { createBenchKeys, generateProgramme, programmeSize } from '../../bench/workloads/data';
import { FloorServer, startFloorServer } from '../../bench/workloads/floor-server';
import { JsonClient } from '../../bench/workloads/http-client';
import { Target } from '../../bench/workloads/rounds';
import { createWorkloads } from '../../bench/workloads/workloads';
import { TestDatabase, TestServer, createTestDatabase, startTestServer } from '../support/test-server';

let database: TestDatabase;
let server: TestServer;
let floor: FloorServer;
let db: Client;
let targets: Target[];
let workloads: ReturnType<typeof createWorkloads>;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database });
  db = new Client({ connectionString: database.url });
  await db.connect();
  const size = programmeSize(120);
  await generateProgramme(db, size);
  const keys = await createBenchKeys(db);
  floor = await startFloorServer({ databaseUrl: database.url, port: 0, poolSize: 2 });
  const clientsFor = (base: URL) => Object.fromEntries(Object.values(keys).map((key) => [key, new JsonClient(base, key, 1)]));
  targets = [new Target('API', clientsFor(new URL(server.app.url))), new Target('floor', clientsFor(floor.url))];
  workloads = createWorkloads({ keys, programme: size, crmBatchSize: 30, db });
});

afterAll(async () => {
  for (const target of targets) target.close();
  await floor.close();
  await db.end();
  await server.stop();
  await database.drop();
});

test.each(['portal', 'distributor', 'crm'] as const)('the floor answers the %s workload as the API does', async (key) => {
  const [api, floorTarget] = targets;
  await workloads[key].prepare(api);
  await expect(workloads[key].verify(api, floorTarget, [10, 50, 100])).resolves.toMatch(/equal|same/);
});
