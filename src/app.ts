import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import cors from 'cors';
import express, { NextFunction, Request, Response } from 'express';
import { WebSocketServer } from 'ws';
import type { DataSource } from 'typeorm';
import { authenticate, keysStillActive } from './auth/api-key.service';
import type { Principal } from './auth/principal';
import { AppConfig, isProduction } from './config/config';
import { Clock, systemClock } from './config/clock';
import { Logger, createLogger } from './config/logger';
import type { RequestContext } from './context';
import { createDataSource } from './db/data-source';
import { EmbeddedPostgres, startEmbeddedPostgres } from './db/embedded-postgres';
import { ensureDevAdminKey, seedDemoProgramme } from './seed/demo-programme';
import { withStatementCount } from './db/statement-counter';
import { EventDispatcher } from './events/event-dispatcher';
import { JobRunner } from './jobs/job-runner';
import { databaseUnavailablePlugin, requestLoggingPlugin, statementCountPlugin } from './graphql/plugins';
import { SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './db/database-errors';
import { createSchema } from './graphql/schema';
import { AccessScope } from './access/access-scope';
import { Viewer } from './access/viewer';
import type { Registry } from './common/registry';
import { createRegistry } from './modules';
import { Loaders } from './loaders/loaders';
import { httpPipelinePlugin } from './graphql/http-pipeline.plugin';
import { requirePrincipal, wantsIdePage } from './graphql/http-requests';
import { LiveSubscriptions } from './graphql/live-subscriptions';
import { RequestPipeline } from './graphql/pipeline';
import { graphqlWsOptions, serveGraphQLOverWebSocket } from './graphql/ws-server';
import { queryLimitsFrom } from './limits/query-limits.validator';
import { RateLimitService } from './limits/rate-limit.service';
import { MAX_REQUEST_BYTES } from './limits/request-size';
import { runMigrationsWithoutStatementTimeout } from './limits/statement-timeout';

export interface AppOptions {
  config: AppConfig;
  clock?: Clock;
  logger?: Logger;
  /** The composed modules (src/modules.ts); tests may pass a registry with a policy removed. */
  registry?: Registry;
}

export interface RunningApp {
  url: string;
  graphqlUrl: string;
  httpServer: http.Server;
  dataSource: DataSource;
  /** The composed modules the server runs. */
  registry: Registry;
  /** Set when the embedded database generated or reused a development ADMIN key. */
  devAdminKey: string | null;
  stop(): Promise<void>;
}

interface AuthedRequest extends Request {
  requestId?: string;
  principal?: Principal;
}

/** Boots database, schema and HTTP server. Tests call this directly, `main.ts` for `npm start`. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const registry = options.registry ?? createRegistry();
  const logger = options.logger ?? createLogger(config);

  let embedded: EmbeddedPostgres | null = null;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.EMBEDDED_DATA_DIR);
    databaseUrl = embedded.url;
    logger.info({ dataDir: config.EMBEDDED_DATA_DIR }, 'DATABASE_URL unset: using the embedded PostgreSQL (PGlite)');
  }
  const dataSource = createDataSource({
    entities: registry.entities,
    url: databaseUrl,
    poolSize: embedded ? 1 : config.DB_POOL_SIZE,
    logger,
    statementTimeoutMs: config.STATEMENT_TIMEOUT_MS,
  });
  await dataSource.initialize();
  if (config.MIGRATE_ON_START || embedded) {
    const applied = await runMigrationsWithoutStatementTimeout(dataSource);
    if (applied.length > 0) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  }
  if (config.SEED_DEMO_DATA ?? embedded !== null) await seedDemoProgramme(dataSource, clock, logger);
  const devAdminKey = await ensureDevAdminKey(dataSource, config, embedded !== null);

  const events = new EventDispatcher(dataSource, logger, { listenUrl: embedded ? null : databaseUrl, pollIntervalMs: config.EVENT_POLL_INTERVAL_MS });
  await events.start();
  const jobs = new JobRunner(dataSource, logger, clock, events, registry, { schedule: config.RUN_TIMER_SCHEDULE });
  await jobs.start();
  const contextFor = (principal: Principal, requestId: string): RequestContext => ({
    requestId,
    principal,
    dataSource,
    registry,
    access: new AccessScope(new Viewer(principal), registry.policies, dataSource.manager),
    loaders: new Loaders(dataSource.manager),
    events,
    jobs,
    clock,
    logger: logger.child({ requestId, keyId: principal.keyId, role: principal.role }),
  });

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const schema = await createSchema(registry);
  const pipeline = new RequestPipeline({
    schema,
    dataSource,
    logger,
    limits: queryLimitsFrom(config),
    maxTokens: config.MAX_TOKENS,
    hideSchema: isProduction(config),
    rateLimits: config.RATE_LIMIT_POINTS_PER_HOUR > 0 ? new RateLimitService(dataSource, config.RATE_LIMIT_POINTS_PER_HOUR) : null,
    createContext: contextFor,
  });

  // graphql-ws shares the HTTP port and path, and every operation goes through the same pipeline.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_REQUEST_BYTES });
  const liveSubscriptions = new LiveSubscriptions(config.MAX_SUBSCRIPTIONS_PER_KEY, (ids) => keysStillActive(dataSource, ids), logger);
  const wsCleanup = serveGraphQLOverWebSocket(graphqlWsOptions(pipeline, liveSubscriptions), wsServer, logger);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    // The pipeline's parse options, rules (introspection off in production) and error formatter (no suggestions in production).
    introspection: true,
    parseOptions: pipeline.parseOptions,
    validationRules: [...pipeline.validationRules],
    formatError: pipeline.formatError,
    // Keys travel only in the Authorization header, which no cross-site form or simple request can send: a plain GET is an API request.
    csrfPrevention: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
      isProduction(config) ? ApolloServerPluginLandingPageProductionDefault() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      requestLoggingPlugin(),
      databaseUnavailablePlugin(),
      httpPipelinePlugin(pipeline),
      ...(config.EXPOSE_SQL_STATEMENT_COUNT ? [statementCountPlugin()] : []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      // A database that does not answer within 2 s counts as unreachable.
      await Promise.race([
        dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('readiness check timed out')), 2000).unref()),
      ]);
      const pending = await dataSource.showMigrations();
      if (pending) res.status(503).json({ status: 'migrations pending' });
      else res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  const requestIdAndAuth = async (req: AuthedRequest, res: Response, next: NextFunction): Promise<void> => {
    const incoming = req.header('x-request-id');
    req.requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', req.requestId);
    // A browser opening the endpoint gets the GraphQL IDE; every operation needs a key.
    if (wantsIdePage(req)) {
      next();
      return;
    }
    try {
      const principal = await authenticate(dataSource, req.header('authorization'), logger);
      if (!principal) {
        res
          .status(401)
          .setHeader('www-authenticate', 'Bearer')
          .json({
            errors: [{ message: 'Send a valid API key as `Authorization: Bearer <key>`', extensions: { code: 'UNAUTHENTICATED' } }],
          });
        return;
      }
      req.principal = principal;
      next();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        next(error);
        return;
      }
      logger.warn({ err: error, requestId: req.requestId }, 'database unavailable while authenticating');
      res
        .status(503)
        .setHeader('retry-after', '5')
        .json({
          errors: [{ message: UNAVAILABLE_MESSAGE, extensions: { code: SERVICE_UNAVAILABLE, retryable: true } }],
        });
    }
  };

  // Counts the statements of everything the operation does, after authentication.
  const countStatements = (_req: Request, _res: Response, next: NextFunction): void => {
    void withStatementCount(async () => next()).result;
  };

  app.use(
    '/graphql',
    cors(),
    express.json({ limit: MAX_REQUEST_BYTES }),
    requestIdAndAuth,
    countStatements,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const authed = req as AuthedRequest;
        return pipeline.createContext(requirePrincipal(authed.principal), authed.requestId ?? randomUUID());
      },
    }),
  );
  app.use((error: Error & { status?: number; type?: string }, req: AuthedRequest, res: Response, _next: NextFunction) => {
    const status = error.status ?? 500;
    if (status >= 500) logger.error({ err: error, requestId: req.requestId }, 'request failed');
    res.status(status).json({
      errors: [
        {
          message: status >= 500 ? 'Internal server error' : error.message,
          extensions: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' },
        },
      ],
    });
  });

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${port}`;

  let stopping: Promise<void> | null = null;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    httpServer,
    dataSource,
    registry,
    devAdminKey,
    stop() {
      stopping ??= (async () => {
        await apollo.stop();
        await jobs.stop();
        await events.stop();
        await dataSource.destroy();
        if (embedded) await embedded.stop();
      })();
      return stopping;
    },
  };
}
