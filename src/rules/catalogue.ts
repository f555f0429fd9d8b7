/**
 * The project's own statement of each program rule: what an integrator reads when a decision
 * carries `ruleIds: ["R-DEAL-04"]` (`programRule(id:)`, docs/program-rules.md). Each domain states
 * the rules it applies in its `*.catalogue.ts`; src/modules.ts gathers them into one catalogue.
 */
export interface RuleStatement {
  /** e.g. R-DEAL-04 */
  readonly id: string;
  readonly title: string;
  /** The rule as this project applies it, including its decisions where the program left room. */
  readonly text: string;
  /** Increases whenever the project's statement of the rule changes. */
  readonly version: number;
  /** The catalogue revision that last changed the rule (YYYY-MM-DD), or null since it was first stated. */
  readonly revisedOn: string | null;
}

const RULE_ID = /^R-[A-Z]+-\d{2}$/;

/** The area of a rule ID: R-DEAL-04 → DEAL. */
export function ruleArea(id: string): string {
  return id.split('-')[1] ?? '';
}

export class RuleCatalogue {
  private readonly byId = new Map<string, RuleStatement>();

  constructor(statements: readonly RuleStatement[]) {
    for (const statement of statements) {
      if (!RULE_ID.test(statement.id)) throw new Error(`Rule ID ${statement.id} is not of the form R-AREA-NN`);
      if (this.byId.has(statement.id)) throw new Error(`Rule ${statement.id} is stated twice`);
      this.byId.set(statement.id, statement);
    }
  }

  get(id: string): RuleStatement | undefined {
    return this.byId.get(id);
  }

  /** Every rule, ordered by area as the program groups them, then by number. */
  all(): RuleStatement[] {
    return [...this.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Rule IDs of `ids` that no domain states: a decision must never cite a rule nobody can look up. */
  unknown(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.byId.has(id));
  }
}
