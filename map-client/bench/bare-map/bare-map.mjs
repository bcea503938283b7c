// See index.html. The token is the one the app reads; requests go to the same API as the app's.
import * as maplibregl from './maplibre-gl.mjs';

const headers = { Authorization: `Bearer ${sessionStorage.getItem('hotspotintel.token')}` };
const hotspots = fetch('/api/hotspots', { headers }).then((response) => response.json());
maplibregl.setWorkerUrl(new URL('maplibre-gl-worker.mjs', import.meta.url).href);

const map = new maplibregl.Map({
  container: 'map',
  style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#e9ecef' } }] },
  center: [-1.89, 52.49],
  zoom: 8,
  attributionControl: false,
  transformRequest: (url) => ({ url, headers }),
});

map.once('style.load', async () => {
  const data = await hotspots;
  const box = new maplibregl.LngLatBounds();
  const extend = (value) => (typeof value[0] === 'number' ? box.extend(value) : value.forEach(extend));
  for (const feature of data.features) extend(feature.geometry.coordinates);
  map.fitBounds(box, { padding: 60, maxZoom: 15, duration: 0 });
  map.addSource('reports', { type: 'vector', tiles: [`${location.origin}/tiles/reports/{z}/{x}/{y}.mvt`], maxzoom: 16 });
  map.addLayer({ id: 'reports-cells', type: 'fill', source: 'reports', 'source-layer': 'reports', paint: { 'fill-color': '#2171b5', 'fill-opacity': 0.6 } });
  map.addSource('hotspots', { type: 'geojson', data });
  map.addLayer({ id: 'hotspots-fill', type: 'fill', source: 'hotspots', paint: { 'fill-color': '#d62828', 'fill-opacity': 0.45 } });
  window.__hotspotMap = map;
});
