import { AllowedDecision, allowedDecision, calendarQuarter, CheckedDecision, decideFromUnmet, defineRule, UnmetCondition } from '../rules/decision';
import { Role } from '../auth/role.enum';
import type { ActorKind } from '../rules/state-machine';
import { championNominationMachine } from './champion.machine';
import { CertificationKind } from '../people/person.enums';
import { CertificationFact, countCurrentHolders } from '../partners/partner.rules';
import { ChampionActivityKind, ChampionNominationStatus, OnboardingTaskKind } from './champion.enums';

const { ONBOARDING, ACTIVE } = ChampionNominationStatus;

// ---------------------------------------------------------------------------------------------
// R-CHAMP-01

export interface NominationInput {
  partnerId: string;
  nominee: { personId: string; partnerId: string; employed: boolean };
  /** The person named as endorser; null when none was named. */
  endorser: { personId: string; partnerId: string; employed: boolean; isLeadership: boolean } | null;
}

/**
 * R-CHAMP-01: the nominee is a currently employed person of the partner, endorsed by its leadership.
 * Decision: the endorser is a named person, currently employed in the partner's leadership, and not
 * the nominee: "endorsement from their leadership" is someone else vouching for them.
 */
export const championNomination = defineRule({
  id: 'R-CHAMP-01',
  description: "A nominee is a person of the partner, endorsed by the partner's leadership",
  decide(input: NominationInput): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    const fail = (code: string, message: string) => unmet.push({ ruleId: 'R-CHAMP-01', code, message });
    if (input.nominee.partnerId !== input.partnerId) {
      fail('NOMINEE_NOT_OF_PARTNER', 'The nominee is not a person of the nominating partner');
    } else if (!input.nominee.employed) {
      fail('NOMINEE_NOT_EMPLOYED', 'The nominee is no longer employed by the partner');
    }
    const { endorser } = input;
    if (!endorser) {
      fail('LEADERSHIP_ENDORSEMENT_MISSING', "The nomination needs an endorsement from the partner's leadership");
    } else if (endorser.personId === input.nominee.personId) {
      fail('SELF_ENDORSEMENT', 'A nominee cannot endorse their own nomination');
    } else if (endorser.partnerId !== input.partnerId || !endorser.isLeadership || !endorser.employed) {
      fail('ENDORSER_NOT_LEADERSHIP', "The endorser is not a current member of the partner's leadership");
    }
    return allowedDecision(['R-CHAMP-01'], unmet, 'Endorsed nomination of a person of the partner');
  },
});

// ---------------------------------------------------------------------------------------------
// R-CHAMP-02

/** What an edge of the workflow needs besides an allowed actor (R-CHAMP-02). */
const EDGE_REQUIRES: Partial<Record<ChampionNominationStatus, 'SPONSOR' | 'ONBOARDING_DONE'>> = { [ONBOARDING]: 'SPONSOR', [ACTIVE]: 'ONBOARDING_DONE' };

export interface ChampionTransitionInput {
  from: ChampionNominationStatus;
  to: ChampionNominationStatus;
  actorRole: ActorKind;
  sponsorId: string | null;
  completedTasks: OnboardingTaskKind[];
}

export const championTransition = defineRule({
  id: 'R-CHAMP-02',
  description: 'Champion nomination workflow',
  decide(input: ChampionTransitionInput): AllowedDecision {
    const edge = championNominationMachine.edge(input.from, input.to);
    const requires = EDGE_REQUIRES[input.to] ?? null;
    const unmet: UnmetCondition[] = [];
    const fail = (code: string, message: string) => unmet.push({ ruleId: 'R-CHAMP-02', code, message });
    if (!edge) {
      fail('TRANSITION_NOT_ALLOWED', `A nomination cannot go from ${input.from} to ${input.to}`);
    } else {
      if (input.actorRole !== Role.ADMIN && !edge.by.includes(input.actorRole))
        fail('ACTOR_NOT_ALLOWED', `${input.actorRole} cannot move a nomination to ${input.to} (${[...edge.by, Role.ADMIN].join('/')} only)`);
      if (requires === 'SPONSOR' && input.sponsorId === null) fail('SPONSOR_MISSING', 'Onboarding needs a sponsor solutions architect');
      if (requires === 'ONBOARDING_DONE') {
        for (const task of Object.values(OnboardingTaskKind).filter((t) => !input.completedTasks.includes(t))) {
          fail('ONBOARDING_TASK_OPEN', `Onboarding task ${task} is not done`);
        }
      }
    }
    return allowedDecision(['R-CHAMP-02'], unmet, `${input.from} → ${input.to}`);
  },
});

// ---------------------------------------------------------------------------------------------
// R-CHAMP-03

export const MIN_ENABLEMENT_SESSIONS_PER_QUARTER = 1;
export const MIN_PUBLICATIONS_PER_YEAR = 2;
export const PUBLICATION_KINDS: readonly ChampionActivityKind[] = [ChampionActivityKind.BLOG, ChampionActivityKind.VIDEO, ChampionActivityKind.WHITEPAPER];

export interface ActivityRecordingInput {
  status: ChampionNominationStatus;
  /** the UTC calendar day of the session or publication */
  occurredOn: Date;
}

/**
 * R-CHAMP-03: outputs are recorded for an ACTIVE champion, on a day that has come. Decision: the day
 * may precede the activation, so work done during onboarding still counts for its period.
 */
export const championActivityRecording = defineRule({
  id: 'R-CHAMP-03',
  description: 'Enablement sessions and publications are recorded for an active champion',
  decide(input: ActivityRecordingInput, now: Date): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    if (input.status !== ACTIVE) {
      unmet.push({
        ruleId: 'R-CHAMP-03',
        code: 'CHAMPION_NOT_ACTIVE',
        message: `Outputs are recorded for an ACTIVE champion; this nomination is ${input.status}`,
      });
    }
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    if (input.occurredOn.getTime() > today) {
      unmet.push({ ruleId: 'R-CHAMP-03', code: 'ACTIVITY_IN_FUTURE', message: 'An output is recorded once it has happened, not ahead of its day' });
    }
    return allowedDecision(['R-CHAMP-03'], unmet, 'Output of an active champion');
  },
});

/** Decision: a "professional certification" is any technical one (not Foundations, not sales). */
export const PROFESSIONAL_CERTIFICATION_KINDS: readonly CertificationKind[] = [
  CertificationKind.SOLUTIONS_ARCHITECT,
  CertificationKind.PARTNER_TECHNICAL_ENGINEER,
  CertificationKind.PROFESSIONAL_SERVICES_ENGINEER,
];

export interface ChampionExpectation {
  code: 'ENABLEMENT_SESSION' | 'PUBLICATIONS' | 'PROFESSIONAL_CERTIFICATION';
  /** '2026-Q1' for a quarter, '2026' for the year */
  period: string;
  required: number;
  actual: number;
  status: 'MET' | 'UNMET' | 'IN_PROGRESS' | 'NOT_REQUIRED';
}

export interface ChampionStanding extends CheckedDecision<'MEETS_EXPECTATIONS' | 'BELOW_EXPECTATIONS'> {
  expectations: ChampionExpectation[];
}

export interface ChampionStandingInput {
  year: number;
  /** When the champion became ACTIVE; null while it never was. */
  activatedAt: Date | null;
  activities: { kind: ChampionActivityKind; at: Date }[];
  /** the champion's own certifications */
  certifications: CertificationFact[];
}

/**
 * R-CHAMP-03: the publications a year asks of a champion active for `wholeQuarters` whole quarters
 * of it. Decision: one for every two whole quarters (rounded down, so never more than the share of
 * the year), and at least one in any year the champion is active at all.
 */
export function requiredPublications(wholeQuarters: number): number {
  return Math.max(1, Math.floor((MIN_PUBLICATIONS_PER_YEAR * wholeQuarters) / 4));
}

/**
 * R-CHAMP-03 for a calendar year, counted from the champion's activation: a quarter that ended
 * before (or at) the activation is NOT_REQUIRED, and the publications are prorated by the whole
 * quarters active (`requiredPublications`). Decisions: the quarter the champion was activated in is
 * required (it had not ended); a year that ended before the activation, or any year of a nomination
 * never activated, requires nothing; a quarter or year that has not ended by `now` is IN_PROGRESS
 * rather than unmet while its count is short; the certification must be current at the end of the
 * year, or now if the year is still running.
 */
export const championStanding = defineRule({
  id: 'R-CHAMP-03',
  description: "A champion's expected outputs for a calendar year, from its activation",
  decide(input: ChampionStandingInput, now: Date): ChampionStanding {
    const yearStart = new Date(Date.UTC(input.year, 0, 1));
    const yearEnd = new Date(Date.UTC(input.year + 1, 0, 1));
    const activatedAt = input.activatedAt;
    const count = (kinds: readonly ChampionActivityKind[], start: Date, end: Date) =>
      input.activities.filter((a) => kinds.includes(a.kind) && a.at.getTime() >= start.getTime() && a.at.getTime() < end.getTime()).length;
    const running = (end: Date) => now.getTime() < end.getTime();
    // A period that ended before (or at) the activation asks nothing.
    const required = (end: Date) => activatedAt !== null && end.getTime() > activatedAt.getTime();
    const expectation = (
      code: ChampionExpectation['code'],
      period: string,
      minimum: number,
      actual: number,
      end: Date,
      inProgress: boolean,
    ): ChampionExpectation => {
      if (!required(end)) return { code, period, required: 0, actual, status: 'NOT_REQUIRED' };
      return { code, period, required: minimum, actual, status: actual >= minimum ? 'MET' : inProgress ? 'IN_PROGRESS' : 'UNMET' };
    };

    const quarters = [0, 3, 6, 9].map((month) => calendarQuarter(new Date(Date.UTC(input.year, month, 1))));
    const expectations = quarters.map((quarter) =>
      expectation(
        'ENABLEMENT_SESSION',
        quarter.label,
        MIN_ENABLEMENT_SESSIONS_PER_QUARTER,
        count([ChampionActivityKind.ENABLEMENT_SESSION], quarter.start, quarter.end),
        quarter.end,
        running(quarter.end),
      ),
    );
    const wholeQuarters = activatedAt === null ? 0 : quarters.filter((q) => q.start.getTime() >= activatedAt.getTime()).length;
    const publications = requiredPublications(wholeQuarters);
    expectations.push(expectation('PUBLICATIONS', String(input.year), publications, count(PUBLICATION_KINDS, yearStart, yearEnd), yearEnd, running(yearEnd)));
    const asOf = running(yearEnd) ? now : new Date(yearEnd.getTime() - 1);
    const certified = countCurrentHolders(input.certifications, [...PROFESSIONAL_CERTIFICATION_KINDS], asOf);
    expectations.push(expectation('PROFESSIONAL_CERTIFICATION', String(input.year), 1, Math.min(certified, 1), yearEnd, false));

    const prorated = wholeQuarters < 4 ? ` (${wholeQuarters} whole quarter${wholeQuarters === 1 ? '' : 's'} active)` : '';
    const messages: Record<ChampionExpectation['code'], string> = {
      ENABLEMENT_SESSION: 'No enablement session in',
      PUBLICATIONS: publications === 1 ? 'No publication (blog, video, whitepaper) in' : `Fewer than ${publications} publications (blog, video, whitepaper) in`,
      PROFESSIONAL_CERTIFICATION: 'No current professional certification for',
    };
    const unmet: UnmetCondition[] = expectations
      .filter((e) => e.status === 'UNMET')
      .map((e) => ({
        ruleId: 'R-CHAMP-03',
        code: `${e.code}_MISSING`,
        message: `${messages[e.code]} ${e.period}${e.code === 'PUBLICATIONS' ? prorated : ''}`,
        required: e.required,
        actual: e.actual,
      }));
    const metReason =
      activatedAt === null
        ? 'Not activated as a champion: nothing is expected yet'
        : !required(yearEnd)
          ? `Activated ${activatedAt.toISOString()}, after ${input.year}: nothing is expected for it`
          : `Meets every expected output for ${input.year} so far`;
    const decision = decideFromUnmet<ChampionStanding['outcome']>(
      { met: 'MEETS_EXPECTATIONS', unmet: 'BELOW_EXPECTATIONS' },
      ['R-CHAMP-03', 'R-PTR-05'],
      unmet,
      metReason,
    );
    return { ...decision, expectations };
  },
});
