import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const PARTNER_RULES: RuleStatement[] = [
  {
    id: 'R-PTR-01',
    title: 'Partner categories',
    text: 'A partner has a category: `CHANNEL` (resellers, integrators, services), `ALLIANCE` (technology partners; type `CLOUD`, `PLATFORM` or `TECHNOLOGY_ISV`) or `DISTRIBUTOR`.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-PTR-02',
    title: 'Tracks, and Select by invitation only',
    text: 'A channel partner is on one track: `OPEN` or `SELECT`. `SELECT` is by invitation only: a partner cannot apply for or move itself to `SELECT`; only `CHANNEL_ACCOUNT_MANAGER`/`ECOSYSTEM_OPS` can invite, and only a partner that meets R-PTR-04 can accept.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-PTR-03',
    title: 'Open track requirements',
    text: 'Open track requirements: signed partner agreement; ≥ 2 people holding a current `SALES_ACCREDITED` certification (Accredited Sales Professional or Verified Sales Associate); ≥ 1 holding `SOLUTIONS_ARCHITECT`.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-PTR-04',
    title: 'Select track requirements',
    text: 'Select track requirements: signed partner agreement; ≥ 4 `SALES_ACCREDITED`; ≥ 2 `SOLUTIONS_ARCHITECT`; ≥ 1 `PARTNER_TECHNICAL_ENGINEER` or `PROFESSIONAL_SERVICES_ENGINEER`; an exec-sponsored joint business plan; a committed program revenue target ≥ USD 300,000.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-PTR-05',
    title: 'Current certifications; computed track compliance',
    text: 'A certification counts only while current (earned, not expired, holder still employed by the partner). Track compliance is computed, never stored by hand: a query returns each unmet requirement with a code, the required and the actual count.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-PTR-06',
    title: 'Partner lifecycle and good standing',
    text: 'Lifecycle: `APPLIED` → `ACTIVE` (authorized; needs a signed agreement) → `SUSPENDED` ↔ `ACTIVE` → `TERMINATED` (final). "In good standing" = `ACTIVE` and compliant with its track (R-PTR-03/04).',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-PTR-07',
    title: 'Channel Account Manager for Select partners',
    text: 'A Select partner has a dedicated Channel Account Manager; an Open partner does not need one.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-PTR-08',
    title: 'Alliance agreement, catalog namespace and partner badge',
    text: 'Alliance partners sign the technology partner agreement (not the channel agreement), and may register a CI/CD catalog namespace URL; a partner with a registered namespace is shown with the partner badge.',
    version: 1,
    revisedOn: null,
  },
];
