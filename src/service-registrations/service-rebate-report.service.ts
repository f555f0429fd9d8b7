import { badInput } from '../common/errors';
import type { RequestContext } from '../context';
import { Opportunity } from '../crm/opportunity.entity';
import { Partner } from '../partners/partner.entity';
import { ServiceRebateLine, ServiceRebateReport } from './service-rebate-report.types';
import { ServiceRegistration } from './service-registration.entity';
import { ServiceQualification } from './service-registration.enums';
import { rebateQuarterNamed } from './service-registration.rules';
import { StatementOfWork } from './statement-of-work.entity';

/**
 * R-SAR-07: the registrations that qualified for the rebate (APPROVED_REBATE_AND_PSP) within one
 * calendar quarter, with partner, opportunity and SOW amount; a PARTNER_USER sees only its own.
 */
export async function serviceRebateReport(ctx: RequestContext, quarterLabel: string): Promise<ServiceRebateReport> {
  const quarter = rebateQuarterNamed(quarterLabel);
  if (!quarter) throw badInput(`quarter must look like 2026-Q2; got ${JSON.stringify(quarterLabel.slice(0, 40))}`, 'quarter');
  const qb = ctx.dataSource
    .getRepository(ServiceRegistration)
    .createQueryBuilder('registration')
    .where('registration.qualification = :qualification', { qualification: ServiceQualification.APPROVED_REBATE_AND_PSP })
    .andWhere('registration.qualifiedAt >= :start AND registration.qualifiedAt < :end', { start: quarter.start, end: quarter.end })
    .orderBy('registration.qualifiedAt', 'ASC')
    .addOrderBy('registration.id', 'ASC');
  ctx.access.scopeList(ServiceRegistration.name, qb);
  const registrations = await qb.getMany();
  const lines = await Promise.all(
    registrations.map(async (registration): Promise<ServiceRebateLine | null> => {
      const [partner, opportunity, sows] = await Promise.all([
        ctx.loaders.byId(Partner).load(registration.partnerId),
        registration.opportunityId ? ctx.loaders.byId(Opportunity).load(registration.opportunityId) : null,
        ctx.loaders.listBy(StatementOfWork, 'registrationId').load(registration.id),
      ]);
      const statementOfWork = sows[0];
      // R-SAR-03 cannot approve without these; a row lacking one is not a rebate line.
      if (!partner || !opportunity || !statementOfWork || !registration.qualifiedAt) return null;
      return Object.assign(new ServiceRebateLine(), {
        registration,
        partner,
        opportunity,
        statementOfWork,
        sowAmount: statementOfWork.amountMoney,
        qualifiedAt: registration.qualifiedAt,
      });
    }),
  );
  return Object.assign(new ServiceRebateReport(), {
    quarter: quarter.label,
    startsAt: quarter.start,
    endsAt: quarter.end,
    lines: lines.filter((line): line is ServiceRebateLine => line !== null),
  });
}
