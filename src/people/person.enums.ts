import { registerEnumType } from 'type-graphql';

/** R-PTR-03/04, R-DEAL-01 (FOUNDATIONS is the Foundations for Partners training), R-PSP-01, R-NFR-01. */
export enum CertificationKind {
  FOUNDATIONS = 'FOUNDATIONS',
  SALES_ACCREDITED = 'SALES_ACCREDITED',
  SOLUTIONS_ARCHITECT = 'SOLUTIONS_ARCHITECT',
  PARTNER_TECHNICAL_ENGINEER = 'PARTNER_TECHNICAL_ENGINEER',
  PROFESSIONAL_SERVICES_ENGINEER = 'PROFESSIONAL_SERVICES_ENGINEER',
}

registerEnumType(CertificationKind, { name: 'CertificationKind' });
