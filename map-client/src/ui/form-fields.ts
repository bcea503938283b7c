import { ApiError } from '../api/problem';
import { element } from './dom';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * A form whose controls are named as the API's fields, so that a Problem Details `errors` map (field -> reasons) is
 * shown beside each control it names: the reasons in the field's own message, `aria-invalid` on the control and the
 * message tied to it by `aria-describedby`. Reasons for fields the form has no control for go to its summary.
 */
export class FieldForm {
  readonly form: HTMLFormElement;
  private readonly summary: HTMLElement;
  private readonly messages = new Map<string, HTMLElement>();

  constructor(
    readonly prefix: string,
    label: string,
  ) {
    this.form = element('form', { class: 'field-form', 'aria-label': label, novalidate: '' });
    this.summary = element('div', { class: 'error', role: 'alert', tabindex: '-1', hidden: '' });
  }

  /** A labelled control with room for its error message under it; `hint` says what the field wants. */
  field<C extends Control>(name: string, label: string, control: C, hint?: string): HTMLElement {
    const id = `${this.prefix}-${name}`;
    control.id = id;
    control.name = name;
    const message = element('p', { class: 'field-error', id: `${id}-error`, hidden: '' });
    this.messages.set(name, message);
    const described = [`${id}-error`];
    const parts: (Node | string)[] = [element('label', { for: id }, label), control];
    if (hint) {
      parts.push(element('p', { class: 'hint', id: `${id}-hint` }, hint));
      described.unshift(`${id}-hint`);
    }
    control.setAttribute('aria-describedby', described.join(' '));
    parts.push(message);
    return element('div', { class: 'field' }, ...parts);
  }

  /** The summary box, for the form to place (usually above its submit button). */
  summaryElement(): HTMLElement {
    return this.summary;
  }

  clear(): void {
    this.summary.hidden = true;
    this.summary.replaceChildren();
    for (const [name, message] of this.messages) {
      message.hidden = true;
      message.textContent = '';
      this.control(name)?.removeAttribute('aria-invalid');
    }
  }

  /**
   * Shows a failure: each field's reasons beside it, the rest (title, detail, unknown fields) in the summary. Focus
   * goes to the first invalid control, else the summary. Returns the number of fields marked.
   */
  show(error: unknown): number {
    this.clear();
    const lines: string[] = [];
    let marked = 0;
    let first: Control | null = null;
    if (error instanceof ApiError) {
      lines.push(error.problem.title ?? `Request failed (${error.status})`);
      if (error.problem.detail) lines.push(error.problem.detail);
      for (const [field, reasons] of Object.entries(error.problem.errors ?? {})) {
        const message = this.messages.get(field) ?? this.messages.get(field.charAt(0).toLowerCase() + field.slice(1));
        const control = message ? this.control(message.id.slice(this.prefix.length + 1, -'-error'.length)) : null;
        if (message && control) {
          message.textContent = reasons.join(' ');
          message.hidden = false;
          control.setAttribute('aria-invalid', 'true');
          first ??= control;
          marked++;
        } else {
          lines.push(`${field}: ${reasons.join(' ')}`);
        }
      }
      if (marked) lines.push(`${marked} field${marked === 1 ? '' : 's'} to correct, marked below each.`);
    } else {
      lines.push(String(error));
    }
    this.summary.replaceChildren(...lines.map((line, index) => element(index === 0 ? 'strong' : 'p', {}, line)));
    this.summary.hidden = false;
    (first ?? this.summary).focus?.();
    return marked;
  }

  // Escaped: a field of a list (attendees[0].role) has brackets and dots in its id.
  private control(name: string): Control | null {
    return this.form.querySelector<Control>(`#${CSS.escape(`${this.prefix}-${name}`)}`);
  }
}

export function input(type: string, value: string | null = '', attributes: Record<string, string> = {}): HTMLInputElement {
  const control = element('input', { type, ...attributes });
  control.value = value ?? '';
  return control;
}

export function textarea(value: string | null = '', rows = 3): HTMLTextAreaElement {
  const control = element('textarea', { rows: String(rows) });
  control.value = value ?? '';
  return control;
}

export function select(choices: readonly { value: string; label: string }[], selected: string | null): HTMLSelectElement {
  const control = element('select', {}, ...choices.map((choice) => element('option', { value: choice.value }, choice.label)));
  control.value = selected ?? choices[0]?.value ?? '';
  return control;
}
