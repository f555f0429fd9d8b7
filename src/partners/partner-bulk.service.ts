import { runBulk, UpsertChange } from '../common/bulk';
import { toGlobalId } from '../common/global-id';
import { MutationResult } from '../common/mutation';
import { UserErrorCode, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { Partner } from './partner.entity';
import { ApplyPartnerInput, UpdatePartnerProfileInput, UpsertPartnersInput } from './partner.inputs';
import { applyPartner, updatePartnerProfile } from './partner-lifecycle.service';

/**
 * The portal's partner sync: a new portal ID applies (applyPartner), a known one updates the
 * portal-owned profile fields (updatePartnerProfile) when they differ. Category and track are
 * program decisions (R-PTR-01/02) and do not change through the sync.
 */
export function upsertPartners(ctx: RequestContext, input: UpsertPartnersInput) {
  return runBulk(
    { ctx, operation: 'upsertPartners' },
    input.items,
    (item) => item.portalExternalId ?? '',
    (item) => upsertPartner(ctx, item),
  );
}

async function upsertPartner(ctx: RequestContext, item: ApplyPartnerInput): Promise<MutationResult<Partner> & { change: UpsertChange | null }> {
  const refused = (message: string, field: string) => ({
    result: null,
    change: null,
    userErrors: [userError(UserErrorCode.VALIDATION_FAILED, message, { field: ['input', field] })],
  });
  if (!item.portalExternalId) return refused('portalExternalId is the key of the sync', 'portalExternalId');
  const existing = await ctx.dataSource.getRepository(Partner).findOneBy({ portalExternalId: item.portalExternalId });
  if (!existing) return { ...(await applyPartner(ctx, Object.assign(new ApplyPartnerInput(), item))), change: UpsertChange.CREATED };
  if (existing.category !== item.category) return refused('The category of a partner does not change through the sync (R-PTR-01)', 'category');
  const wanted = { name: item.name, website: item.website ?? null, country: item.country, territory: item.territory };
  if ((Object.keys(wanted) as Array<keyof typeof wanted>).every((key) => existing[key] === wanted[key])) {
    return { result: existing, change: UpsertChange.UNCHANGED, userErrors: [] };
  }
  const update = Object.assign(new UpdatePartnerProfileInput(), { id: toGlobalId('Partner', existing.id), ...wanted });
  return { ...(await updatePartnerProfile(ctx, update)), change: UpsertChange.UPDATED };
}
