import { defineHook } from '../events/hooks';

/** A partner gained or lost the PSP designation (R-PSP-01/03): its service registrations re-qualify (R-SAR-07). */
export const pspDesignationChanged = defineHook<{ partnerId: string }>('psp.designation-changed');
