/**
 * A record as the reviewer reads it before deciding: the plain fields of GET /api/{kind}/{id} (a GeoJSON Feature's
 * properties, or the record itself), in the API's order, as label and text. Nested values (restrictions, geometry, id
 * lists) are left out but for the restrictions' marking, handling and review date, which the decision is about.
 */
export function recordSummary(body: unknown): [string, string][] {
  const record = (body ?? {}) as Record<string, unknown>;
  const fields = (record.type === 'Feature' ? record.properties : record) as Record<string, unknown> | null;
  if (!fields || typeof fields !== 'object') return [];
  const rows: [string, string][] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'id' || value === null || value === undefined || value === '') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') rows.push([labelOf(key), String(value)]);
  }
  const restrictions = fields.restrictions as Record<string, unknown> | undefined;
  for (const key of ['securityMarking', 'handlingCode', 'handlingConditions', 'reviewOn'] as const) {
    const value = restrictions?.[key];
    if (typeof value === 'string' && value) rows.push([labelOf(key), value]);
  }
  return rows;
}

/** "occurredAt" → "Occurred at". */
function labelOf(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
