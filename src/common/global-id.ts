import { badInput } from './errors';

/** Opaque global IDs (Relay): base64url("Type:uuid"). Clients must not parse them. */
export function toGlobalId(typeName: string, id: string): string {
  return Buffer.from(`${typeName}:${id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function fromGlobalId(globalId: string): { typeName: string; id: string } | null {
  if (globalId.length > 200) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator <= 0) return null;
  const typeName = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  return UUID.test(id) ? { typeName, id } : null;
}

/** The database id behind a global id of the expected type, or null when it is not one. */
export function databaseIdOf(globalId: string, expectedType: string): string | null {
  const parsed = fromGlobalId(globalId);
  return parsed && parsed.typeName === expectedType ? parsed.id : null;
}

/** Database ids behind global IDs of one type; a wrong or malformed ID is a clear input error. */
export function databaseIdsOf(globalIds: readonly string[] | null | undefined, typeName: string, field: string): string[] | null {
  if (!globalIds) return null;
  return globalIds.map((globalId) => {
    const id = databaseIdOf(globalId, typeName);
    if (!id) throw badInput(`\`${field}\` must hold ${typeName} IDs; got ${JSON.stringify(globalId.slice(0, 60))}`, field);
    return id;
  });
}
