import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const SERVICE_REGISTRATION_RULES: RuleStatement[] = [
  {
    id: 'R-SAR-01',
    title: 'One qualifying service registration per opportunity',
    text: 'The partner need not be the license seller of record. At most one service attached registration qualifies per opportunity.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-SAR-02',
    title: 'One registration per statement of work',
    text: 'A statement of work (by reference) backs at most one registration, unless a multi-phase exception is granted by `ECOSYSTEM_OPS` (recorded, with reason).',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-SAR-03',
    title: 'Rebate and PSP qualification',
    text: '`APPROVED_REBATE_AND_PSP` needs all of: the opportunity is closed-won; the partner holds the PSP designation; the SOW is fully executed (or, for regulated industries such as public sector, a written customer acknowledgement); SOW signed and submitted ≤ 6 months after the opportunity closed; SOW customer-signature date ≤ 6 months before its submission; every service in scope. **Decision:** only the upper bounds count (a SOW signed or submitted before the close is in time); the signature is a calendar day, so the day of the submission, not its hour, is compared with it (calendar months, clamped to the end of the month).',
    version: 2,
    revisedOn: '2026-12-01',
  },
  {
    id: 'R-SAR-04',
    title: 'Services in and out of scope',
    text: 'In scope: Implementation, Integration, Optimization, Migration, Managed/hosted services, Security/Compliance, Adoption, Assessment, Transformation, Application Development, DevSecOps AI, Support, Success Services. Out of scope for rebates: Education/Training, Subcontracted services, Free-of-charge services, Managed/hosted services whose software is sold to or owned by the partner.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-SAR-05',
    title: 'PSP-only acceptance',
    text: "`ACCEPTED_PSP_ONLY` when not R-SAR-03 but one of: a paid engagement with the SOW signed and submitted ≤ 12 months after the registration's submission and a closed-won net-ARR opportunity; free-of-charge partner-led services with proof of execution (e.g. assessments); a closed-won managed/hosted service deal with software owned by the partner.",
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-SAR-06',
    title: 'Unqualified services',
    text: '`UNQUALIFIED`: non-GitLab services; no related license opportunity; GitLab CE services without upgrade opportunity; GitLab professional services subcontracting; education/training only.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-SAR-07',
    title: 'Recomputed qualification; quarterly rebate reports',
    text: 'The qualification is recomputed whenever its inputs change (opportunity closes, SOW arrives, PSP granted/revoked, a window of R-SAR-03/05 closes with time) and every result lists the rule IDs that decided it and each unmet condition. Rebates are reported per calendar quarter; a registration is reported in the quarter it first qualified, once. **Decision:** without a submitted SOW a registration stays `PENDING` while its opportunity is open, and after a close won until both windows for the SOW have closed (6 months after the close, R-SAR-03; 12 months after the registration, R-SAR-05); a timer recomputes it the instant a window closes, so it lapses to `UNQUALIFIED` when the later one does. A result that keeps the qualification but changes its rule IDs or unmet conditions is recorded too. For the report "qualified" means `APPROVED_REBATE_AND_PSP`: a registration is listed in the quarter of its first such qualification while it still qualifies, and never in another quarter.',
    version: 3,
    revisedOn: '2026-12-01',
  },
];
