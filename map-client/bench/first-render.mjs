// The map benchmark's browser half (bench/run.sh map-benchmark starts it): opens the tasking view in Debian's headless
// Chromium, signed in as the token in FIRST_RENDER_TOKEN, and reports how long after navigation the map first showed
// hotspots and report density with every tile loaded. Each load is a fresh browser context (empty cache); a first,
// untimed pair of loads starts Chromium's GPU process, so that the figures are of a user's first visit.
//
// Each load of the app is followed by one of a baseline measured the same way: MapLibre alone (bench/bare-map, served
// here from MapLibre's own distribution on the app's origin) drawing the same report tiles and hotspots at the same
// fit, over a plain background. It is what this browser on this machine needs before any of the app's own work.
//
// Prints one JSON line: {"milliseconds":[...],"bareMilliseconds":[...],"phases":{...}}, phases being when (ms after
// navigation) the last app load's milestones ended, to show where the time goes; a screenshot of the last app load goes
// to FIRST_RENDER_SCREENSHOT when set.
import { readFile } from 'node:fs/promises';
import { launchChromium } from '../e2e/headless-chromium.mjs';

const baseUrl = process.env.FIRST_RENDER_URL;
const token = process.env.FIRST_RENDER_TOKEN;
const runs = Number(process.env.FIRST_RENDER_RUNS ?? 5);
const screenshot = process.env.FIRST_RENDER_SCREENSHOT;

const barePath = '/__bare-map/';
const bareFiles = {
  'index.html': [new URL('./bare-map/index.html', import.meta.url), 'text/html'],
  'bare-map.mjs': [new URL('./bare-map/bare-map.mjs', import.meta.url), 'text/javascript'],
  'maplibre-gl.mjs': [new URL('../node_modules/maplibre-gl/dist/maplibre-gl.mjs', import.meta.url), 'text/javascript'],
  'maplibre-gl-worker.mjs': [new URL('../node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs', import.meta.url), 'text/javascript'],
  'maplibre-gl.css': [new URL('../node_modules/maplibre-gl/dist/maplibre-gl.css', import.meta.url), 'text/css'],
};

const browser = await launchChromium();

/** One cold load of the page at `path`: ms from navigation to the first frame with hotspots and report density, and the page. */
async function load(path, whenRendered) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Signed in before the page loads, as a returning user in the same tab would be: the sign-in form is not timed.
  await context.addInitScript((value) => sessionStorage.setItem('hotspotintel.token', value), token);
  await context.route(`${baseUrl}${barePath}*`, async (route) => {
    const [file, contentType] = bareFiles[new URL(route.request().url()).pathname.slice(barePath.length)] ?? [];
    await (file ? route.fulfill({ body: await readFile(file), contentType }) : route.fulfill({ status: 404 }));
  });
  const page = await context.newPage();
  // MapLibre fetches tiles in its workers, out of the page's resource timing: their responses are seen from here.
  const tileResponses = [];
  page.on('response', (response) => {
    if (response.url().includes('/tiles/')) tileResponses.push(Date.now());
  });
  await page.goto(`${baseUrl}${path}`);
  // performance.now() counts from the navigation's start; the first frame that shows both layers with all tiles in ends it.
  const rendered = await page.waitForFunction(() => {
    const map = window.__hotspotMap;
    if (!map || !map.loaded() || !map.areTilesLoaded()) return false;
    const drawn = (layer) => (map.getLayer(layer) ? map.queryRenderedFeatures({ layers: [layer] }).length : 0);
    // Hotspots are circles at their centres below zoom 12 and areas from it; report density is drawn as cells.
    const hotspots = drawn('hotspots-fill') + drawn('hotspots-centroids');
    return hotspots > 0 && drawn('reports-cells') > 0 ? performance.now() : false;
  }, null, { polling: 'raf', timeout: 120_000 });
  const milliseconds = await rendered.jsonValue();
  await whenRendered?.(page, tileResponses);
  await context.close();
  return milliseconds;
}

async function milestones(page, tileResponses) {
  const phases = await page.evaluate(() => {
    const resources = performance.getEntriesByType('resource');
    const lastEnd = (pattern) => Math.max(0, ...resources.filter((r) => pattern.test(r.name)).map((r) => r.responseEnd));
    const navigation = performance.getEntriesByType('navigation')[0];
    return {
      domContentLoaded: navigation?.domContentLoadedEventEnd ?? 0,
      scripts: lastEnd(/\.m?js(\?|$)/),
      config: lastEnd(/\/api\/client-config|\/client\/config|config/),
      hotspotsApi: lastEnd(/\/api\/hotspot/),
      timeOrigin: performance.timeOrigin,
      apiRequests: resources.filter((r) => /\/api\//.test(r.name)).map((r) => `${new URL(r.name).pathname} ${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`),
    };
  });
  const { timeOrigin, ...ended } = phases;
  return { ...ended, lastTile: Math.max(0, ...tileResponses.map((at) => at - timeOrigin)), tiles: tileResponses.length };
}

const milliseconds = [];
const bareMilliseconds = [];
let phases = {};
try {
  for (let run = -1; run < runs; run++) {
    const last = run === runs - 1;
    const app = await load('/#view=tasking', async (page, tileResponses) => {
      if (!last) return;
      phases = await milestones(page, tileResponses);
      if (screenshot) await page.screenshot({ path: screenshot });
    });
    const bare = await load(`${barePath}index.html`);
    if (run >= 0) {
      milliseconds.push(app);
      bareMilliseconds.push(bare);
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ milliseconds, bareMilliseconds, phases }));
