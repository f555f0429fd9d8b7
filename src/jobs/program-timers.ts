import { dealAutoApprovalTimer, dealExpiryTimer } from '../deals/deal-timers';
import { nfrExpiryTimer } from '../nfr/nfr-timers';
import { pspEvidenceRequestTimer, pspRemediationDeadlineTimer, pspReviewDueTimer } from '../psp/psp-timers';
import type { ProgramTimer } from './program-timer';

/** Every timer the sweep runs, in this order. */
export const PROGRAM_TIMERS: ProgramTimer[] = [
  dealAutoApprovalTimer,
  dealExpiryTimer,
  nfrExpiryTimer,
  pspEvidenceRequestTimer,
  pspReviewDueTimer,
  pspRemediationDeadlineTimer,
];
