import {
  createAction,
  getAction,
  listActions,
  listTactics,
  nextStatuses,
  requestFor,
  shortId,
  statusLabels,
  targetIdOf,
  today,
  updateAction,
  type ActionImpactView,
  type ActionTargetKind,
  type DisruptionAction,
  type DisruptionActionRequest,
  type Tactic,
} from '../api/actions';
import type { Agency } from '../api/types';
import type { AppView, ViewContext } from '../state/view-context';
import { actionStatuses, formatHash, type ActionStatus, type BoardSort, type ViewState } from '../state/view-state';
import { element, facts, fillSelect } from '../ui/dom';
import { renderFilters, type FilterSection } from '../ui/filters';
import { FieldForm, input, select, textarea } from '../ui/form-fields';
import { mayReadNetworks, networkHref } from '../network/report-named';
import { impactChart } from './impact-chart';
import { tacticImpactRows, type TacticImpactView } from './tactic-impact';
import { ApiError } from '../api/problem';

const targetKindLabels: Record<ActionTargetKind, string> = {
  hotspot: 'Hotspot',
  premises: 'Premises',
  vehicle: 'Vehicle',
  location: 'Place',
  person: 'Person',
};

/** The action "id" in the URL that opens the impact summary per tactic instead of one action. */
const byTactic = 'by-tactic';

const statusOrder: Record<ActionStatus, number> = { proposed: 0, agreed: 1, in_progress: 2, done: 3, cancelled: 4 };

/** Sorts the board's rows by a column; no sort keeps the API's order (due soonest first). Ties keep their order. */
export function sortActions(actions: readonly DisruptionAction[], sort: BoardSort | null, agencyName: (id: string) => string): DisruptionAction[] {
  if (!sort) return [...actions];
  const descending = sort.startsWith('-');
  const column = sort.replace('-', '');
  const key = (action: DisruptionAction): string | number =>
    column === 'status' ? statusOrder[action.status] : column === 'owner' ? agencyName(action.ownerAgencyId) : (action.dueOn ?? '9999-99-99');
  return [...actions].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return descending ? -order : order;
  });
}

/**
 * The action board for the tasking meeting (every action the caller may read, by status, owner agency and due date,
 * overdue ones marked in words as well as colour), an action's page (its facts, a status change, done needing an
 * outcome, and its impact chart), and the form that records a new action against a hotspot, premises, vehicle or place.
 */
export class ActionsView implements AppView {
  private tactics: Promise<Tactic[]> | null = null;
  /** What to say once the next page has loaded (its loading replaces the status line). */
  private pending: string | null = null;

  constructor(private readonly context: ViewContext) {}

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    this.context.legend.hidden = true;
    this.context.content.replaceChildren();
    if (state.action === 'new') await this.showForm(state, signal);
    else if (state.action === byTactic) await this.showTacticImpact(state, signal);
    else if (state.action) await this.showAction(state, state.action, signal);
    else await this.showBoard(state, signal);
  }

  hide(): void {
    this.context.content.replaceChildren();
  }

  private tacticList(): Promise<Tactic[]> {
    return (this.tactics ??= listTactics(this.context.api).catch((error: unknown) => {
      this.tactics = null;
      throw error;
    }));
  }

  private async agencyNames(): Promise<(id: string) => string> {
    const agencies: readonly Agency[] = await this.context.agencies().catch(() => []);
    const byId = new Map(agencies.map((agency) => [agency.id, agency.name]));
    return (id) => byId.get(id) ?? `Agency ${id.slice(0, 8)}`;
  }

  // The board.

  private async showBoard(state: ViewState, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    renderFilters(this.context.filters, boardFilters(state, this.context.agencies()), this.context.update);
    feedback.say('Loading the action board…');
    const [{ actions, more }, tactics, agencyName] = await Promise.all([
      listActions(this.context.api, { status: state.actionStatuses, ownerAgencyId: state.ownerAgencyId, overdue: state.overdue }, signal),
      this.tacticList().catch(() => [] as Tactic[]),
      this.agencyNames(),
    ]);
    const tacticName = namer(tactics);
    const overdue = actions.filter((action) => action.overdue).length;
    feedback.say(
      actions.length === 0
        ? 'No actions match these filters.'
        : `${actions.length}${more ? '+' : ''} action${actions.length === 1 ? '' : 's'}, ${overdue} overdue.`,
    );
    const sorted = sortActions(actions, state.sort, agencyName);
    const heading = element('h2', {}, 'Action board');
    const hint = element(
      'p',
      { class: 'hint' },
      'Record a new action from a hotspot on the tasking map or from a premises, vehicle or place check. ',
      element('a', { href: formatHash({ ...state, action: byTactic }) }, 'What has worked: impact by tactic'),
    );
    if (sorted.length === 0) {
      content.replaceChildren(heading, hint);
      return;
    }
    const header = (label: string, column: 'status' | 'owner' | 'due' | null): HTMLElement => {
      if (!column) return element('th', { scope: 'col' }, label);
      const current = state.sort === column ? 'ascending' : state.sort === `-${column}` ? 'descending' : 'none';
      const button = element('button', { type: 'button', class: 'sort' }, label, element('span', { 'aria-hidden': 'true' }, current === 'ascending' ? ' ▲' : current === 'descending' ? ' ▼' : ' ↕'));
      button.onclick = () => this.context.update({ sort: (current === 'ascending' ? `-${column}` : column) as BoardSort });
      return element('th', { scope: 'col', 'aria-sort': current }, button);
    };
    const table = element(
      'table',
      { class: 'board', 'aria-label': 'Disruption actions' },
      element('thead', {}, element('tr', {}, header('Tactic', null), header('Target', null), header('Status', 'status'), header('Owner agency', 'owner'), header('Due', 'due'))),
      element(
        'tbody',
        {},
        ...sorted.map((action) =>
          element(
            'tr',
            action.overdue ? { class: 'overdue' } : {},
            element('td', {}, element('a', { href: formatHash({ ...state, action: action.id }) }, tacticName(action.tacticCode))),
            element('td', {}, `${targetKindLabels[action.targetKind]} ${shortId(targetIdOf(action))}`),
            element('td', {}, statusLabels[action.status]),
            element('td', {}, agencyName(action.ownerAgencyId), action.ownerOfficer ? element('br') : '', action.ownerOfficer ?? ''),
            element('td', {}, action.dueOn ?? 'no date', ...(action.overdue ? [' ', element('strong', { class: 'overdue-flag' }, 'Overdue')] : [])),
          ),
        ),
      ),
    );
    content.replaceChildren(heading, hint, table);
  }

  // The new-action form.

  private async showForm(state: ViewState, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    this.context.filters.replaceChildren();
    const [kind, id] = (state.target ?? '').split(':') as [ActionTargetKind | '', string | undefined];
    const back = this.backButton(state);
    if (!kind || !id) {
      content.replaceChildren(back, element('p', {}, 'Open a hotspot, premises, vehicle or place and choose “New action” to record an action against it.'));
      feedback.say('');
      return;
    }
    feedback.say('Loading tactics…');
    const [tactics, agencies] = await Promise.all([this.tacticList(), this.context.agencies().catch(() => [] as readonly Agency[])]);
    if (signal.aborted) return;
    const usable = tactics.filter((tactic) => !tactic.retired && tactic.targetKinds.includes(kind));
    const form = new FieldForm('new-action', 'New action');
    const tactic = select([{ value: '', label: 'Choose a tactic' }, ...usable.map((t) => ({ value: t.code, label: t.name }))], '');
    const legal = element('p', { class: 'hint', 'aria-live': 'polite' });
    tactic.onchange = () => {
      const chosen = usable.find((t) => t.code === tactic.value);
      legal.textContent = chosen ? `Legal basis: ${chosen.legalBasis ?? 'none needed'}` : '';
    };
    const owner = element('select');
    fillSelect(owner, 'Choose the owner agency', agencies.map((agency) => ({ value: agency.id, label: `${agency.name} (${agency.code})` })), this.context.agencyId, (value) => `Agency ${value.slice(0, 8)}`);
    const status = select(['proposed', 'agreed', 'in_progress', 'done'].map((code) => ({ value: code, label: statusLabels[code as ActionStatus] })), 'agreed');
    const fields = {
      startOn: input('date', today()),
      dueOn: input('date'),
      doneOn: input('date'),
      ownerOfficer: input('text', '', { autocomplete: 'off' }),
      outcome: textarea(),
      notes: textarea(),
      reportIds: input('text', '', { autocomplete: 'off' }),
      handlingCode: select([{ value: 'P', label: 'P — lawful sharing permitted' }, { value: 'C', label: 'C — conditions apply' }], 'P'),
      handlingConditions: textarea('', 2),
      securityMarking: select([{ value: 'OFFICIAL', label: 'OFFICIAL' }, { value: 'OFFICIAL-SENSITIVE', label: 'OFFICIAL-SENSITIVE' }], 'OFFICIAL'),
      lawfulBasis: select(
        ['law_enforcement', 'public_task', 'legal_obligation', 'vital_interests'].map((code) => ({ value: code, label: code.replace(/_/g, ' ') })),
        'public_task',
      ),
    };
    const submit = element('button', { type: 'submit' }, 'Record action');
    // One key per form: submitting twice (or again after a lost answer) records the action once.
    const idempotencyKey = crypto.randomUUID();
    form.form.append(
      element('p', {}, `Against: ${targetKindLabels[kind]} ${shortId(id)}`),
      form.field('tacticCode', 'Tactic', tactic),
      legal,
      form.field('ownerAgencyId', 'Owner agency', owner),
      form.field('ownerOfficer', 'Owner officer (name or collar number)', fields.ownerOfficer),
      form.field('status', 'Status', status),
      form.field('startOn', 'Start date', fields.startOn, 'Needed once in progress or done; not in the future then.'),
      form.field('dueOn', 'Due date', fields.dueOn),
      form.field('doneOn', 'Done date', fields.doneOn, 'Only for a done action, which needs it.'),
      form.field('outcome', 'Outcome', fields.outcome, 'What came of it: a done action needs one.'),
      form.field('notes', 'Notes for the tasking group', fields.notes),
      form.field('reportIds', 'Linked intelligence: report ids', fields.reportIds, 'The reports behind the action, separated by spaces or commas.'),
      element(
        'details',
        {},
        element('summary', {}, 'Handling and marking'),
        form.field('handlingCode', 'Handling code', fields.handlingCode),
        form.field('handlingConditions', 'Handling conditions (with code C)', fields.handlingConditions),
        form.field('securityMarking', 'Security marking', fields.securityMarking),
        form.field('lawfulBasis', 'Lawful basis', fields.lawfulBasis),
      ),
      form.summaryElement(),
      submit,
    );
    form.form.onsubmit = async (event) => {
      event.preventDefault();
      form.clear();
      const value = (control: { value: string }): string | null => control.value.trim() || null;
      const request = {
        tacticCode: tactic.value,
        targetKind: kind,
        [`${kind}Id`]: id,
        ownerAgencyId: owner.value || '00000000-0000-0000-0000-000000000000',
        ownerOfficer: value(fields.ownerOfficer),
        status: status.value,
        startOn: value(fields.startOn),
        dueOn: value(fields.dueOn),
        doneOn: value(fields.doneOn),
        outcome: value(fields.outcome),
        notes: value(fields.notes),
        reportIds: fields.reportIds.value.split(/[\s,]+/).filter((id) => id !== ''),
        handlingCode: fields.handlingCode.value,
        handlingConditions: value(fields.handlingConditions),
        securityMarking: fields.securityMarking.value,
        lawfulBasis: fields.lawfulBasis.value,
      } as DisruptionActionRequest;
      submit.disabled = true;
      try {
        const created = await createAction(this.context.api, request, idempotencyKey);
        this.pending = 'Action recorded.';
        this.context.update({ action: created.id, target: null });
      } catch (error) {
        form.show(error);
        feedback.say('The action was not recorded: see the form.');
      } finally {
        submit.disabled = false;
      }
    };
    content.replaceChildren(back, element('h2', {}, 'New action'), form.form);
    feedback.say(usable.length ? '' : `No tactic applies to a ${kind}.`);
    tactic.focus();
  }

  // An action's page.

  private async showAction(state: ViewState, id: string, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    this.context.filters.replaceChildren();
    feedback.say('Loading the action…');
    const back = this.backButton(state);
    let action: DisruptionAction;
    try {
      action = await getAction(this.context.api, id, signal);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        content.replaceChildren(back, element('p', {}, 'This action does not exist, or you may not see it.'));
        feedback.say('');
        return;
      }
      throw error;
    }
    const [tactics, agencyName] = await Promise.all([this.tacticList().catch(() => [] as Tactic[]), this.agencyNames()]);
    const tacticName = namer(tactics);
    const targetId = targetIdOf(action);
    const check = (change: Partial<ViewState>): string => formatHash({ ...state, view: 'premises', premises: null, vehicle: null, place: null, action: null, ...change });
    const targetLink = !targetId
      ? targetKindLabels[action.targetKind]
      : action.targetKind === 'hotspot'
        ? element('a', { href: formatHash({ ...state, view: 'tasking', hotspot: targetId, action: null }) }, `Hotspot ${shortId(targetId)} on the tasking map`)
        : action.targetKind === 'premises'
          ? element('a', { href: check({ premises: targetId }) }, `Premises ${shortId(targetId)} (check)`)
          : action.targetKind === 'vehicle'
            ? element('a', { href: check({ vehicle: targetId }) }, `Vehicle ${shortId(targetId)} (check)`)
            : action.targetKind === 'location'
              ? element('a', { href: check({ place: targetId }) }, `Place ${shortId(targetId)} (check)`)
              : `${targetKindLabels[action.targetKind]} ${shortId(targetId)}`;
    const details = facts([
      ['Status', statusLabels[action.status]],
      ['Owner agency', agencyName(action.ownerAgencyId)],
      ['Owner officer', action.ownerOfficer],
      ['Start', action.startOn],
      ['Due', action.dueOn ? `${action.dueOn}${action.overdue ? ' (overdue)' : ''}` : null],
      ['Done', action.doneOn],
      ['Outcome', action.outcome],
      ['Notes', action.notes],
      ['Handling', `${action.restrictions.handlingCode}${action.restrictions.handlingConditions ? `: ${action.restrictions.handlingConditions}` : ''}`],
      ['Marking', action.restrictions.securityMarking],
      ['Review on', action.restrictions.reviewOn],
    ]);
    const impact = element('section', { class: 'impact-section', 'aria-labelledby': 'impact-heading' }, element('h3', { id: 'impact-heading' }, 'Impact'));
    content.replaceChildren(
      element(
        'section',
        { 'aria-label': 'Disruption action' },
        back,
        element('h2', {}, tacticName(action.tacticCode)),
        element('p', {}, 'Against: ', targetLink),
        ...(action.overdue ? [element('p', { class: 'note overdue-flag' }, `Overdue: due ${action.dueOn}.`)] : []),
        details,
        this.linkedIntelligence(action),
        this.statusForm(action),
        impact,
      ),
    );
    feedback.say(this.pending ?? '');
    this.pending = null;
    await this.showImpact(impact, action.id, signal);
  }

  // The impact summary per tactic.

  private async showTacticImpact(state: ViewState, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    this.context.filters.replaceChildren();
    feedback.say('Assessing every done action…');
    const [view, tactics] = await Promise.all([
      this.context.api.get<TacticImpactView>('/api/disruption-actions/impact-by-tactic', signal),
      this.tacticList().catch(() => [] as Tactic[]),
    ]);
    const rows = tacticImpactRows(view, namer(tactics));
    const heading = element('h2', {}, 'Impact by tactic');
    const explain = element(
      'p',
      { class: 'hint' },
      'Each done action with a place is assessed as on its own page (reports in its target against its comparison area, before and after); ' +
        'a tactic’s estimates are pooled across its actions, allowing for real differences between them.',
    );
    feedback.say(rows.length ? `${rows.length} tactic${rows.length === 1 ? '' : 's'} with done actions.` : '');
    if (rows.length === 0) {
      content.replaceChildren(this.backButton(state), heading, explain, element('p', {}, 'No done action with a place that you may see.'));
      return;
    }
    const table = element(
      'table',
      { class: 'board tactic-impact', 'aria-label': 'Impact by tactic' },
      element('thead', {}, element('tr', {}, ...['Tactic', 'Done actions', 'Their verdicts', 'Pooled change', 'Verdict'].map((h) => element('th', { scope: 'col' }, h)))),
      element(
        'tbody',
        {},
        ...rows.map((row) =>
          element(
            'tr',
            {},
            element('td', {}, row.tactic),
            element('td', {}, String(row.actions)),
            element('td', {}, row.verdicts || '–'),
            element('td', {}, row.pooled),
            element('td', { title: row.reason }, row.verdict, element('br'), element('small', {}, row.reason)),
          ),
        ),
      ),
    );
    content.replaceChildren(this.backButton(state), heading, explain, table);
  }

  /** Moves the action on; done asks for the outcome and done date (the API refuses done without them, field by field). */
  private statusForm(action: DisruptionAction): HTMLElement {
    const next = nextStatuses(action.status);
    if (next.length === 0) return element('p', { class: 'hint' }, `A ${statusLabels[action.status].toLowerCase()} action is final.`);
    const form = new FieldForm('action-status', 'Change status');
    const status = select(next.map((code) => ({ value: code, label: statusLabels[code] })), next[0]!);
    const startOn = input('date', action.startOn ?? today());
    const doneOn = input('date', today());
    const outcome = textarea(action.outcome);
    const doneOnly = [form.field('doneOn', 'Done date', doneOn), form.field('outcome', 'Outcome', outcome, 'What came of it: needed to close the action as done.')];
    const follow = (): void => {
      for (const field of doneOnly) field.hidden = status.value !== 'done';
    };
    status.onchange = follow;
    const submit = element('button', { type: 'submit' }, 'Save status');
    form.form.append(
      element('h3', {}, 'Change status'),
      form.field('status', 'New status', status),
      form.field('startOn', 'Start date', startOn),
      ...doneOnly,
      form.summaryElement(),
      submit,
    );
    follow();
    form.form.onsubmit = async (event) => {
      event.preventDefault();
      form.clear();
      const chosen = status.value as ActionStatus;
      const change: Partial<DisruptionActionRequest> = { status: chosen, startOn: startOn.value || null };
      if (chosen === 'done') Object.assign(change, { doneOn: doneOn.value || null, outcome: outcome.value.trim() || null });
      submit.disabled = true;
      try {
        await updateAction(this.context.api, action.id, requestFor(action, change, today()));
        // This page again, with what the API now holds; then the word that it was saved (the page's load says its own).
        await this.context.refresh();
        this.context.feedback.say(`Status saved: ${statusLabels[chosen]}.`);
      } catch (error) {
        form.show(error);
        this.context.feedback.say('The status was not changed: see the form.');
      } finally {
        submit.disabled = false;
      }
    };
    return form.form;
  }

  /** The reports linked to the action as the reader may read them; analysts and supervisors open each one's network. */
  private linkedIntelligence(action: DisruptionAction): HTMLElement {
    const section = element('section', { class: 'linked-intelligence', 'aria-labelledby': 'linked-heading' }, element('h3', { id: 'linked-heading' }, 'Linked intelligence'));
    if (action.reportIds.length === 0) {
      section.append(element('p', { class: 'hint' }, 'No report you may read is linked to this action.'));
      return section;
    }
    const items = action.reportIds.map((id) =>
      element('li', {}, mayReadNetworks(this.context.role) ? element('a', { href: networkHref('report', id) }, `Report ${shortId(id)}`) : `Report ${shortId(id)}`),
    );
    section.append(element('ul', {}, ...items));
    return section;
  }

  /**
   * The impact section: what the target is compared with (the ring around it, or matched areas without action), then the
   * chart when the API answers, otherwise the failure in words (never an empty section).
   */
  private async showImpact(section: HTMLElement, id: string, signal: AbortSignal): Promise<void> {
    const comparison = element(
      'select',
      { id: 'impact-comparison', name: 'comparison' },
      element('option', { value: 'ring' }, 'the ring around it'),
      element('option', { value: 'matched' }, 'matched areas without action'),
    );
    const holder = element('div', { 'aria-live': 'polite' });
    section.append(element('p', {}, element('label', { for: 'impact-comparison' }, 'Compare the target with '), comparison), holder);
    const load = async (): Promise<void> => {
      holder.replaceChildren(element('p', { class: 'hint' }, 'Loading the impact assessment…'));
      try {
        const query = new URLSearchParams({ comparison: comparison.value });
        const impact = await this.context.api.get<ActionImpactView>(`/api/disruption-actions/${encodeURIComponent(id)}/impact?${query}`, signal);
        holder.innerHTML = impactChart(impact);
      } catch (error) {
        if (signal.aborted) throw error;
        const lines = error instanceof ApiError ? error.describe() : [String(error)];
        holder.replaceChildren(
          element(
            'div',
            { class: 'error impact-failed', role: 'alert' },
            element('strong', {}, 'The impact assessment could not be loaded.'),
            ...lines.map((line) => element('p', {}, line)),
          ),
        );
      }
    };
    comparison.onchange = () => void load().catch(() => undefined);
    await load();
  }

  private backButton(state: ViewState): HTMLButtonElement {
    const button = element('button', { type: 'button' }, 'Back to the action board');
    button.onclick = () => this.context.update({ ...state, view: 'actions', action: null, target: null });
    return button;
  }
}

function namer(tactics: readonly Tactic[]): (code: string) => string {
  const names = new Map(tactics.map((tactic) => [tactic.code, tactic.name]));
  return (code) => names.get(code) ?? code.replace(/_/g, ' ');
}

function boardFilters(state: ViewState, agencies: Promise<readonly Agency[]>): FilterSection[] {
  const statuses = element(
    'fieldset',
    {},
    element('legend', {}, 'Status'),
    ...actionStatuses.map((code) => {
      const box = element('input', { type: 'checkbox', name: 'status', value: code });
      box.checked = state.actionStatuses.includes(code);
      return element('label', {}, box, statusLabels[code]);
    }),
  );
  const owner = element('select', { id: 'filter-owner', name: 'ownerAgencyId' });
  const unlisted = (id: string): string => `Agency ${id.slice(0, 8)}`;
  fillSelect(owner, 'All owner agencies', [], state.ownerAgencyId, unlisted);
  void agencies.then(
    (list) => {
      fillSelect(owner, 'All owner agencies', list.map((agency) => ({ value: agency.id, label: `${agency.name} (${agency.code})` })), state.ownerAgencyId, unlisted);
      owner.dataset.loaded = 'true';
    },
    () => undefined,
  );
  const overdue = element('input', { type: 'checkbox', name: 'overdue', value: 'true', id: 'filter-overdue' });
  overdue.checked = state.overdue;
  return [
    {
      element: statuses,
      read: (data) => ({ actionStatuses: data.getAll('status').map(String) as ActionStatus[] }),
    },
    {
      element: element('label', { for: 'filter-owner', class: 'stacked' }, 'Owner agency', owner),
      read: (data) => ({ ownerAgencyId: String(data.get('ownerAgencyId') ?? '') || null }),
    },
    {
      element: element('label', { for: 'filter-overdue' }, overdue, 'Only overdue (open and past due)'),
      read: (data) => ({ overdue: data.get('overdue') === 'true' }),
    },
  ];
}
