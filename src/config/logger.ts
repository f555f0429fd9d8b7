import pino, { DestinationStream, Logger } from 'pino';
import { AppConfig } from './config';

export type { Logger };

/** Credential-like fields, at the top level and up to three levels down (`{ variables: { input: { key } } }`). */
const SECRET_FIELDS = ['authorization', 'apiKey', 'key', 'secret', 'password', 'token'];
const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]);

export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      base: { service: 'prm-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // API keys must never reach a log line: not the header, not a `key` of a mutation's input or payload.
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
