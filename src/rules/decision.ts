/**
 * The shape every program rule returns. Rules are pure: they get their inputs and an explicit
 * `now`, never read the clock or the database, and explain themselves with rule IDs and reasons.
 */
export interface Decision<Outcome extends string> {
  outcome: Outcome;
  /** IDs from RULES.md that produced this decision, most specific first. */
  ruleIds: string[];
  /** Human-readable reasons, one per fact that mattered. */
  reasons: string[];
}

/** A requirement that is not met, with the numbers behind it when it is a count. */
export interface UnmetCondition {
  ruleId: string;
  code: string;
  message: string;
  required?: number;
  actual?: number;
}

export interface Rule<Input, Output> {
  id: string;
  description: string;
  decide(input: Input, now: Date): Output;
}

export function defineRule<Input, Output>(rule: Rule<Input, Output>): Rule<Input, Output> {
  return rule;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** "N days after X" means X + N × 24 h (RULES.md preamble). */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** Calendar months in UTC, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(at: Date, months: number): Date {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth() + months;
  const lastDayOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(at.getUTCDate(), lastDayOfTarget);
  return new Date(
    Date.UTC(year, month, day, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()),
  );
}

/** Whole days elapsed from `from` to `to` (floor), by the 24 h definition. */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}
