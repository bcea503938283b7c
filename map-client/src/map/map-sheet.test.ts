import { describe, expect, it } from 'vitest';
import { roundScale, scaleLabel } from './map-sheet';

describe('map sheet', () => {
  it('picks a round scale length no longer than the room for it', () => {
    expect(roundScale(1.7, 120)).toEqual({ meters: 200, pixels: 200 / 1.7 });
    expect(roundScale(30, 120)).toEqual({ meters: 2000, pixels: 2000 / 30 });
    expect(scaleLabel(2000)).toBe('2 km');
    expect(scaleLabel(200)).toBe('200 m');
  });
});
