import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from '../db/unit-of-work';

/**
 * A program timer (R-COMP-02 and the like): what is due is read from the data and the program
 * clock, never remembered elsewhere, so a restart loses nothing. `fire` runs in its own unit of
 * work (actor SYSTEM), locks its target, and asks the pure rule again: a target that changed
 * meanwhile (approved by a person, already fired by another instance) is left alone.
 */
export interface ProgramTimer {
  name: string;
  ruleIds: string[];
  /** IDs of targets that may be due at `now` (a superset is fine: `fire` decides). */
  findDue(em: EntityManager, now: Date, limit: number): Promise<string[]>;
  /** Acts on one target if the rule still says so; true when it changed something. */
  fire(uow: UnitOfWork, id: string): Promise<boolean>;
}
