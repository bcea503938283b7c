import { describe, expect, it } from 'vitest';
import type { NetworkLink, NetworkNode } from '../api/network';
import { mergeGraphs, nodeSizeRange, nodeSizes, pathElements, toElements } from './elements';

function node(id: string, kind: NetworkNode['kind'], degree: number, betweenness = 0, hop = 0): NetworkNode {
  return {
    id,
    kind,
    label: `Synthetic ${id}`,
    detail: null,
    agencyId: 'a',
    handlingCode: 'P',
    securityMarking: 'OFFICIAL',
    dateOfBirth: null,
    longitude: null,
    latitude: null,
    hop,
    metrics: { degree, degreeCentrality: degree / 10, betweenness, eigenvector: 0, community: degree % 3 },
  };
}

function link(id: string, from: string, to: string, derivation: NetworkLink['derivation'] = 'recorded'): NetworkLink {
  return {
    id,
    derivation,
    linkType: derivation === 'recorded' ? 'associate' : null,
    from,
    fromKind: 'person',
    to,
    toKind: 'premises',
    grading: '2B',
    sourceEvaluation: '2',
    intelligenceAssessment: 'B',
    startsOn: null,
    endsOn: null,
    evidenceCount: 1,
    agencyIds: [],
    securityMarking: 'OFFICIAL',
  };
}

describe('network elements', () => {
  it('sizes nodes linearly by the chosen centrality, least to most central', () => {
    const nodes = [node('a', 'person', 1, 0.5), node('b', 'person', 3, 0), node('c', 'premises', 2, 0.25)];
    const byDegree = nodeSizes(nodes, 'degree');
    expect(byDegree.get('a')).toBe(nodeSizeRange[0]);
    expect(byDegree.get('b')).toBe(nodeSizeRange[1]);
    expect(byDegree.get('c')).toBe((nodeSizeRange[0] + nodeSizeRange[1]) / 2);
    const byBetweenness = nodeSizes(nodes, 'betweenness');
    expect(byBetweenness.get('a')).toBe(nodeSizeRange[1]);
    expect(byBetweenness.get('b')).toBe(nodeSizeRange[0]);
  });

  it('gives every node the middle size when all are equally central', () => {
    const sizes = nodeSizes([node('a', 'person', 2), node('b', 'person', 2)], 'degree');
    expect(new Set(sizes.values())).toEqual(new Set([(nodeSizeRange[0] + nodeSizeRange[1]) / 2]));
  });

  it('leaves out links to entities not shown and marks the starts and derived links', () => {
    const elements = toElements(
      { nodes: [node('a', 'person', 1), node('b', 'premises', 1)], links: [link('l1', 'a', 'b'), link('l2', 'a', 'gone'), link('l3', 'b', 'a', 'co_location')] },
      'degree',
      new Set(['person:a']),
    );
    expect(elements.filter((e) => e.group === 'edges').map((e) => e.data.id)).toEqual(['l1', 'l3']);
    expect(elements.find((e) => e.data.id === 'a')?.classes).toBe('person start');
    expect(elements.find((e) => e.data.id === 'b')?.classes).toBe('premises');
    expect(elements.find((e) => e.data.id === 'l3')?.classes).toBe('derived');
    expect(elements.find((e) => e.data.id === 'l3')?.data.label).toBe('co location');
  });

  it('merges an answer into the graph once per entity and link, keeping the nearer hop', () => {
    const merged = mergeGraphs(
      { nodes: [node('a', 'person', 1, 0, 0), node('b', 'premises', 1, 0, 1)], links: [link('l1', 'a', 'b')] },
      { nodes: [node('b', 'premises', 2, 0, 2), node('c', 'person', 1, 0, 1)], links: [link('l1', 'a', 'b'), link('l2', 'b', 'c')] },
    );
    expect(merged.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(merged.nodes.find((n) => n.id === 'b')?.hop).toBe(1);
    expect(merged.links.map((l) => l.id)).toEqual(['l1', 'l2']);
  });

  it('collects the entities and links on the paths found', () => {
    const { nodeIds, linkIds } = pathElements([
      { length: 2, nodes: ['a', 'b', 'c'], steps: [{ from: 'a', to: 'b', linkIds: ['l1'] }, { from: 'b', to: 'c', linkIds: ['l2', 'l3'] }] },
      { length: 1, nodes: ['a', 'd'], steps: [{ from: 'a', to: 'd', linkIds: ['l4'] }] },
    ]);
    expect([...nodeIds].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...linkIds].sort()).toEqual(['l1', 'l2', 'l3', 'l4']);
  });
});
