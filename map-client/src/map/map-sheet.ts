import type { Map as MapLibreMap } from 'maplibre-gl';

/** Every map this service draws is derived from intelligence about children: marked at the highest marking it may hold. */
export const mapMarking = 'OFFICIAL-SENSITIVE';

/** One legend entry as shown beside the map: its swatch colour and its words. */
export interface SheetLegendItem {
  colour: string;
  label: string;
}

/** What a map sheet (the exported PNG or the print view) carries around the map. */
export interface MapSheet {
  title: string;
  date: Date;
  legend: SheetLegendItem[];
  marking: string;
  /** The scale bar: its length in metres and in CSS pixels of the map. */
  scale: { meters: number; pixels: number };
}

/** The legend as the panel shows it: each item with a swatch, its colour read from the swatch itself. */
export function legendItems(legend: HTMLElement): SheetLegendItem[] {
  return [...legend.querySelectorAll('li')].flatMap((item) => {
    const swatch = item.querySelector<HTMLElement>('.swatch');
    if (!swatch) return [];
    const colour = swatch.style.backgroundColor || swatch.style.borderColor || '#000000';
    return [{ colour, label: (item.textContent ?? '').trim() }];
  });
}

/** A round length (1, 2 or 5 times a power of ten metres) at most maxPixels long at the map's centre. */
export function scaleFor(map: MapLibreMap, maxPixels = 120): MapSheet['scale'] {
  const metersPerPixel = (40_075_016.686 * Math.cos((map.getCenter().lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
  return roundScale(metersPerPixel, maxPixels);
}

export function roundScale(metersPerPixel: number, maxPixels: number): MapSheet['scale'] {
  const most = metersPerPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(most));
  const meters = [5, 2, 1].map((step) => step * power).find((length) => length <= most) ?? power;
  return { meters, pixels: meters / metersPerPixel };
}

export function scaleLabel(meters: number): string {
  return meters >= 1000 ? `${meters / 1000} km` : `${meters} m`;
}

export function sheetDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const band = 56;
const legendWidth = 260;

/**
 * The map image with its sheet around it: the marking at top and bottom, the title and date, the legend with its real
 * swatch colours, a scale bar and a north arrow (the map is drawn north up: the app does not rotate it).
 */
export function composeSheet(mapCanvas: HTMLCanvasElement, sheet: MapSheet, pixelRatio: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const scale = pixelRatio;
  canvas.width = mapCanvas.width + legendWidth * scale;
  canvas.height = mapCanvas.height + 2 * band * scale;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('The map could not be exported: no 2D canvas.');
  g.scale(scale, scale);
  const width = canvas.width / scale;
  const height = canvas.height / scale;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  g.textBaseline = 'middle';
  // The marking, top and bottom, centred, as on any protectively marked page.
  g.fillStyle = '#000000';
  g.font = 'bold 14px sans-serif';
  g.textAlign = 'center';
  g.fillText(sheet.marking, width / 2, 12);
  g.fillText(sheet.marking, width / 2, height - 12);
  g.textAlign = 'left';
  g.font = 'bold 18px sans-serif';
  g.fillText(sheet.title, 12, 36);
  g.font = '13px sans-serif';
  g.textAlign = 'right';
  g.fillText(sheetDate(sheet.date), width - 12, 36);
  g.textAlign = 'left';
  g.setTransform(1, 0, 0, 1, 0, 0);
  g.drawImage(mapCanvas, 0, band * scale);
  g.scale(scale, scale);
  const mapWidth = mapCanvas.width / scale;
  const mapBottom = band + mapCanvas.height / scale;
  // Scale bar, bottom left of the map, on a white ground.
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(8, mapBottom - 34, sheet.scale.pixels + 16, 28);
  g.strokeStyle = '#000000';
  g.lineWidth = 2;
  g.beginPath();
  g.moveTo(16, mapBottom - 22);
  g.lineTo(16, mapBottom - 14);
  g.lineTo(16 + sheet.scale.pixels, mapBottom - 14);
  g.lineTo(16 + sheet.scale.pixels, mapBottom - 22);
  g.stroke();
  g.fillStyle = '#000000';
  g.font = '11px sans-serif';
  g.fillText(scaleLabel(sheet.scale.meters), 20, mapBottom - 26);
  // North arrow, top right of the map.
  const [nx, ny] = [mapWidth - 28, band + 16];
  g.fillStyle = 'rgba(255,255,255,0.85)';
  g.fillRect(nx - 14, ny - 4, 28, 44);
  g.fillStyle = '#000000';
  g.beginPath();
  g.moveTo(nx, ny + 12);
  g.lineTo(nx - 8, ny + 36);
  g.lineTo(nx, ny + 30);
  g.lineTo(nx + 8, ny + 36);
  g.closePath();
  g.fill();
  g.font = 'bold 12px sans-serif';
  g.textAlign = 'center';
  g.fillText('N', nx, ny + 5);
  g.textAlign = 'left';
  // Legend, right of the map.
  let y = band + 16;
  g.font = 'bold 14px sans-serif';
  g.fillText('Legend', mapWidth + 12, y);
  g.font = '12px sans-serif';
  for (const item of sheet.legend) {
    y += 22;
    g.fillStyle = item.colour;
    g.fillRect(mapWidth + 12, y - 7, 14, 14);
    g.strokeStyle = '#495057';
    g.lineWidth = 1;
    g.strokeRect(mapWidth + 12, y - 7, 14, 14);
    g.fillStyle = '#000000';
    g.fillText(item.label.length > 34 ? `${item.label.slice(0, 33)}…` : item.label, mapWidth + 32, y);
  }
  return canvas;
}

/** The map as drawn now, in its sheet, as a PNG (drawn again and read in the same frame, so the canvas holds the view). */
export function sheetPng(map: MapLibreMap, sheet: MapSheet): Promise<Blob> {
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      try {
        composeSheet(map.getCanvas(), sheet, map.getCanvas().width / map.getCanvas().clientWidth || 1).toBlob(
          (blob) => (blob ? resolve(blob) : reject(new Error('The map could not be exported.'))),
          'image/png',
        );
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    map.triggerRepaint();
  });
}
