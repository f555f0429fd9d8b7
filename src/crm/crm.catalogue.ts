import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const CRM_RULES: RuleStatement[] = [
  {
    id: 'R-REN-01',
    title: 'Incumbency and renewal discounts',
    text: 'The incumbent partner of a customer is the one that transacted its most recent sale; only the incumbent qualifies for renewal discounts, and only while in good standing.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-REN-02',
    title: 'Incumbency moves only by formal written communication',
    text: 'Incumbency moves to another partner only with a recorded formal written customer communication.',
    version: 1,
    revisedOn: null,
  },
];
