import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const DISTRIBUTION_RULES: RuleStatement[] = [
  {
    id: 'R-DIST-01',
    title: 'Distributors and territories',
    text: 'Distributors and territories: North America (US and Canada) — Climb CS; EMEA — Amazic; Japan — Networld, SB C&S; APAC — TD Synnex, which also serves India and Thailand, where Redington (India) and Get On Technology (Thailand) are alternatives; US public sector — Carahsoft. AWS Marketplace (CPPO) and Google Cloud Marketplace (MCPO) act as distributors in every territory. Seed these on first start.',
    version: 2,
    revisedOn: '2026-12-01',
  },
  {
    id: 'R-DIST-02',
    title: 'Purchasing routes',
    text: "Purchasing route: an Open partner in a territory with an active distributor must buy through one of that territory's distributors (or a marketplace); a Select partner, or any partner in a territory without an active distributor, may also buy directly.",
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-DIST-03',
    title: 'What a distributor sees',
    text: 'A distributor sees status (track, lifecycle, good standing, designations, compliance summary) only of partners in its territories or that buy through it, and nothing of deals or people.',
    version: 1,
    revisedOn: null,
  },
];
