import PgBoss from 'pg-boss';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Clock } from '../config/clock';
import type { Logger } from '../config/logger';
import type { EventDispatcher } from '../events/event-dispatcher';
import type { Registry } from '../common/registry';
import { inUnitOfWork, UnitOfWorkServices } from '../db/unit-of-work';

export const SWEEP_QUEUE = 'program-timers';
const BATCH = 200;

export interface TimerRunReport {
  timer: string;
  ruleIds: string[];
  due: number;
  acted: number;
  failed: number;
}

export interface JobRunnerOptions {
  /** Add the per-minute schedule (off in tests, which trigger sweeps themselves). */
  schedule: boolean;
}

/**
 * Runs the program timers through pg-boss, a PostgreSQL-backed job engine: a distributed cron
 * sends one sweep job a minute whichever instances are up, the singleton queue keeps sweeps from
 * overlapping, failures are retried with backoff and stay visible, and `stop` waits for the
 * sweep in flight. pg-boss talks through the server's own pool, so it also runs on embedded PGlite.
 */
export class JobRunner {
  private boss: PgBoss | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly events: EventDispatcher,
    private readonly registry: Registry,
    private readonly options: JobRunnerOptions,
  ) {}

  private get services(): UnitOfWorkServices {
    return { dataSource: this.dataSource, logger: this.logger, hooks: this.registry.hooks, rules: this.registry.rules };
  }

  async start(): Promise<void> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
      schema: 'pgboss',
      schedule: this.options.schedule,
      supervise: true,
      migrate: true,
    });
    boss.on('error', (error) => this.logger.error({ err: error }, 'job engine error'));
    await boss.start();
    await boss.createQueue(SWEEP_QUEUE, { name: SWEEP_QUEUE, policy: 'singleton', retryLimit: 5, retryDelay: 15, retryBackoff: true, expireInMinutes: 15 });
    if (this.options.schedule) await boss.schedule(SWEEP_QUEUE, '* * * * *');
    await boss.work(SWEEP_QUEUE, { pollingIntervalSeconds: 1 }, async () => {
      const sweep = this.sweep();
      this.inFlight = sweep.catch(() => undefined);
      return { reports: await sweep };
    });
    this.boss = boss;
  }

  /** Fires every due timer once, each target in its own transaction. */
  async sweep(): Promise<TimerRunReport[]> {
    const now = this.clock.now();
    const reports: TimerRunReport[] = [];
    for (const timer of this.registry.timers) {
      const due = await timer.findDue(this.dataSource.manager, now, BATCH);
      const report: TimerRunReport = { timer: timer.name, ruleIds: timer.ruleIds, due: due.length, acted: 0, failed: 0 };
      for (const id of due) {
        try {
          if (await inUnitOfWork(this.services, 'SYSTEM', { now }, (uow) => timer.fire(uow, id))) report.acted += 1;
        } catch (error) {
          report.failed += 1;
          this.logger.error({ err: error, timer: timer.name, target: id }, 'timer failed; the sweep job will be retried');
        }
      }
      reports.push(report);
    }
    this.events.poke();
    const failed = reports.reduce((sum, r) => sum + r.failed, 0);
    // A failing target fails the job, so pg-boss retries it with backoff and shows it as failed.
    if (failed > 0) throw new Error(`${failed} timer action(s) failed: ${JSON.stringify(reports)}`);
    return reports;
  }

  /** Sends a sweep through the engine now and waits for its result (operators, tests). */
  async runNow(timeoutMs = 30_000): Promise<TimerRunReport[]> {
    const boss = this.requireBoss();
    const id = await boss.send(SWEEP_QUEUE, {}, { retryLimit: 0 });
    if (!id) throw new Error('the job engine did not accept the sweep');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await boss.getJobById<object>(SWEEP_QUEUE, id);
      if (job?.state === 'completed') return (job.output as { reports: TimerRunReport[] }).reports;
      if (job?.state === 'failed' || job?.state === 'cancelled') throw new Error(`sweep job ${id} ${job.state}: ${JSON.stringify(job.output)}`);
      if (Date.now() > deadline) throw new Error(`sweep job ${id} did not finish within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    // pg-boss stops waiting after its timeout; the database must stay up until our sweep is done.
    await this.inFlight;
  }

  private requireBoss(): PgBoss {
    if (!this.boss) throw new Error('the job engine is not running');
    return this.boss;
  }
}
