import type { components } from './openapi';
import { query, type ApiClient } from './client';
import type { ActionStatus, AuditAction } from '../state/view-state';
import type { ActionImpact } from '../actions/impact-chart';

type Schemas = components['schemas'];

/** GET /api/disruption-actions items and GET/PUT /api/disruption-actions/{id} (Api DisruptionActionView). */
export type DisruptionAction = Schemas['DisruptionActionView'];
/** POST and PUT /api/disruption-actions bodies (Api DisruptionActionRequest). */
export type DisruptionActionRequest = Schemas['DisruptionActionRequest'];
/** GET /api/disruption-tactics items (Api TacticView). */
export type Tactic = Schemas['TacticView'];
export type ActionTargetKind = Schemas['ActionTargetKind'];
export type AuditEntry = Schemas['AuditEntryView'];
export type AuditPage = Schemas['AuditPage'];
export type RecordDueForReview = Schemas['RecordDueForReview'];
export type DueForReviewPage = Schemas['DueForReviewPage'];

// The view state's code lists must be the API's: a code the API drops fails to compile here.
const statusCodesAreTheApis: readonly Schemas['ActionStatus'][] = [] as ActionStatus[];
const auditCodesAreTheApis: readonly Schemas['AuditAction'][] = [] as AuditAction[];
void statusCodesAreTheApis;
void auditCodesAreTheApis;

export interface ActionPage {
  items: DisruptionAction[];
  nextCursor: string | null;
}

export interface BoardFilters {
  status: readonly string[];
  ownerAgencyId: string | null;
  overdue: boolean;
  hotspotId?: string | null;
  premisesId?: string | null;
  vehicleId?: string | null;
  locationId?: string | null;
}

/** The action board: every action the caller may read that the filters keep, read page by page (at most `max`). */
export async function listActions(api: ApiClient, filters: BoardFilters, signal?: AbortSignal, max = 5000): Promise<{ actions: DisruptionAction[]; more: boolean }> {
  const actions: DisruptionAction[] = [];
  let cursor: string | null = null;
  do {
    const page: ActionPage = await api.get<ActionPage>(
      `/api/disruption-actions${query({
        status: filters.status,
        ownerAgencyId: filters.ownerAgencyId,
        overdue: filters.overdue ? 'true' : null,
        hotspotId: filters.hotspotId,
        premisesId: filters.premisesId,
        vehicleId: filters.vehicleId,
        locationId: filters.locationId,
        limit: 1000,
        cursor,
      })}`,
      signal,
    );
    actions.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && actions.length < max);
  return { actions, more: cursor !== null };
}

export function getAction(api: ApiClient, id: string, signal?: AbortSignal): Promise<DisruptionAction> {
  return api.get<DisruptionAction>(`/api/disruption-actions/${encodeURIComponent(id)}`, signal);
}

export function listTactics(api: ApiClient, signal?: AbortSignal): Promise<Tactic[]> {
  return api.get<Tactic[]>('/api/disruption-tactics', signal);
}

/** Records a new action; the idempotency key makes a retried submit (a double click, a dropped answer) record it once. */
export function createAction(api: ApiClient, request: DisruptionActionRequest, idempotencyKey: string, signal?: AbortSignal): Promise<DisruptionAction> {
  return api.post<DisruptionAction>('/api/disruption-actions', request, signal, { 'Idempotency-Key': idempotencyKey });
}

export function updateAction(api: ApiClient, id: string, request: DisruptionActionRequest, signal?: AbortSignal): Promise<DisruptionAction> {
  return api.put<DisruptionAction>(`/api/disruption-actions/${encodeURIComponent(id)}`, request, signal);
}

/** The request that replaces `action` with `change` applied: every field as it is unless changed. */
export function requestFor(action: DisruptionAction, change: Partial<DisruptionActionRequest>, today: string): DisruptionActionRequest {
  const { restrictions } = action;
  return {
    tacticCode: action.tacticCode,
    targetKind: action.targetKind,
    hotspotId: action.hotspotId,
    premisesId: action.premisesId,
    vehicleId: action.vehicleId,
    locationId: action.locationId,
    personId: action.personId,
    ownerAgencyId: action.ownerAgencyId,
    ownerOfficer: action.ownerOfficer,
    status: action.status,
    startOn: action.startOn,
    dueOn: action.dueOn,
    doneOn: action.doneOn,
    outcome: action.outcome,
    notes: action.notes,
    // The links the reader sees; links to reports they may not read stay as they are (the API keeps them).
    reportIds: action.reportIds,
    handlingCode: restrictions.handlingCode,
    handlingConditions: restrictions.handlingConditions,
    securityMarking: restrictions.securityMarking,
    lawfulBasis: restrictions.lawfulBasis,
    // A review date already passed would be refused: the API then sets the partnership's period from today.
    reviewOn: restrictions.reviewOn > today ? restrictions.reviewOn : null,
    ...change,
  } as DisruptionActionRequest;
}

/** The statuses an action may move to (Core ActionWorkflow.NextStatuses); the API checks the same. */
export function nextStatuses(status: ActionStatus): ActionStatus[] {
  switch (status) {
    case 'proposed':
      return ['agreed', 'cancelled'];
    case 'agreed':
      return ['in_progress', 'done', 'cancelled'];
    case 'in_progress':
      return ['done', 'cancelled'];
    default:
      return [];
  }
}

export const statusLabels: Record<ActionStatus, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** Today as the API's dates are written (UTC, yyyy-mm-dd). */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function targetIdOf(action: DisruptionAction): string | null {
  return action.hotspotId ?? action.premisesId ?? action.vehicleId ?? action.locationId ?? action.personId ?? null;
}

/**
 * A record's id shortened for people to tell records apart: its last 8 characters. Ids are UUIDv7, whose first
 * characters are a timestamp shared by everything recorded in the same hour; the end is random.
 */
export function shortId(id: string | null | undefined): string {
  return id ? id.slice(-8) : '';
}

/** GET /api/disruption-actions/{id}/impact (Api ActionImpactView). */
export type ActionImpactView = Schemas['ActionImpactView'];

// The impact chart reads its own narrow shape of this view: if the API's changes so that it no longer fits, this fails to compile.
const impactFitsTheChart = (view: ActionImpactView): ActionImpact => view;
void impactFitsTheChart;
