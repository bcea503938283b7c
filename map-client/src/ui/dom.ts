/** Creates an element with text and attributes; text is always set as text, never parsed as HTML. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`The page has no #${id}.`);
  return node as T;
}

/** A definition list of facts; missing values say so instead of disappearing. */
export function facts(rows: [string, string | number | null | undefined][]): HTMLDListElement {
  const list = element('dl', { class: 'facts' });
  for (const [term, value] of rows) {
    list.append(element('dt', {}, term), element('dd', {}, value === null || value === undefined ? 'not given' : String(value)));
  }
  return list;
}

/** One choice of a select: the value the state holds and the words shown. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * Replaces a select's options with "none" (the empty value) and the choices, selecting `selected`. A selected value
 * that is not among the choices (a link to something not listed) stays as an option named by `unlisted`, so the
 * control never shows something other than what the URL asks for.
 */
export function fillSelect(
  select: HTMLSelectElement,
  none: string,
  choices: readonly Choice[],
  selected: string | null,
  unlisted: (value: string) => string,
): void {
  const all = [{ value: '', label: none }, ...choices];
  if (selected && !choices.some((choice) => choice.value === selected)) all.push({ value: selected, label: unlisted(selected) });
  select.replaceChildren(...all.map((choice) => element('option', { value: choice.value }, choice.label)));
  select.value = selected ?? '';
}
