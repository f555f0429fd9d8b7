import { Role } from '../../src/auth/role.enum';
import { createRegistry } from '../../src/modules';
import { defineMachine, validateMachine } from '../../src/rules/state-machine';

const registry = createRegistry();

describe('status machines (one typed definition for every status field)', () => {
  it('every domain with a status field registers its machine', () => {
    expect(registry.machines.map((m) => `${m.entityType}.${m.field}`).sort()).toEqual(
      [
        'ChampionNomination.status',
        'ComplianceReview.status',
        'DealRegistration.status',
        'NfrLicense.status',
        'Partner.status',
        'Partner.track',
        'PspDesignation.status',
        'ServiceRegistration.qualification',
      ].sort(),
    );
  });

  it.each(registry.machines.map((machine) => [`${machine.entityType}.${machine.field}`, machine] as const))(
    '%s: every state is reachable from a start and every target is a state',
    (_name, machine) => {
      expect(validateMachine(machine)).toEqual({ unreachable: [], undefinedTargets: [] });
    },
  );

  it.each(registry.machines.map((machine) => [`${machine.entityType}.${machine.field}`, machine] as const))(
    '%s: every edge cites only rules the catalogue states',
    (_name, machine) => {
      const cited = [
        ...Object.values(machine.definition.initial),
        ...machine.states.flatMap((state) => Object.values(machine.definition.states[state])),
      ].flatMap((edge) => edge?.ruleIds ?? []);
      expect(registry.rules.unknown(cited)).toEqual([]);
    },
  );

  it('the reachability check can fail: a state nothing leads to is reported', () => {
    const broken = defineMachine<'A' | 'B' | 'ORPHAN'>({
      entityType: 'Test',
      initial: { A: { by: [Role.ADMIN], ruleIds: [] } },
      states: { A: { B: { by: [Role.ADMIN], ruleIds: [] } }, B: {}, ORPHAN: { A: { by: [Role.ADMIN], ruleIds: [] } } },
    });
    expect(validateMachine(broken).unreachable).toEqual(['ORPHAN']);
  });

  it('a refused edge says why: unknown edge, or an actor the edge does not allow (ADMIN always may)', () => {
    const machine = defineMachine<'OPEN' | 'DONE'>({
      entityType: 'Test',
      initial: { OPEN: { by: [Role.PORTAL_SYNC], ruleIds: [] } },
      states: { OPEN: { DONE: { by: ['SYSTEM'], ruleIds: [] } }, DONE: {} },
    });
    expect(machine.check('DONE', 'OPEN', Role.ADMIN)).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'TRANSITION_NOT_ALLOWED' }] });
    expect(machine.check('OPEN', 'DONE', Role.ECOSYSTEM_OPS)).toMatchObject({ outcome: 'REFUSED', unmet: [{ code: 'ACTOR_NOT_ALLOWED' }] });
    expect(machine.check('OPEN', 'DONE', 'SYSTEM').outcome).toBe('ALLOWED');
    expect(machine.check('OPEN', 'DONE', Role.ADMIN).outcome).toBe('ALLOWED');
  });
});
