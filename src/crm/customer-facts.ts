import { registerEnumType } from 'type-graphql';
import { Territory } from '../partners/partner.enums';

/** Whether a customer is in the public sector: a US public sector customer is in US_PUBSEC (R-REN-03 tenders). */
export enum CustomerSector {
  PUBLIC_SECTOR = 'PUBLIC_SECTOR',
  COMMERCIAL = 'COMMERCIAL',
}
registerEnumType(CustomerSector, { name: 'CustomerSector' });

/** How a customer matched a submission that named no known CRM opportunity (R-DEAL-05). */
export type CustomerMatchKind = 'CRM_ACCOUNT_ID' | 'NAME' | 'EMAIL_DOMAIN';

/**
 * The prefix of IDs the API gives a customer or opportunity it creates before the CRM knows it
 * (R-DEAL-05): the CRM job attaches its own ID later through `upsertOpportunity`.
 */
export const PLACEHOLDER_PREFIX = 'PRM-';

export function isPlaceholderId(id: string): boolean {
  return id.startsWith(PLACEHOLDER_PREFIX);
}

/** "Initech.COM", "www.initech.com" → "initech.com": how e-mail domains are stored and matched (R-DEAL-05). */
export function normalizeEmailDomain(domain: string | null | undefined): string | null {
  if (!domain) return null;
  const normalized = domain
    .trim()
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  return normalized === '' ? null : normalized;
}

/**
 * Mail domains many unrelated customers share: never matched on (R-DEAL-05), or every customer
 * writing from one would look like the same customer.
 */
const SHARED_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'mail.com',
  'yandex.ru',
  'qq.com',
  '163.com',
]);

/** The domain to match customers on, or null for none (absent, or a shared mail domain). */
export function matchableEmailDomain(domain: string | null | undefined): string | null {
  const normalized = normalizeEmailDomain(domain);
  return normalized !== null && !SHARED_MAIL_DOMAINS.has(normalized) ? normalized : null;
}

/** Countries that are a territory by themselves (R-DIST-01). */
const COUNTRY_TERRITORIES: Readonly<Record<string, Territory>> = {
  US: Territory.NORTH_AMERICA,
  CA: Territory.NORTH_AMERICA,
  JP: Territory.JAPAN,
  IN: Territory.INDIA,
  TH: Territory.THAILAND,
};

export interface CustomerTerritoryInput {
  country: string;
  sector: CustomerSector | null;
  /** the territory the caller gave, if any */
  territory: Territory | null;
  /** used when neither the territory nor the country decides (the registering partner's) */
  fallback: Territory;
}

/**
 * The territory of a customer a partner registers: US public sector is US_PUBSEC; a given territory
 * must agree with that; otherwise a country that is a territory by itself decides, else the fallback.
 * Returns a message instead when the facts contradict each other.
 */
export function customerTerritory(input: CustomerTerritoryInput): { territory: Territory } | { problem: string } {
  const country = input.country.toUpperCase();
  const usPublic = country === 'US' && input.sector === CustomerSector.PUBLIC_SECTOR;
  if (input.territory === Territory.US_PUBSEC && !usPublic) {
    return { problem: 'US_PUBSEC is for US public sector customers: give country US and sector PUBLIC_SECTOR' };
  }
  if (usPublic && input.territory !== null && input.territory !== Territory.US_PUBSEC) {
    return { problem: `A US public sector customer is in US_PUBSEC, not ${input.territory}` };
  }
  if (usPublic) return { territory: Territory.US_PUBSEC };
  return { territory: input.territory ?? COUNTRY_TERRITORIES[country] ?? input.fallback };
}
