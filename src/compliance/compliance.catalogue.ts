import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const COMPLIANCE_RULES: RuleStatement[] = [
  {
    id: 'R-COMP-01',
    title: 'Compliance reviews',
    text: 'A compliance review has a subject partner, a kind (`TRACK`, `PSP_BADGE`, `NFR_AUDIT`), a due date, an evidence-request date, findings (each unmet requirement with its rule ID) and an outcome: `COMPLIANT`, `NON_COMPLIANT` (with remediation due date), `REMEDIATED`, `REVOKED`.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-COMP-02',
    title: 'Review timers',
    text: "Reviews of every kind are scheduled and advanced by timers (R-PSP-02/03): evidence requests, due reviews, remediation deadlines. A timer fires exactly once even with several server instances. **Decision:** a `TRACK` review not remediated by its deadline is `REVOKED` and a Select partner returns to the Open track (by invitation again); an `NFR_AUDIT` review not remediated revokes the partner's active NFR licenses (R-NFR-07).",
    version: 2,
    revisedOn: '2026-12-01',
  },
];
