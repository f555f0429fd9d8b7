import 'reflect-metadata';
import { startApp } from './app';
import { loadConfig } from './config/config';
import { createLogger } from './config/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const app = await startApp({ config, logger });
  logger.info({ url: app.graphqlUrl }, 'PRM GraphQL API ready');
  if (app.devAdminKey) {
    // Printed on purpose, once, to the terminal of the developer who started the embedded server.
    process.stdout.write(
      `\n  GraphQL endpoint : ${app.graphqlUrl}\n  Dev ADMIN key    : ${app.devAdminKey}\n  Try: curl -s ${app.graphqlUrl} -H 'authorization: Bearer ${app.devAdminKey}' -H 'content-type: application/json' -d '{"query":"{ partners(first: 5) { nodes { name track status inGoodStanding } } }"}'\n\n`,
    );
  }
  // A library's floating promise must not take the server down; it is logged and investigated instead.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.error('graceful shutdown timed out');
      process.exit(1);
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
