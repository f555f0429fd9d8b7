import { registerEnumType } from 'type-graphql';

/** CRM opportunity stage: 0–6 open, then closed won or lost. */
export enum OpportunityStage {
  STAGE_0 = 'STAGE_0',
  STAGE_1 = 'STAGE_1',
  STAGE_2 = 'STAGE_2',
  STAGE_3 = 'STAGE_3',
  STAGE_4 = 'STAGE_4',
  STAGE_5 = 'STAGE_5',
  STAGE_6 = 'STAGE_6',
  CLOSED_WON = 'CLOSED_WON',
  CLOSED_LOST = 'CLOSED_LOST',
}

/** R-DEAL-02: RENEWAL (plain) is not eligible for deal registration. */
export enum OpportunityKind {
  NEW_CUSTOMER = 'NEW_CUSTOMER',
  NEW_BUSINESS_EXISTING_CUSTOMER = 'NEW_BUSINESS_EXISTING_CUSTOMER',
  ADD_ON = 'ADD_ON',
  RENEWAL = 'RENEWAL',
  RENEWAL_WITH_SOURCED_GROWTH = 'RENEWAL_WITH_SOURCED_GROWTH',
}

/** 0–6 for open stages, null once closed. */
export function stageNumber(stage: OpportunityStage): number | null {
  const match = /^STAGE_(\d)$/.exec(stage);
  return match ? Number(match[1]) : null;
}

export function isClosed(stage: OpportunityStage): boolean {
  return stage === OpportunityStage.CLOSED_WON || stage === OpportunityStage.CLOSED_LOST;
}

registerEnumType(OpportunityKind, { name: 'OpportunityKind' });
registerEnumType(OpportunityStage, { name: 'OpportunityStage' });
