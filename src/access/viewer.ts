import { Principal, readsWholeProgramme } from '../auth/principal';
import { Role } from '../auth/role.enum';

/** The key behind a request, as the access policy sees it. */
export class Viewer {
  readonly readsWholeProgramme: boolean;

  constructor(readonly principal: Principal) {
    this.readsWholeProgramme = readsWholeProgramme(principal);
  }

  get role(): Role {
    return this.principal.role;
  }

  get isAdmin(): boolean {
    return this.principal.role === Role.ADMIN;
  }

  /** The partner a PARTNER_USER key is confined to; null for every other role. */
  get partnerId(): string | null {
    return this.principal.role === Role.PARTNER_USER ? this.principal.partnerId : null;
  }

  /** The distributor a DISTRIBUTOR key speaks for; null for every other role. */
  get distributorId(): string | null {
    return this.principal.role === Role.DISTRIBUTOR ? this.principal.distributorId : null;
  }

  /** A partner key reading its own partner's data. */
  owns(partnerId: string | null | undefined): boolean {
    return this.partnerId !== null && partnerId === this.partnerId;
  }
}
