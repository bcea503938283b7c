import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ApiClient } from '../api/client';
import type { Agency, RiskIndicator } from '../api/types';
import type { Role } from '../auth/session';
import type { Feedback } from '../ui/feedback';
import type { ViewState } from './view-state';

/** What every view gets from the app: the API, the map, the panel and a way to change the URL state. */
export interface ViewContext {
  api: ApiClient;
  map: MapLibreMap;
  feedback: Feedback;
  filters: HTMLFormElement;
  legend: HTMLElement;
  content: HTMLElement;
  update(change: Partial<ViewState>): void;
  /** Shows the current state again (after a change the URL does not carry, e.g. a record saved). */
  refresh(): Promise<void>;
  /** Who is signed in: their role and agency (the token's claims), for defaults such as an action's owner agency. */
  role: Role;
  agencyId: string | null;
  /** The partner agencies for the agency filter, read once per sign-in (a failed read is tried again next time). */
  agencies(): Promise<readonly Agency[]>;
  /** The partnership's risk indicators for the indicator filter and the report form, read once per sign-in (as agencies). */
  indicators(): Promise<readonly RiskIndicator[]>;
}

/** A view of the app: shows itself for a state (called again when the state changes) and removes itself. */
export interface AppView {
  /** Optionally starts the requests a first show() for this state makes, while the map is still loading. */
  prefetch?(state: ViewState): void;
  show(state: ViewState, signal: AbortSignal): Promise<void>;
  hide(): void;
}
