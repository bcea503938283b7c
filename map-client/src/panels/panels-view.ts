import { query } from '../api/client';
import { ApiError } from '../api/problem';
import type { Agency } from '../api/types';
import { isJustification, saveJustification, savedJustification } from '../network/justification';
import type { AppView, ViewContext } from '../state/view-context';
import { formatHash, type ViewState } from '../state/view-state';
import { element } from '../ui/dom';
import { FieldForm, input, select, textarea } from '../ui/form-fields';
import {
  attendeesByAgency,
  entityKindLabels,
  intelligenceText,
  meetingRequest,
  packFiles,
  panelKindLabels,
  type AttendeeRow,
  type Panel,
  type PanelEntityKind,
  type PanelKind,
  type PanelList,
  type PanelMeeting,
} from './panels';

/**
 * The panels page (issue 16 §3, §5): the panels you may read and a form for a new one; a panel's list (only the
 * entries you may see, each with its reports, latest grading and actions; children only as case references) with
 * forms to add an entry or a case reference; its meetings with attendees by agency, decisions and agreed actions,
 * each with its pack to download (a logged disclosure); and the form that records a meeting.
 */
export class PanelsView implements AppView {
  private download: string | null = null;

  constructor(private readonly context: ViewContext) {}

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    this.context.legend.hidden = true;
    this.context.filters.replaceChildren();
    this.context.content.replaceChildren();
    if (state.panel) await this.showPanel(state, state.panel, signal);
    else await this.showPanels(state, signal);
  }

  hide(): void {
    this.context.content.replaceChildren();
    if (this.download) URL.revokeObjectURL(this.download);
    this.download = null;
  }

  private async agencyNames(): Promise<{ agencies: readonly Agency[]; name: (id: string) => string }> {
    const agencies: readonly Agency[] = await this.context.agencies().catch(() => []);
    const byId = new Map(agencies.map((agency) => [agency.id, agency.name]));
    return { agencies, name: (id) => byId.get(id) ?? `Agency ${id.slice(0, 8)}` };
  }

  // The panels you may read.

  private async showPanels(state: ViewState, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    feedback.say('Loading panels…');
    const panels = (await this.context.api.get<{ items: Panel[] }>(`/api/panels${query({ limit: 100 })}`, signal)).items;
    feedback.say(panels.length === 0 ? 'No panel you may read yet.' : `${panels.length} panel${panels.length === 1 ? '' : 's'}.`);
    content.replaceChildren(
      element('h2', {}, 'Panels'),
      element('p', { class: 'hint' }, "MACE and CMOG panels and perpetrator forums of your agency, and partners' panels shared with yours."),
      panels.length === 0
        ? element('p', {}, 'No panel yet.')
        : element(
            'ul',
            { class: 'panel-list', 'aria-label': 'Panels' },
            ...panels.map((panel) =>
              element('li', {}, element('a', { href: formatHash({ ...state, panel: panel.id }) }, panel.name), ` (${panelKindLabels[panel.kind]})`),
            ),
          ),
      this.newPanelForm(state),
    );
  }

  private newPanelForm(state: ViewState): HTMLElement {
    const form = new FieldForm('new-panel', 'New panel');
    const kind = select(
      (Object.keys(panelKindLabels) as PanelKind[]).map((value) => ({ value, label: panelKindLabels[value] })),
      'mace',
    );
    const name = input('text', '', { autocomplete: 'off' });
    const submit = element('button', { type: 'submit' }, 'Record panel');
    form.form.append(
      element('h3', {}, 'New panel'),
      form.field('kind', 'Kind', kind),
      form.field('name', 'Name', name, 'e.g. Northbrook MACE'),
      form.summaryElement(),
      submit,
    );
    form.form.onsubmit = async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        const created = await this.context.api.post<Panel>('/api/panels', {
          kind: kind.value,
          name: name.value,
          handlingCode: 'P',
          securityMarking: 'OFFICIAL-SENSITIVE',
          lawfulBasis: 'law_enforcement',
        });
        this.context.update({ ...state, panel: created.id });
      } catch (error) {
        form.show(error);
      } finally {
        submit.disabled = false;
      }
    };
    return form.form;
  }

  // One panel: its list and its meetings.

  private async showPanel(state: ViewState, panelId: string, signal: AbortSignal): Promise<void> {
    const { feedback, content, api } = this.context;
    const back = element('a', { href: formatHash({ ...state, panel: null }) }, 'All panels');
    const reason = this.justificationField();
    if (!isJustification(savedJustification())) {
      feedback.say('Say why you are looking: a panel list names persons, and each read is logged with your reason.');
      content.replaceChildren(back, element('h2', {}, 'Panel'), reason);
      return;
    }
    feedback.say('Loading the panel…');
    const [list, meetings, agencies] = await Promise.all([
      api.get<PanelList>(`/api/panels/${panelId}/list`, signal, { Justification: savedJustification() }),
      api.get<PanelMeeting[]>(`/api/panels/${panelId}/meetings`, signal),
      this.agencyNames(),
    ]);
    feedback.say(`${list.items.length} on the list that you may see; ${meetings.length} meeting${meetings.length === 1 ? '' : 's'}.`);
    content.replaceChildren(
      back,
      element('h2', {}, list.panelName),
      reason,
      this.listTable(list, agencies.name),
      this.caseReferences(list),
      this.addEntryForm(panelId),
      this.addCaseReferenceForm(panelId, agencies.agencies),
      element('h3', {}, 'Meetings'),
      meetings.length === 0
        ? element('p', {}, 'No meeting recorded yet.')
        : element('ul', { class: 'panel-meetings', 'aria-label': 'Meetings' }, ...meetings.map((meeting) => this.meetingItem(meeting, agencies.name))),
      this.meetingForm(panelId, list, agencies.agencies),
    );
  }

  private justificationField(): HTMLElement {
    const text = element('textarea', { id: 'panel-justification', rows: '2' });
    text.value = savedJustification();
    const use = element('button', { type: 'button', id: 'panel-justification-use' }, 'Use this reason');
    use.onclick = () => {
      saveJustification(text.value);
      void this.context.refresh();
    };
    return element(
      'div',
      { class: 'justification' },
      element('label', { for: 'panel-justification' }, 'Why you are looking (logged with each read of the list)'),
      text,
      use,
    );
  }

  private listTable(list: PanelList, agencyName: (id: string) => string): HTMLElement {
    if (list.items.length === 0) return element('p', {}, 'Nothing on the list that you may see.');
    return element(
      'table',
      { class: 'board panel-entries', 'aria-label': 'Panel list' },
      element(
        'thead',
        {},
        element('tr', {}, ...['On the list', 'Why', 'Intelligence', 'Actions'].map((label) => element('th', { scope: 'col' }, label))),
      ),
      element(
        'tbody',
        {},
        ...list.items.map((entry) =>
          element(
            'tr',
            { 'data-entry': entry.id },
            element('td', {}, `${entityKindLabels[entry.entityKind]}: ${entry.label}`),
            element('td', {}, entry.reason),
            element('td', {}, intelligenceText(entry)),
            element(
              'td',
              {},
              entry.actions.length === 0
                ? 'None'
                : element(
                    'ul',
                    {},
                    ...entry.actions.map((action) =>
                      element(
                        'li',
                        {},
                        element('a', { href: `#view=actions&action=${action.id}` }, action.tacticCode.replaceAll('_', ' ')),
                        ` (${action.status.replace('_', ' ')}, ${agencyName(action.ownerAgencyId)}${action.dueOn ? `, due ${action.dueOn}` : ''}${action.overdue ? ', overdue' : ''})`,
                      ),
                    ),
                  ),
            ),
          ),
        ),
      ),
    );
  }

  private caseReferences(list: PanelList): HTMLElement {
    return element(
      'section',
      { 'aria-label': 'Children (case references only)' },
      element('h3', {}, 'Children (case references only)'),
      list.caseReferences.length === 0
        ? element('p', {}, 'None recorded.')
        : element('ul', {}, ...list.caseReferences.map((reference) => element('li', {}, `${reference.caseReference} (${reference.holdingAgencyName})`))),
    );
  }

  private addEntryForm(panelId: string): HTMLElement {
    const form = new FieldForm('panel-entry', 'Add to the list');
    const kind = select(
      (Object.keys(entityKindLabels) as PanelEntityKind[]).map((value) => ({ value, label: entityKindLabels[value] })),
      'premises',
    );
    const entityId = input('text', '', { autocomplete: 'off' });
    const why = textarea('', 2);
    const submit = element('button', { type: 'submit' }, 'Add to the list');
    form.form.append(
      element('h3', {}, 'Add to the list'),
      form.field('entityKind', 'Kind', kind),
      form.field('entityId', 'Record id', entityId, 'The id of a person (never a child), premises, vehicle or place you may see'),
      form.field('reason', 'Why the panel follows it', why),
      form.summaryElement(),
      submit,
    );
    form.form.onsubmit = (event) => {
      event.preventDefault();
      void this.submit(form, submit, () =>
        this.context.api.post(`/api/panels/${panelId}/list-items`, { entityKind: kind.value, entityId: entityId.value.trim(), reason: why.value }),
      );
    };
    return form.form;
  }

  private addCaseReferenceForm(panelId: string, agencies: readonly Agency[]): HTMLElement {
    const form = new FieldForm('panel-case', 'Add a case reference');
    const reference = input('text', '', { autocomplete: 'off' });
    const agency = select(
      agencies.map((a) => ({ value: a.id, label: a.name })),
      agencies.find((a) => a.kind === 'council')?.id ?? agencies[0]?.id ?? null,
    );
    const submit = element('button', { type: 'submit' }, 'Add case reference');
    form.form.append(
      element('h3', {}, 'Add a child by case reference'),
      form.field('caseReference', 'Case reference', reference, "The social-care system's reference, e.g. LCS-204518: never a name"),
      form.field('holdingAgencyId', 'Agency holding the case', agency),
      form.summaryElement(),
      submit,
    );
    form.form.onsubmit = (event) => {
      event.preventDefault();
      void this.submit(form, submit, () =>
        this.context.api.post(`/api/panels/${panelId}/case-references`, { caseReference: reference.value.trim(), holdingAgencyId: agency.value }),
      );
    };
    return form.form;
  }

  private meetingItem(meeting: PanelMeeting, agencyName: (id: string) => string): HTMLElement {
    return element(
      'li',
      { 'data-meeting': meeting.id },
      element('strong', {}, `Meeting of ${meeting.heldAt.slice(0, 16).replace('T', ' ')} UTC`),
      element('p', {}, 'Attendees by agency:'),
      element('ul', { 'aria-label': 'Attendees' }, ...attendeesByAgency(meeting, agencyName).map((line) => element('li', {}, line))),
      element('p', {}, 'Decisions:'),
      meeting.decisions.length === 0
        ? element('p', {}, 'None.')
        : element('ol', { 'aria-label': 'Decisions' }, ...meeting.decisions.map((decision) => element('li', {}, decision.text))),
      element('p', {}, 'New actions:'),
      meeting.actions.length === 0
        ? element('p', {}, 'None you may see.')
        : element(
            'ul',
            { 'aria-label': 'New actions' },
            ...meeting.actions.map((action) =>
              element(
                'li',
                {},
                element('a', { href: `#view=actions&action=${action.id}` }, action.tacticCode.replaceAll('_', ' ')),
                ` (${action.status.replace('_', ' ')}, ${agencyName(action.ownerAgencyId)})`,
              ),
            ),
          ),
      this.packForm(meeting),
    );
  }

  private packForm(meeting: PanelMeeting): HTMLFormElement {
    const id = meeting.id.slice(0, 8);
    const file = element('select', { id: `panel-pack-file-${id}`, name: 'file' }, ...packFiles.map((name) => element('option', { value: name }, name)));
    const recipient = element('input', { id: `panel-pack-recipient-${id}`, name: 'recipient', required: '', autocomplete: 'off' });
    const reason = element('textarea', { id: `panel-pack-reason-${id}`, name: 'justification', rows: '2', required: '' });
    const result = element('p', { role: 'status' });
    const submit = element('button', { type: 'submit' }, 'Download pack');
    const form = element(
      'form',
      { class: 'meeting-pack-download' },
      element('label', { for: `panel-pack-file-${id}`, class: 'stacked' }, 'File', file),
      element('label', { for: `panel-pack-recipient-${id}`, class: 'stacked' }, 'Recipient', recipient),
      element('label', { for: `panel-pack-reason-${id}`, class: 'stacked' }, 'Reason for disclosure', reason),
      submit,
      result,
    );
    form.onsubmit = async (event) => {
      event.preventDefault();
      submit.disabled = true;
      result.className = '';
      result.textContent = 'Downloading…';
      try {
        const got = await this.context.api.getForFile(
          `/api/panel-meetings/${meeting.id}/pack/${encodeURIComponent(file.value)}${query({ recipient: recipient.value, justification: reason.value })}`,
        );
        if (this.download) URL.revokeObjectURL(this.download);
        this.download = URL.createObjectURL(got.content);
        const link = element('a', { href: this.download, download: got.fileName ?? file.value }, 'Download again');
        result.replaceChildren(`Disclosed ${got.fileName ?? file.value} (${Math.ceil(got.content.size / 1024)} KB). `, link);
        link.click();
      } catch (error) {
        result.className = 'error';
        result.textContent = error instanceof ApiError ? error.describe().join(' ') : String(error);
      } finally {
        submit.disabled = false;
      }
    };
    return form;
  }

  private meetingForm(panelId: string, list: PanelList, agencies: readonly Agency[]): HTMLElement {
    const form = new FieldForm('panel-meeting', 'Record a meeting');
    const heldAt = input('datetime-local', new Date().toISOString().slice(0, 16));
    const rows: { agency: HTMLSelectElement; role: HTMLInputElement; name: HTMLInputElement }[] = [];
    const attendees = element('div', { class: 'attendees' });
    const addRow = (): void => {
      const n = rows.length;
      const row = {
        agency: select(
          agencies.map((a) => ({ value: a.id, label: a.name })),
          this.context.agencyId,
        ),
        role: input('text', '', { autocomplete: 'off' }),
        name: input('text', '', { autocomplete: 'off' }),
      };
      rows.push(row);
      attendees.append(
        element(
          'fieldset',
          { class: 'attendee' },
          element('legend', {}, `Attendee ${n + 1}`),
          form.field(`attendees[${n}].agencyId`, 'Agency', row.agency),
          form.field(`attendees[${n}].role`, 'Role', row.role),
          form.field(`attendees[${n}].name`, 'Name (optional)', row.name),
        ),
      );
    };
    addRow();
    const more = element('button', { type: 'button' }, 'Add an attendee');
    more.onclick = addRow;
    const decisions = textarea('', 4);
    const actions = list.items.flatMap((entry) => entry.actions.map((action) => ({ action, entry })));
    const choices = actions.map(({ action, entry }) => {
      const box = element('input', { type: 'checkbox', id: `panel-meeting-action-${action.id}`, value: action.id });
      return element(
        'div',
        {},
        box,
        element('label', { for: box.id }, `${action.tacticCode.replaceAll('_', ' ')} on ${entry.label} (${action.status.replace('_', ' ')})`),
      );
    });
    const submit = element('button', { type: 'submit' }, 'Record meeting');
    form.form.append(
      element('h3', {}, 'Record a meeting'),
      form.field('heldAt', 'Held at (UTC)', heldAt),
      attendees,
      more,
      form.field('decisions', 'Decisions, one per line', decisions),
      element(
        'fieldset',
        { id: 'panel-meeting-actions' },
        element('legend', {}, 'New actions agreed (record them on the action board first)'),
        ...(choices.length === 0 ? [element('p', {}, 'No action on the list entries yet.')] : choices),
      ),
      form.summaryElement(),
      submit,
    );
    form.form.onsubmit = (event) => {
      event.preventDefault();
      const chosen = [...form.form.querySelectorAll<HTMLInputElement>('#panel-meeting-actions input:checked')].map((box) => box.value);
      const body = meetingRequest(
        heldAt.value,
        rows.map((row): AttendeeRow => ({ agencyId: row.agency.value, role: row.role.value, name: row.name.value })),
        decisions.value,
        chosen,
      );
      void this.submit(form, submit, () => this.context.api.post(`/api/panels/${panelId}/meetings`, body));
    };
    return form.form;
  }

  /** Sends a form's request; on success shows the panel again, on failure each field's reasons beside it. */
  private async submit(form: FieldForm, button: HTMLButtonElement, send: () => Promise<unknown>): Promise<void> {
    button.disabled = true;
    form.clear();
    try {
      await send();
      await this.context.refresh();
    } catch (error) {
      form.show(error);
    } finally {
      button.disabled = false;
    }
  }
}
