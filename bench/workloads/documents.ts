/**
 * Every GraphQL document the benchmark sends, in one place. The floor server (floor-server.ts)
 * answers the same selections with the same JSON shape; change a document and its floor route
 * together, or the bench's equality check fails.
 */

/** The portal's nightly sync (README "Example queries"), page size as a variable. */
export const PORTAL_SYNC = `query PortalSync($first: Int!, $after: String, $since: DateTime!) {
  partners(first: $first, after: $after, filter: { updatedSince: $since }) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id portalExternalId name track status updatedAt version
      trackCompliance { compliant unmet { code required actual } }
      people(first: 100) { nodes { id portalExternalId email employed certifications { kind earnedAt expiresAt current } } }
    }
  }
}`;

/** The same list with nothing but its cursors: how the bench learns the pages to ask for. */
export const PORTAL_SYNC_CURSORS = `query PortalSyncCursors($first: Int!, $after: String, $since: DateTime!) {
  partners(first: $first, after: $after, filter: { updatedSince: $since }) { pageInfo { hasNextPage endCursor } }
}`;

/** A distributor's view of the partners it serves (README "Example queries"). */
export const PARTNER_STATUSES = `query PartnerStatuses($first: Int!, $after: String) {
  partnerStatuses(first: $first, after: $after) {
    nodes { id name track lifecycleStatus inGoodStanding pspDesignation complianceSummary { compliant unmetCodes } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const PARTNER_STATUSES_CURSORS = `query PartnerStatusesCursors($first: Int!, $after: String) {
  partnerStatuses(first: $first, after: $after) { pageInfo { hasNextPage endCursor } }
}`;

/** The CRM job's batch write. */
export const UPSERT_OPPORTUNITIES = `mutation UpsertOpportunities($input: UpsertOpportunitiesInput!) {
  upsertOpportunities(input: $input) { results { externalId change userErrors { code } } userErrors { code } }
}`;

/** `updatedSince` of the portal sync: the first sync of a portal reads everything. */
export const SYNC_SINCE = '2000-01-01T00:00:00.000Z';
