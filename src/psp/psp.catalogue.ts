import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const PSP_RULES: RuleStatement[] = [
  {
    id: 'R-PSP-01',
    title: 'PSP entry',
    text: "Entry: an Open or Select channel partner, or a distributor, with ≥ 3 people holding a current `PROFESSIONAL_SERVICES_ENGINEER` certification. Service offerings: Assessment, Migration, Integration, Implementation, Optimization, Security/Compliance. The designation is shown on the partner's locator profile (R-LOC-01).",
    version: 2,
    revisedOn: '2026-12-01',
  },
  {
    id: 'R-PSP-02',
    title: 'Annual PSP review',
    text: 'Reviewed every year in the month the designation was first granted — every year, whatever reviews were recorded in between; evidence is requested one month before the review is due. Reviews use customer-success ratings on the time-to-value KPIs Infrastructure Ready, First Value and Outcome Achieved, and the certification count.',
    version: 2,
    revisedOn: '2026-12-01',
  },
  {
    id: 'R-PSP-03',
    title: 'At risk, remediation and revocation',
    text: 'Non-compliant at review → `AT_RISK` with a remediation due date one quarter (3 months) after the review; compliant by then → `COMPLIANT`; not → designation revoked.',
    version: 1,
    revisedOn: null,
  },
];
