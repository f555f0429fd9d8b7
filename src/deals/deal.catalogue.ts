import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const DEAL_RULES: RuleStatement[] = [
  {
    id: 'R-DEAL-01',
    title: 'Who may register a deal',
    text: 'Who may register: an `ACTIVE` channel partner with a signed agreement and at least one person who completed `FOUNDATIONS` training. Otherwise the submission is refused with a clear error code and nothing is stored.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-DEAL-02',
    title: 'One opportunity per registration; eligible program types and kinds',
    text: 'A registration is for one individual sales opportunity (customer + opportunity), of program type `REFERRAL`, `RESALE` or `MSP`. Eligible opportunity kinds: `NEW_CUSTOMER`, `NEW_BUSINESS_EXISTING_CUSTOMER`, `ADD_ON`, `RENEWAL_WITH_SOURCED_GROWTH`. A plain renewal is not eligible (see R-REN).',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-DEAL-03',
    title: 'Order of receipt',
    text: "Order of receipt: every registration gets a server-side `receivedAt`; among competing registrations for one opportunity the earlier one is decided first. **Decision:** reviewers see competing registrations in order of receipt; an ESM or ASM may approve a later one while an earlier one is still pending only with a recorded reason (the seed's other factors: in-region support, relationship with the customer), and that decision cites R-DEAL-03.",
    version: 2,
    revisedOn: '2026-12-01',
  },
  {
    id: 'R-DEAL-04',
    title: 'Exclusivity: one approved registration per opportunity',
    text: 'Exclusivity: at most one registration per opportunity can be `APPROVED` (and not yet expired) at any time, across all partners. This holds under concurrent requests (database constraint, not only application code). When one is approved, the other pending registrations for that opportunity are `DENIED` citing R-DEAL-04. A registration submitted while another one holds the opportunity is `DENIED` at once citing R-DEAL-04 (other partners learn that the opportunity is held, never by whom). An approval past its 90 days (R-DEAL-08) is expired from that instant, whether or not a timer has run yet: it never blocks a new approval.',
    version: 2,
    revisedOn: '2026-12-01',
  },
  {
    id: 'R-DEAL-05',
    title: 'Routing on submission',
    text: 'Routing on submission (Ecosystem Ops review), using the linked CRM opportunity: - no opportunity exists → `APPROVED` and an opportunity is created; - opportunity stage 0–2 → linked and routed to the ESM (`PENDING_ESM`); - stage 3–6 and a renewal with sourced growth → routed to the ESM (`PENDING_ESM`); - stage 3–6, otherwise: last sales activity > 180 days ago (or none) → `APPROVED`; else `DENIED`; - opportunity closed (won or lost) → `DENIED`. **Decision:** the renewal-with-sourced-growth check comes before the activity check. "> 180 days" means more than 180 × 24 h before now (180 days and 1 hour is more). **Decision:** "no opportunity exists" is Ecosystem Ops\' finding, not the partner\'s: a submission that names no CRM opportunity ID is matched against the open opportunities of the same customer (CRM account ID, else normalized customer name or e-mail domain). No candidate → `APPROVED` and an opportunity is created; one or more candidates → `PENDING_OPS_REVIEW` with the candidates listed, until `ECOSYSTEM_OPS` links one (then the routing above applies to it) or confirms that the opportunity is new (then `APPROVED` and created). Omitting an ID never skips routing.',
    version: 2,
    revisedOn: '2026-12-01',
  },
  {
    id: 'R-DEAL-06',
    title: 'ESM and ASM decisions',
    text: 'ESM decision: approve → `PENDING_ASM`; reject → `DENIED`. ASM decision: approve → `APPROVED`; reject → `DENIED`. **Decision:** `CRM_SYNC` may relay these decisions from the CRM, naming the person who decided (CRM user ID and role) for each step; the ESM and the ASM steps of one registration are decided by different people.',
    version: 2,
    revisedOn: '2026-12-01',
  },
  {
    id: 'R-DEAL-07',
    title: 'Silence is consent: auto-approval after 10 days',
    text: 'Silence is consent: a stage 0–2 registration still `PENDING_ASM` 10 days after it was routed to the ASM is approved by Ecosystem Ops. A renewal-with-growth registration not approved 10 days after submission is approved by Ecosystem Ops (whether it waits on the ESM or the ASM). **Decision:** a stage 0–2 registration still `PENDING_ESM` after 10 days is *not* auto-approved.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-DEAL-08',
    title: 'Expiry 90 days after approval',
    text: 'An approved registration expires 90 days after its approval date (`EXPIRED`) unless its opportunity closed-won before then.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-DEAL-09',
    title: 'Every transition is recorded and queryable',
    text: 'Every transition records actor (role and id, or `SYSTEM` for timers), time, from and to status, the rule IDs, and a human-readable reason; the history is queryable.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-REN-03',
    title: 'Tender pricing',
    text: 'Tender (multiple bids): every bidding partner gets the partner base discount; the partner with the approved sourced registration gets the sourced margin; in `US_PUBSEC` a non-sourced partner gets MSRP (no discount).',
    version: 1,
    revisedOn: null,
  },
];
