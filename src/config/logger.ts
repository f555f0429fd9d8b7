import pino, { Logger } from 'pino';
import { AppConfig } from './config';

export type { Logger };

export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'prm-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    // API keys must never reach a log line.
    redact: { paths: ['req.headers.authorization', '*.authorization', 'apiKey', '*.apiKey'], censor: '[redacted]' },
  });
}
