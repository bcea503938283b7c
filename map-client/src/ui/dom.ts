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
