import type { HotspotConnections } from '../api/network';

/** How many hotspots one question may name (the API's limit). */
export const maxConnectedHotspots = 20;

/**
 * What connects a premises to each hotspot, in words: per hotspot, its paths as "n links: A → B → C" (entities by
 * name, in the order the path takes them), or none within the search's reach.
 */
export function connectionLines(view: HotspotConnections): Map<string, string[]> {
  const names = new Map(view.nodes.map((node) => [node.id, node.label]));
  const name = (id: string): string => names.get(id) ?? id.slice(-8);
  return new Map(
    view.hotspots.map((hotspot) => [
      hotspot.hotspotId,
      hotspot.paths.map((path) => `${path.length} link${path.length === 1 ? '' : 's'}: ${path.nodes.map(name).join(' → ')}`),
    ]),
  );
}
