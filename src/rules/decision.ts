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
  return new Date(Date.UTC(year, month, day, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

/** The UTC calendar day of an instant, as a `date` column holds it: 'YYYY-MM-DD'. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Decision: a date-only deadline or due date falls at 00:00 UTC of that day. */
export function dateAt(isoDay: string): Date {
  return new Date(`${isoDay}T00:00:00Z`);
}

/** Whole days elapsed from `from` to `to` (floor), by the 24 h definition. */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

export interface CalendarQuarter {
  /** e.g. '2026-Q2' */
  label: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  start: Date;
  /** exclusive: the first instant of the next quarter */
  end: Date;
}

/** The UTC calendar quarter containing `at` (R-SAR-07 rebate periods, R-CHAMP-03 enablement sessions). */
export function calendarQuarter(at: Date): CalendarQuarter {
  const year = at.getUTCFullYear();
  const index = Math.floor(at.getUTCMonth() / 3);
  return {
    label: `${year}-Q${index + 1}`,
    year,
    quarter: (index + 1) as CalendarQuarter['quarter'],
    start: new Date(Date.UTC(year, index * 3, 1)),
    end: new Date(Date.UTC(year, index * 3 + 3, 1)),
  };
}

/** A decision that is met unless some condition is unmet; every unmet condition carries a code. */
export interface CheckedDecision<Outcome extends string> extends Decision<Outcome> {
  unmet: UnmetCondition[];
}

/** Builds a CheckedDecision: `met` when nothing is unmet, otherwise `unmet` with one reason per condition. */
export function decideFromUnmet<Outcome extends string>(
  outcomes: { met: Outcome; unmet: Outcome },
  ruleIds: string[],
  unmet: UnmetCondition[],
  metReason: string,
): CheckedDecision<Outcome> {
  return {
    outcome: unmet.length === 0 ? outcomes.met : outcomes.unmet,
    ruleIds,
    reasons: unmet.length === 0 ? [metReason] : unmet.map((u) => u.message),
    unmet,
  };
}

export type EligibilityOutcome = 'ELIGIBLE' | 'NOT_ELIGIBLE';

export function eligibilityDecision(ruleIds: string[], unmet: UnmetCondition[], metReason: string): CheckedDecision<EligibilityOutcome> {
  return decideFromUnmet<EligibilityOutcome>({ met: 'ELIGIBLE', unmet: 'NOT_ELIGIBLE' }, ruleIds, unmet, metReason);
}

export type AllowedOutcome = 'ALLOWED' | 'REFUSED';
export type AllowedDecision = CheckedDecision<AllowedOutcome>;

export function allowedDecision(ruleIds: string[], unmet: UnmetCondition[], metReason: string): AllowedDecision {
  return decideFromUnmet<AllowedOutcome>({ met: 'ALLOWED', unmet: 'REFUSED' }, ruleIds, unmet, metReason);
}
