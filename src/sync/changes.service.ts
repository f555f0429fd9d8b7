import { readsNone } from '../access/policy';
import { badInput } from '../common/errors';
import type { RequestContext } from '../context';

export const MAX_CHANGES = 500;

export interface ChangeRow {
  cursor: string;
  entityType: string;
  entityId: string;
  operation: 'I' | 'U' | 'D';
  changedAt: Date;
}

export interface ChangePage {
  changes: ChangeRow[];
  /** Where to resume; the `after` given when nothing new was visible. */
  endCursor: string | null;
  hasMore: boolean;
}

function encodeCursor(txid: string, id: string): string {
  return Buffer.from(`${txid}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { txid: string; id: string } {
  const match = /^(\d{1,20}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput('`after` is not a cursor of the changes feed', 'after');
  return { txid: match[1], id: match[2] };
}

/**
 * Created, updated and deleted rows after a cursor, oldest first (tombstones for deletions).
 * Only changes of transactions older than the oldest still running are served: one that commits
 * later has a larger txid than anything served, so it sorts after every cursor handed out.
 */
export async function changesAfter(
  ctx: RequestContext,
  after: string | null | undefined,
  first: number,
  entityTypes: string[] | null | undefined,
): Promise<ChangePage> {
  if (first < 1 || first > MAX_CHANGES) throw badInput(`\`first\` must be between 1 and ${MAX_CHANGES}`, 'first');
  const from = after ? decodeCursor(after) : { txid: '0', id: '0' };
  const params: unknown[] = [from.txid, from.id, first + 1];
  const conditions = ['(c.txid, c.id) > ($1::xid8, $2::bigint)', 'c.txid < pg_snapshot_xmin(pg_current_snapshot())'];
  if (entityTypes) {
    params.push(entityTypes);
    conditions.push(`c.entity_type = ANY($${params.length})`);
  }
  const { viewer } = ctx.access;
  if (!viewer.readsWholeProgramme) {
    // Partner keys follow their own partner's rows; a distributor reads partner status only (R-DIST-03).
    if (viewer.partnerId === null) readsNone(viewer, 'the changes feed');
    params.push(viewer.partnerId);
    conditions.push(`c.partner_id = $${params.length}`);
  }
  const rows: Array<{ id: string; txid: string; entity_type: string; entity_id: string; operation: 'I' | 'U' | 'D'; changed_at: Date }> =
    await ctx.dataSource.query(
      `SELECT c.id, c.txid::text AS txid, c.entity_type, c.entity_id, c.operation, c.changed_at
       FROM change_log c WHERE ${conditions.join(' AND ')} ORDER BY c.txid, c.id LIMIT $3`,
      params,
    );
  const hasMore = rows.length > first;
  const changes = rows.slice(0, first).map((row) => ({
    cursor: encodeCursor(row.txid, row.id),
    entityType: row.entity_type,
    entityId: row.entity_id,
    operation: row.operation,
    changedAt: row.changed_at,
  }));
  return { changes, endCursor: changes.at(-1)?.cursor ?? after ?? null, hasMore };
}
