import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const CHAMPION_RULES: RuleStatement[] = [
  {
    id: 'R-CHAMP-01',
    title: 'Champion nomination',
    text: "A nominee is a person of a partner (typically a solutions architect or consultant); a nomination needs an endorsement from the partner's leadership.",
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-CHAMP-02',
    title: 'Champion workflow',
    text: 'Workflow: `NOMINATED` → `UNDER_REVIEW` (a partner-support case opens) → `APPROVED` or `DECLINED` by `CHAMPIONS_PROGRAM_MANAGER` → `ONBOARDING` (a sponsor SA is assigned; onboarding tasks: group invitation as Developer, onboarding issue, sponsor tasks, champion tasks) → `ACTIVE` when every onboarding task is done → `ALUMNI`.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-CHAMP-03',
    title: 'Champion expected outputs',
    text: "Expected outputs: at least one enablement session per calendar quarter; at least two publications (blog, video, whitepaper) per calendar year; a current professional certification. A query returns each champion's standing against these for a given period, counted from the champion's activation: a quarter that ended before activation is not required, and the yearly publication count is prorated by whole quarters active (at least one publication in any year). **Decision:** the activation is the instant the last onboarding task makes the champion `ACTIVE`, and the quarter it falls in is required; a publication is due for every two whole quarters active (rounded down, at least one); a year that ended before the activation, or a nomination never activated, requires nothing; outputs recorded for days before the activation (during onboarding) count for their period; a period still running is `IN_PROGRESS` rather than unmet while its count is short; the certification must be current at the end of the year (or now, while it runs).",
    version: 3,
    revisedOn: '2026-12-01',
  },
];
