import { RowPolicy, readsNone, valueType } from '../access/policy';
import type { Viewer } from '../access/viewer';
import type { DomainModule } from '../common/domain-module';
import { ApprovalEventResolver } from './approval-events.resolver';
import { EVENT_RULES } from './event.catalogue';
import { StatusTransition } from './status-transition.entity';
import { StatusTransitionResolver } from './status-transition.resolver';

const staffOnly = (viewer: Viewer): boolean => viewer.readsWholeProgramme;

/**
 * R-EVT-02: a decision is read by whoever may read its partner's data; a distributor hears only
 * the partner-status changes of the partners it serves (R-DIST-03). Who decided (staff key IDs,
 * CRM user IDs) is for programme-wide roles only.
 */
const statusTransitionPolicy: RowPolicy<StatusTransition> = {
  kind: 'row',
  type: 'StatusTransition',
  summary: {
    programme: 'all',
    partner: 'its own partner’s (without staff key IDs)',
    distributor: 'partner status changes of the partners it serves, through approvalEvents and subscriptions (without actor IDs)',
  },
  seesAll: (viewer) => viewer.readsWholeProgramme,
  shape(event, reader) {
    if (reader.viewer.owns(event.partnerId)) return 'FULL';
    if (reader.viewer.distributorId === null || event.entityType !== 'Partner' || event.partnerId === null) return 'NONE';
    return reader.serves(event.partnerId).then((served) => (served ? 'FULL' : 'NONE'));
  },
  scopeList(qb, viewer) {
    if (viewer.readsWholeProgramme) return;
    if (viewer.partnerId === null) readsNone(viewer, 'the decision history list');
    qb.andWhere(`${qb.alias}.partnerId = :viewerPartnerId`, { viewerPartnerId: viewer.partnerId });
  },
  fieldGuards: { actorId: staffOnly, decidedById: staffOnly },
};

/** The decision history and its events (R-DEAL-09, R-EVT-01..03): one outbox for every domain. */
export const eventsModule: DomainModule = {
  name: 'events',
  entities: [StatusTransition],
  nodeTypes: [StatusTransition],
  resolvers: [StatusTransitionResolver, ApprovalEventResolver],
  policies: [
    statusTransitionPolicy,
    valueType('ApprovalStatusChange'),
    valueType('Decision'),
    valueType('DecisionActor'),
    valueType('DecisionPerson'),
    valueType('DecisionCondition'),
    valueType('DryRunDecision'),
  ],
  rules: EVENT_RULES,
};
