/**
 * Why the analyst is looking at person-level links: asked once and sent with every network question (the API logs it
 * with each answer). Kept in this tab only, like the sign-in, so that a new tab asks again.
 */
const key = 'hotspotintel.networkJustification';

export function savedJustification(storage: Pick<Storage, 'getItem'> | undefined = globalThis.sessionStorage): string {
  return storage?.getItem(key) ?? '';
}

export function saveJustification(text: string, storage: Pick<Storage, 'setItem'> | undefined = globalThis.sessionStorage): void {
  storage?.setItem(key, text.trim());
}

/** The API's rule (AuditLog.RequireJustification): 10 to 1000 characters once trimmed. */
export function isJustification(text: string): boolean {
  const length = text.trim().length;
  return length >= 10 && length <= 1000;
}
