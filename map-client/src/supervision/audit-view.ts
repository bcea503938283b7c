import type { AuditEntry, AuditPage } from '../api/actions';
import { query } from '../api/client';
import type { AppView, ViewContext } from '../state/view-context';
import { auditActions, timeWindow, type AuditAction, type ViewState } from '../state/view-state';
import { element } from '../ui/dom';
import { renderFilters, type FilterSection } from '../ui/filters';

const pageSize = 50;

/**
 * Supervisors' audit log search: by user, by record (a record changed or read, or a person a read concerned), by kind
 * of action and by day, newest first, 50 at a time with "Older entries" to read on. The filters are in the URL.
 */
export class AuditView implements AppView {
  constructor(private readonly context: ViewContext) {}

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    this.context.legend.hidden = true;
    renderFilters(this.context.filters, auditFilters(state), this.context.update);
    feedback.say('Searching the audit log…');
    const rows = element('tbody');
    const table = element(
      'table',
      { class: 'audit', 'aria-label': 'Audit entries' },
      element('thead', {}, element('tr', {}, ...['When (UTC)', 'User', 'Action', 'Record', 'Rows', 'Justification or recipient'].map((h) => element('th', { scope: 'col' }, h)))),
      rows,
    );
    const more = element('button', { type: 'button' }, 'Older entries');
    const { from, to } = timeWindow(state);
    let shown = 0;
    const load = async (before: number | null, signal?: AbortSignal): Promise<void> => {
      const page = await this.context.api.get<AuditPage>(
        `/api/audit-log${query({ userId: state.auditUser, entityId: state.auditEntity, action: state.auditActions, from, to, limit: pageSize, before })}`,
        signal,
      );
      rows.append(...page.items.map(row));
      shown += page.items.length;
      more.hidden = page.nextBefore === null;
      more.onclick = async () => {
        more.disabled = true;
        try {
          await load(page.nextBefore);
        } catch (error) {
          feedback.fail(error);
        } finally {
          more.disabled = false;
        }
      };
      feedback.say(shown === 0 ? 'No audit entries match.' : `${shown} audit entr${shown === 1 ? 'y' : 'ies'} shown, newest first${page.nextBefore === null ? '' : '; there are older ones'}.`);
    };
    await load(null, signal);
    content.replaceChildren(element('h2', {}, 'Audit log'), table, more);
  }

  hide(): void {
    this.context.content.replaceChildren();
  }
}

function row(entry: AuditEntry): HTMLTableRowElement {
  const record = entry.entityId ? `${entry.entityKind} ${entry.entityId}` : `${entry.entityKind}${entry.entityIds?.length ? ` (${entry.entityIds.length} records)` : ''}`;
  return element(
    'tr',
    {},
    element('td', {}, entry.occurredAt.slice(0, 19).replace('T', ' ')),
    element('td', {}, `${entry.userId} (${entry.role.replace(/_/g, ' ')})`),
    element('td', {}, entry.action),
    element('td', { class: 'record-id' }, record),
    element('td', {}, String(entry.rowCount)),
    element('td', {}, entry.justification ?? (entry.recipient ? `To ${entry.recipient}` : '–')),
  );
}

function auditFilters(state: ViewState): FilterSection[] {
  const text = (id: string, name: string, label: string, value: string | null, attributes: Record<string, string> = {}): HTMLElement => {
    const control = element('input', { type: 'text', id, name, autocomplete: 'off', ...attributes });
    control.value = value ?? '';
    return element('label', { for: id, class: 'stacked' }, label, control);
  };
  const date = (id: string, name: string, label: string, value: string | null): HTMLElement => {
    const control = element('input', { type: 'date', id, name });
    control.value = value ?? '';
    return element('label', { for: id, class: 'stacked' }, label, control);
  };
  const actions = element(
    'fieldset',
    {},
    element('legend', {}, 'Action'),
    ...auditActions.map((code) => {
      const box = element('input', { type: 'checkbox', name: 'auditAction', value: code });
      box.checked = state.auditActions.includes(code);
      return element('label', {}, box, code);
    }),
  );
  return [
    {
      element: text('audit-user', 'user', 'User who acted', state.auditUser),
      read: (data) => ({ auditUser: String(data.get('user') ?? '').trim() || null }),
    },
    {
      element: text('audit-entity', 'entityId', 'Record id (changed, read, or a person a read concerned)', state.auditEntity, {
        pattern: '[0-9a-fA-F-]{36}',
      }),
      read: (data) => ({ auditEntity: String(data.get('entityId') ?? '').trim().toLowerCase() || null }),
    },
    { element: actions, read: (data) => ({ auditActions: data.getAll('auditAction').map(String) as AuditAction[] }) },
    {
      element: element('div', {}, date('audit-from', 'from', 'From (day)', state.from), date('audit-to', 'to', 'To (day, included)', state.to)),
      read: (data) => ({ from: String(data.get('from') ?? '') || null, to: String(data.get('to') ?? '') || null }),
    },
  ];
}
