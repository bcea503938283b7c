import type { HotspotChanges, HotspotCollection, HotspotFeature, HotspotProperties } from '../api/types';

/** How a hotspot changed since the chosen run, as GET /api/hotspot-runs/{id}/changes classes it. */
export const changeKinds = ['new', 'grown', 'shrunk', 'gone'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const changeLabels: Record<ChangeKind, string> = { new: 'New', grown: 'Grown', shrunk: 'Shrunk', gone: 'Gone' };

/**
 * Each changed hotspot's class. The API puts a hotspot in one list; should a contract change ever put it in two,
 * the later class in {@link changeKinds} order wins, so "gone" (nothing to task any more) is never hidden as "new".
 */
export function classifyChanges(changes: HotspotChanges): Map<string, ChangeKind> {
  const classes = new Map<string, ChangeKind>();
  for (const kind of changeKinds) for (const change of changes[kind]) classes.set(change.hotspotId, kind);
  return classes;
}

/** How many hotspots are in each class, plus the unchanged ones, for the panel's summary line. */
export function changeCounts(changes: HotspotChanges): Record<ChangeKind | 'unchanged', number> {
  return {
    new: changes.new.length,
    grown: changes.grown.length,
    shrunk: changes.shrunk.length,
    gone: changes.gone.length,
    unchanged: changes.unchanged,
  };
}

/** What the map's hotspot source holds: the API's properties plus the id (MapLibre promotes it) and the change class. */
export type MapHotspotProperties = HotspotProperties & { id: string; change: ChangeKind | null };

/**
 * The features the map draws: the current hotspots, each with its change class, and the gone ones from the earlier
 * run's list (the current run no longer has them), so "gone" can be drawn where the hotspot was.
 */
export function hotspotsForMap(
  current: HotspotCollection,
  classes: ReadonlyMap<string, ChangeKind> = new Map(),
  earlier: HotspotCollection | null = null,
): { type: 'FeatureCollection'; features: (Omit<HotspotFeature, 'properties'> & { properties: MapHotspotProperties })[] } {
  const mark = (feature: HotspotFeature, change: ChangeKind | null) => ({
    ...feature,
    properties: { ...feature.properties, id: feature.id, change },
  });
  const features = current.features.map((feature) => mark(feature, classes.get(feature.id) ?? null));
  const shown = new Set(current.features.map((feature) => feature.id));
  for (const feature of earlier?.features ?? []) {
    if (classes.get(feature.id) === 'gone' && !shown.has(feature.id)) features.push(mark(feature, 'gone'));
  }
  return { type: 'FeatureCollection', features };
}

/** The box around GeoJSON coordinates at any depth, as [[minLon, minLat], [maxLon, maxLat]]; null when there are none. */
export function boundsOf(coordinates: unknown): [[number, number], [number, number]] | null {
  let box: [[number, number], [number, number]] | null = null;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
      const [lon, lat] = value as [number, number];
      box = box
        ? [
            [Math.min(box[0][0], lon), Math.min(box[0][1], lat)],
            [Math.max(box[1][0], lon), Math.max(box[1][1], lat)],
          ]
        : [
            [lon, lat],
            [lon, lat],
          ];
      return;
    }
    for (const item of value) visit(item);
  };
  visit(coordinates);
  return box;
}
