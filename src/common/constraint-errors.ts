import type { UserErrorCode } from './user-error';

/** How a unique or check constraint's violation reaches the caller: their conflict, not a server fault. */
export interface ConstraintError {
  code: UserErrorCode;
  message: string;
  ruleIds: string[];
}
