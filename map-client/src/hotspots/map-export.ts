import type { Map as MapLibreMap } from 'maplibre-gl';

/** The PNG's file name: what it shows and when, so a tasking pack's images sort by date. */
export function exportFileName(now: Date, view: string, runId?: string | null): string {
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `hotspotintel-${view}${runId ? `-since-${runId.slice(0, 8)}` : ''}-${stamp}.png`;
}

/**
 * The map as drawn now, as a PNG. Drawn again first and read in the same frame's render event, so the canvas holds
 * the current view even without preserveDrawingBuffer (the app sets it too, for printing).
 */
export function mapPng(map: MapLibreMap): Promise<Blob> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      map.getCanvas().toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The map could not be exported.'))), 'image/png');
    });
    map.triggerRepaint();
  });
}
