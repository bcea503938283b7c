/**
 * Place names drawn as HTML labels so the offline basemap needs no font server. Synthetic-city centres of the
 * West-Midlands-like demo region; positions are approximate town centres (longitude, latitude).
 */
export const placeLabels: { name: string; longitude: number; latitude: number }[] = [
  { name: 'Birmingham', longitude: -1.8904, latitude: 52.4862 },
  { name: 'Wolverhampton', longitude: -2.1288, latitude: 52.5862 },
  { name: 'Coventry', longitude: -1.5197, latitude: 52.4068 },
  { name: 'Walsall', longitude: -1.9822, latitude: 52.5862 },
  { name: 'Dudley', longitude: -2.0813, latitude: 52.5123 },
  { name: 'West Bromwich', longitude: -1.9945, latitude: 52.5187 },
  { name: 'Solihull', longitude: -1.778, latitude: 52.4118 },
];
