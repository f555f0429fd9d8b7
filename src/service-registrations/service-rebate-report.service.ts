import { badInput } from '../common/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageInfo } from '../common/pagination';
import type { RequestContext } from '../context';
import { Opportunity } from '../crm/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { ServiceRebateLine, ServiceRebateReport, ServiceRebateReportArgs } from './service-rebate-report.types';
import { ServiceRegistration } from './service-registration.entity';
import { ServiceQualification } from './service-registration.enums';
import { rebateQuarterNamed } from './service-registration.rules';
import { StatementOfWork } from './statement-of-work.entity';

interface ReportCursor {
  firstQualifiedAt: Date;
  id: string;
}

const CURSOR_TAG = 'rebate';

function encodeCursor(registration: ServiceRegistration): string {
  return Buffer.from(JSON.stringify([CURSOR_TAG, registration.firstQualifiedAt?.toISOString(), registration.id])).toString('base64url');
}

function decodeCursor(cursor: string): ReportCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === CURSOR_TAG) {
      const firstQualifiedAt = new Date(String(parsed[1]));
      const id = String(parsed[2]);
      if (!Number.isNaN(firstQualifiedAt.getTime()) && /^[0-9a-f-]{36}$/i.test(id)) return { firstQualifiedAt, id };
    }
  } catch {
    // falls through to the error below
  }
  throw badInput('`after` is not a cursor of this report', 'after');
}

/**
 * R-SAR-07: the registrations that qualify for the rebate (APPROVED_REBATE_AND_PSP) and first
 * qualified for it within one calendar quarter, with partner, opportunity and SOW amount, oldest
 * first, a page at a time; a PARTNER_USER sees only its own. A registration that lost and regained
 * the rebate stays in the quarter it first qualified in, so no quarter reports it twice.
 */
export async function serviceRebateReport(ctx: RequestContext, args: ServiceRebateReportArgs): Promise<ServiceRebateReport> {
  const quarter = rebateQuarterNamed(args.quarter);
  if (!quarter) throw badInput(`quarter must look like 2026-Q2; got ${JSON.stringify(args.quarter.slice(0, 40))}`, 'quarter');
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (first < 0 || first > MAX_PAGE_SIZE) throw badInput(`\`first\` must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  const after = args.after ? decodeCursor(args.after) : null;

  const qb = ctx.dataSource
    .getRepository(ServiceRegistration)
    .createQueryBuilder('registration')
    .where('registration.qualification = :qualification', { qualification: ServiceQualification.APPROVED_REBATE_AND_PSP })
    .andWhere('registration.firstQualifiedAt >= :start AND registration.firstQualifiedAt < :end', { start: quarter.start, end: quarter.end })
    // R-SAR-03 cannot approve without them; a line always has its opportunity and SOW.
    .andWhere('registration.opportunityId IS NOT NULL')
    .andWhere('EXISTS (SELECT 1 FROM statement_of_work sow WHERE sow.registration_id = registration.id)')
    .orderBy('registration.firstQualifiedAt', 'ASC')
    .addOrderBy('registration.id', 'ASC')
    .limit(first + 1);
  if (after) {
    qb.andWhere('(registration.firstQualifiedAt, registration.id) > (:afterAt, :afterId)', { afterAt: after.firstQualifiedAt, afterId: after.id });
  }
  ctx.access.scopeList(ServiceRegistration.name, qb);
  const fetched = await qb.getMany();
  const registrations = fetched.slice(0, first);

  const lines = await Promise.all(
    registrations.map(async (registration): Promise<ServiceRebateLine | null> => {
      const [partner, opportunity, sows] = await Promise.all([
        ctx.loaders.byId(Partner).load(registration.partnerId),
        registration.opportunityId ? ctx.loaders.byId(Opportunity).load(registration.opportunityId) : null,
        ctx.loaders.listBy(StatementOfWork, 'registrationId').load(registration.id),
      ]);
      const statementOfWork = sows[0];
      if (!partner || !opportunity || !statementOfWork || !registration.firstQualifiedAt) return null;
      return Object.assign(new ServiceRebateLine(), {
        registration,
        partner,
        opportunity,
        statementOfWork,
        sowAmount: statementOfWork.amountMoney,
        qualifiedAt: registration.firstQualifiedAt,
      });
    }),
  );
  const last = registrations.at(-1);
  const pageInfo: PageInfo = {
    hasNextPage: fetched.length > first,
    hasPreviousPage: after !== null,
    startCursor: registrations[0] ? encodeCursor(registrations[0]) : null,
    endCursor: last ? encodeCursor(last) : null,
  };
  return Object.assign(new ServiceRebateReport(), {
    quarter: quarter.label,
    startsAt: quarter.start,
    endsAt: quarter.end,
    lines: lines.filter((line): line is ServiceRebateLine => line !== null),
    pageInfo,
  });
}
