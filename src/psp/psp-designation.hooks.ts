import type { EntityManager } from 'typeorm';
import type { Actor } from '../history/transition-recorder';
import type { PspDesignation } from './psp-designation.entity';

/** A partner gained (grant) or lost (revocation) the Professional Services Partner designation. */
export interface PspDesignationChange {
  /** the grant's or revocation's transaction: work done here commits or rolls back with it */
  em: EntityManager;
  actor: Actor;
  now: Date;
  partnerId: string;
  holdsPsp: boolean;
  designation: PspDesignation;
}

export type PspDesignationChangeListener = (change: PspDesignationChange) => Promise<void>;

const listeners = new Set<PspDesignationChangeListener>();

/**
 * Registers work to do whenever a designation is granted or revoked, in the same transaction — the
 * R-SAR-07 recompute of the partner's service registrations belongs here. Returns the unregister function.
 */
export function onPspDesignationChanged(listener: PspDesignationChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs every listener in turn; a listener's Refusal or error rolls the grant or revocation back. */
export async function pspDesignationChanged(change: PspDesignationChange): Promise<void> {
  for (const listener of listeners) await listener(change);
}
