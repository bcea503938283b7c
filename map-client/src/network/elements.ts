import type { ElementDefinition } from 'cytoscape';
import type { NetworkLink, NetworkNode, NetworkPath } from '../api/network';
import type { Centrality } from '../state/view-state';

/** The smallest and largest node, in pixels: the least and the most central entity of the network shown. */
export const nodeSizeRange = [18, 56] as const;

/** A network's entities and links, as the view holds them between questions. */
export interface NetworkGraph {
  nodes: NetworkNode[];
  links: NetworkLink[];
}

/** The graph with another answer's entities and links added (a path found, a node expanded); each once, the latest kept. */
export function mergeGraphs(base: NetworkGraph, extra: NetworkGraph): NetworkGraph {
  const nodes = new Map(base.nodes.map((node) => [node.id, node]));
  for (const node of extra.nodes) nodes.set(node.id, { ...node, hop: Math.min(node.hop, nodes.get(node.id)?.hop ?? node.hop), metrics: node.metrics ?? nodes.get(node.id)?.metrics ?? null });
  const links = new Map(base.links.map((link) => [link.id, link]));
  for (const link of extra.links) links.set(link.id, link);
  return { nodes: [...nodes.values()], links: [...links.values()] };
}

/** A node's centrality by the chosen measure (degree: its number of links); 0 when the API gave no metrics. */
export function centralityOf(node: NetworkNode, measure: Centrality): number {
  const metrics = node.metrics;
  if (!metrics) return 0;
  return measure === 'degree' ? metrics.degree : measure === 'betweenness' ? metrics.betweenness : metrics.eigenvector;
}

/** Each node's size, linear in its centrality between the least and most central node shown; all the middle size when they are equal. */
export function nodeSizes(nodes: readonly NetworkNode[], measure: Centrality): Map<string, number> {
  const values = nodes.map((node) => centralityOf(node, measure));
  const [least, most] = [Math.min(...values), Math.max(...values)];
  const [small, large] = nodeSizeRange;
  return new Map(
    nodes.map((node, i) => [node.id, most > least ? small + ((values[i]! - least) / (most - least)) * (large - small) : (small + large) / 2]),
  );
}

/** How a link reads on the chart: its recorded type, or the kind of derived link, in words. */
export function linkLabel(link: NetworkLink): string {
  return (link.linkType ?? link.derivation).replace(/_/g, ' ');
}

/**
 * The network as cytoscape elements: a node per entity (sized by `measure`, marked when it is a start) and an edge per
 * link whose ends are both shown (a link to an entity left out by the node limit has nothing to join).
 */
export function toElements(graph: NetworkGraph, measure: Centrality, starts: ReadonlySet<string>): ElementDefinition[] {
  const sizes = nodeSizes(graph.nodes, measure);
  const shown = new Set(graph.nodes.map((node) => node.id));
  const nodes: ElementDefinition[] = graph.nodes.map((node) => ({
    group: 'nodes',
    data: {
      id: node.id,
      label: node.label,
      kind: node.kind,
      hop: node.hop,
      community: node.metrics?.community ?? -1,
      size: sizes.get(node.id),
      centrality: centralityOf(node, measure),
    },
    classes: starts.has(`${node.kind}:${node.id}`) ? `${node.kind} start` : node.kind,
  }));
  const edges: ElementDefinition[] = graph.links
    .filter((link) => shown.has(link.from) && shown.has(link.to))
    .map((link) => ({
      group: 'edges',
      data: { id: link.id, source: link.from, target: link.to, label: linkLabel(link), grading: link.grading ?? '' },
      classes: link.derivation === 'recorded' ? 'recorded' : 'derived',
    }));
  return [...nodes, ...edges];
}

/** The entities and links on the paths found, to highlight. */
export function pathElements(paths: readonly NetworkPath[]): { nodeIds: Set<string>; linkIds: Set<string> } {
  const nodeIds = new Set(paths.flatMap((path) => path.nodes));
  const linkIds = new Set(paths.flatMap((path) => path.steps.flatMap((step) => step.linkIds)));
  return { nodeIds, linkIds };
}

/** How an entity is named as a start or a path end: "kind:id". */
export function referenceOf(node: Pick<NetworkNode, 'kind' | 'id'>): string {
  return `${node.kind}:${node.id}`;
}

/** The kinds of entity a network holds, each of which can start it, be expanded and end a path (the API's EntityKind). */
export const entityKinds = ['person', 'premises', 'vehicle', 'location', 'phone_number', 'online_identifier'] as const;

/** Whether the paths search can start or end at this entity: any entity of a network. */
export function canBePathEnd(node: Pick<NetworkNode, 'kind'>): boolean {
  return (entityKinds as readonly string[]).includes(node.kind);
}

/** Whether the network can start from this entity (the kinds a start names). */
export const canStartFrom = canBePathEnd;
