// The map benchmark's browser half (bench/run.sh map-benchmark starts it): opens the tasking view in Debian's headless
// Chromium, signed in as the token in FIRST_RENDER_TOKEN, and reports how long after navigation the map first showed
// hotspots and report density with every tile loaded. Each run is a fresh browser context (empty cache); a first,
// untimed load warms what a running service has warm (the API's compiled code, PostgreSQL's buffers, Chromium's GPU
// process), so that the figures are of a user's first visit, not of the server's first request. Prints one
// JSON line: {"milliseconds":[...],"phases":{...}}, phases being when (ms after navigation) the last run's milestones
// ended, to show where the time goes; a screenshot of the last run goes to FIRST_RENDER_SCREENSHOT when set.
import { launchChromium } from '../e2e/headless-chromium.mjs';

const baseUrl = process.env.FIRST_RENDER_URL;
const token = process.env.FIRST_RENDER_TOKEN;
const runs = Number(process.env.FIRST_RENDER_RUNS ?? 5);
const screenshot = process.env.FIRST_RENDER_SCREENSHOT;

const browser = await launchChromium();

const milliseconds = [];
let phases = {};
try {
  for (let run = -1; run < runs; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Signed in before the page loads, as a returning user in the same tab would be: the sign-in form is not timed.
    await context.addInitScript((value) => sessionStorage.setItem('hotspotintel.token', value), token);
    const page = await context.newPage();
    // MapLibre fetches tiles in its workers, out of the page's resource timing: their responses are seen from here.
    const tileResponses = [];
    page.on('response', (response) => {
      if (response.url().includes('/tiles/')) tileResponses.push(Date.now());
    });
    await page.goto(`${baseUrl}/#view=tasking`);
    // performance.now() counts from the navigation's start; the first frame that shows both layers with all tiles in ends it.
    const rendered = await page.waitForFunction(() => {
      const map = window.__hotspotMap;
      if (!map || !map.loaded() || !map.areTilesLoaded()) return false;
      const drawn = (layer) => (map.getLayer(layer) ? map.queryRenderedFeatures({ layers: [layer] }).length : 0);
      // Hotspots are circles at their centres below zoom 12 and areas from it; report density is drawn as cells.
      const hotspots = drawn('hotspots-fill') + drawn('hotspots-centroids');
      return hotspots > 0 && drawn('reports-cells') > 0 ? performance.now() : false;
    }, null, { polling: 'raf', timeout: 120_000 });
    if (run < 0) {
      await context.close();
      continue;
    }
    milliseconds.push(await rendered.jsonValue());
    phases = await page.evaluate(() => {
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
    const { timeOrigin, ...milestones } = phases;
    phases = { ...milestones, lastTile: Math.max(0, ...tileResponses.map((at) => at - timeOrigin)), tiles: tileResponses.length };
    if (screenshot && run === runs - 1) await page.screenshot({ path: screenshot });
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify({ milliseconds, phases }));
