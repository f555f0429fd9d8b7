import type { RuleStatement } from '../rules/catalogue';

/** The rules this domain applies, as the project states them (`programRule(id:)`, docs/program-rules.md). */
export const EVENT_RULES: RuleStatement[] = [
  {
    id: 'R-EVT-01',
    title: 'Status changes are events',
    text: 'Every status change of a deal registration, service registration, NFR license, champion nomination, compliance review or partner is published as an event (entity, id, partner, from, to, actor, rule IDs, time) once its transaction commits — never for a rolled-back change.',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-EVT-02',
    title: 'Subscribers hear only what they may read',
    text: 'A subscriber receives only events it is allowed to read (R-DIST-03, partner scope).',
    version: 1,
    revisedOn: null,
  },
  {
    id: 'R-EVT-03',
    title: 'Events reach every instance',
    text: 'Events reach subscribers connected to any server instance.',
    version: 1,
    revisedOn: null,
  },
];
