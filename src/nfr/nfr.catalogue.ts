import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const NFR_RULES: RuleStatement[] = [
  {
    id: 'R-NFR-01',
    title: 'Channel NFR eligibility',
    text: 'Channel eligibility: an Open or Select partner in good standing with ≥ 1 person holding a current `SOLUTIONS_ARCHITECT` or `PROFESSIONAL_SERVICES_ENGINEER` certification.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-NFR-02',
    title: 'NFR seat caps',
    text: 'Seat caps per partner, summed over its active NFR licenses of each product: Select — Ultimate Self-Managed 25, Ultimate SaaS 25, Duo 5; Open — Ultimate Self-Managed 10, Ultimate SaaS 10, Duo 0. AWS DevOps Competency partners also: Duo with Amazon Q 25.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-NFR-03',
    title: 'Approval above the cap',
    text: 'A request within the cap is approved automatically; above the cap it needs a business justification and goes to `PENDING_APPROVAL` for `ECOSYSTEM_OPS`; without one it is refused.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-NFR-04',
    title: 'Permitted uses',
    text: 'Permitted uses: internal employee training, integration testing, partner-led demos. A request that declares a prohibited use (customer production, internal development/production, managed services for customers) is refused.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-NFR-05',
    title: 'Provisioning within two business days',
    text: 'Provisioning is due two business days (Mon–Fri) after approval.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-NFR-06',
    title: 'Alliance NFR licenses',
    text: 'Alliance partners: must be a registered technology partner; licenses (SaaS and/or Self-Managed) last 12 months, up to 10 users without further approval (default 5 when unspecified); more than 10 needs `ECOSYSTEM_OPS` approval.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-NFR-07',
    title: 'Audit and expiry',
    text: '`ECOSYSTEM_OPS` may audit: reduce seats or revoke; every change is recorded. An expired license (past its end date) no longer counts against the cap.',
    version: 1,
    revisedOn: null,
  },
];
