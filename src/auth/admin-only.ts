import { forbidden } from '../common/errors';
import type { RequestContext } from '../context';
import { Role } from './role.enum';

/** Key management and the audit trail are for ADMIN keys only; anyone else gets FORBIDDEN. */
export function assertAdmin(ctx: RequestContext, what: string): void {
  if (ctx.principal.role !== Role.ADMIN) throw forbidden(`Only ADMIN keys ${what}`);
}
