import { describe, expect, it } from 'vitest';
import { boxAround } from './nearby-hotspot-areas';

describe('the box around a premises', () => {
  it('holds the radius in every direction, wider in longitude away from the equator', () => {
    // Birmingham New Street station, where a degree of longitude is about 68 km.
    const [west, south, east, north] = boxAround([-1.8998, 52.4778], 500);
    const metersNorth = (north - 52.4778) * 111_320;
    const metersEast = (east - -1.8998) * 111_320 * Math.cos((52.4778 * Math.PI) / 180);
    expect(metersNorth).toBeGreaterThanOrEqual(500);
    expect(metersNorth).toBeLessThan(600);
    expect(metersEast).toBeCloseTo(metersNorth, 6);
    expect(east - -1.8998).toBeCloseTo(-1.8998 - west, 12);
    expect(52.4778 - south).toBeCloseTo(north - 52.4778, 12);
    expect(east - west).toBeGreaterThan(north - south);
  });
});
