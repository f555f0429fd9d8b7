import { registerEnumType } from 'type-graphql';

/** How a mutation call ended. */
export enum AuditOutcome {
  /** Done (or an idempotent retry of a call that was done). */
  OK = 'OK',
  /** Refused with userErrors; nothing was written. */
  REFUSED = 'REFUSED',
  /** An unexpected server error; nothing was written. */
  FAILED = 'FAILED',
  /** A dry run: the checks and rules ran, the decision was returned, nothing was written. */
  DRY_RUN = 'DRY_RUN',
}

registerEnumType(AuditOutcome, { name: 'AuditOutcome' });
