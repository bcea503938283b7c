import { describe, expect, it } from 'vitest';
import type { HotspotConnections } from '../api/network';
import { connectionLines } from './hotspot-connections';

const node = (id: string, label: string) => ({ id, label }) as HotspotConnections['nodes'][number];

describe('what connects a premises to hotspots', () => {
  it('names each path by its entities in order, and leaves a hotspot with no path empty', () => {
    const view = {
      premisesId: 'p',
      hotspots: [
        { hotspotId: 'h1', paths: [{ length: 2, nodes: ['p', 'a', 'q'], steps: [] }] },
        { hotspotId: 'h2', paths: [] },
      ],
      nodes: [node('p', 'Example Bar'), node('a', 'Alex TESTPERSON'), node('q', 'Example Park')],
      links: [],
    } as HotspotConnections;
    expect(connectionLines(view)).toEqual(
      new Map([
        ['h1', ['2 links: Example Bar → Alex TESTPERSON → Example Park']],
        ['h2', []],
      ]),
    );
  });
});
