import { Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Role } from '../auth/role.enum';
import { forbidden } from '../common/errors';
import { DateTimeScalar } from '../common/scalars';
import type { RequestContext } from '../context';
import { SWEEP_QUEUE } from './job-runner';

@ObjectType({ description: 'One timer of a sweep: how many targets were due and how many it changed.' })
export class TimerRun {
  @Field()
  timer: string;

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => Int)
  due: number;

  @Field(() => Int)
  acted: number;

  @Field(() => Int)
  failed: number;
}

@ObjectType({ description: 'Jobs of one queue by state.' })
export class QueueStatus {
  @Field()
  name: string;

  @Field(() => Int, { description: 'Waiting to run, including retries.' })
  scheduled: number;

  @Field(() => Int)
  running: number;

  @Field(() => Int)
  completed: number;

  @Field(() => Int)
  failed: number;
}

@ObjectType({ description: 'A job that failed for good, with its error.' })
export class FailedJob {
  @Field()
  id: string;

  @Field()
  queue: string;

  @Field(() => Int)
  retries: number;

  @Field(() => DateTimeScalar, { nullable: true })
  failedAt: Date | null;

  @Field()
  error: string;
}

@ObjectType()
export class JobsStatus {
  @Field(() => [QueueStatus])
  queues: QueueStatus[];

  @Field(() => [FailedJob], { description: 'The 20 most recent failures.' })
  recentFailures: FailedJob[];
}

function requireAdmin(ctx: RequestContext): void {
  if (ctx.principal.role !== Role.ADMIN) throw forbidden('Only ADMIN keys see and run jobs');
}

@Resolver()
export class JobsResolver {
  @Query(() => JobsStatus, { description: 'The job engine’s queues and recent failures (ADMIN).' })
  async jobs(@Ctx() ctx: RequestContext): Promise<JobsStatus> {
    requireAdmin(ctx);
    const counts: Array<{ name: string; state: string; count: number }> = await ctx.dataSource.query(
      `SELECT name, state, count(*)::int AS count FROM pgboss.job WHERE name NOT LIKE '\\_\\_%' GROUP BY name, state`,
    );
    const names = [...new Set([SWEEP_QUEUE, ...counts.map((c) => c.name)])];
    const of = (name: string, ...states: string[]) => counts.filter((c) => c.name === name && states.includes(c.state)).reduce((sum, c) => sum + c.count, 0);
    const failures: Array<{ id: string; name: string; retry_count: number; completed_on: Date | null; output: unknown }> = await ctx.dataSource.query(
      `SELECT id, name, retry_count, completed_on, output FROM pgboss.job WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT 20`,
    );
    return {
      queues: names.map((name) => ({
        name,
        scheduled: of(name, 'created', 'retry'),
        running: of(name, 'active'),
        completed: of(name, 'completed'),
        failed: of(name, 'failed'),
      })),
      recentFailures: failures.map((f) => ({
        id: f.id,
        queue: f.name,
        retries: f.retry_count,
        failedAt: f.completed_on,
        error: JSON.stringify(f.output ?? null).slice(0, 2000),
      })),
    };
  }

  @Mutation(() => [TimerRun], { description: 'Runs every due program timer now through the job engine and waits for the result (ADMIN).' })
  async runProgramTimers(@Ctx() ctx: RequestContext): Promise<TimerRun[]> {
    requireAdmin(ctx);
    return ctx.jobs.runNow();
  }
}
