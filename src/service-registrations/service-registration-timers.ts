import type { ProgramTimer } from '../jobs/program-timer';
import { ServiceRegistration } from './service-registration.entity';
import { requalifyDueRegistration } from './service-registration.service';

/**
 * R-SAR-07: a window of R-SAR-03 (6 months after the close) or R-SAR-05 (12 months after the
 * registration) closes with time; the rule said when (`requalifyAt`), and the registration is
 * recomputed then, so a PENDING one lapses instead of waiting for an input that never comes.
 */
export const serviceQualificationWindowTimer: ProgramTimer = {
  name: 'service-qualification-windows',
  ruleIds: ['R-SAR-07', 'R-SAR-03', 'R-SAR-05'],
  async findDue(em, now, limit) {
    const rows = await em
      .getRepository(ServiceRegistration)
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .where('r.requalifyAt <= :now', { now })
      .orderBy('r.requalifyAt', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  },
  fire(uow, id) {
    return requalifyDueRegistration(uow, id);
  },
};
