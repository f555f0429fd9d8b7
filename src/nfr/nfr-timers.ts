import type { ProgramTimer } from '../jobs/program-timer';
import { NfrLicense } from './nfr-license.entity';
import { expireNfrLicense } from './nfr-license.service';
import { NfrLicenseStatus } from './nfr.enums';
import { isoDate } from '../rules/decision';

/** R-NFR-07: a license past its end date expires (and already stopped counting against the cap). */
export const nfrExpiryTimer: ProgramTimer = {
  name: 'nfr-expiry',
  ruleIds: ['R-NFR-07'],
  async findDue(em, now, limit) {
    const rows = await em
      .getRepository(NfrLicense)
      .createQueryBuilder('l')
      .select('l.id', 'id')
      .where('l.status = :approved AND l.endsOn <= :today', { approved: NfrLicenseStatus.APPROVED, today: isoDate(now) })
      .orderBy('l.endsOn', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  },
  fire: (uow, id) => expireNfrLicense(uow, id),
};
