import { defineHook } from '../events/hooks';
import type { Opportunity } from './opportunity.entity';

/**
 * An opportunity was created or changed (stage, close, amounts …), inside the transaction that
 * changed it: deals re-check the R-DEAL-08 expiry exemption, service registrations re-qualify
 * (R-SAR-07). Incumbency (R-REN-01) is the CRM's own and is refreshed before the hook runs.
 */
export const opportunityChanged = defineHook<{ opportunity: Opportunity; created: boolean }>('crm.opportunity-changed');
