// End-to-end tests of the map client in Debian's Chromium, driven by playwright-core against the real API with demo
// data (run-e2e.sh sets it up). Prints "client: N passed, N failed"; screenshots go to map-client/screenshots/.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { launchChromium } from './headless-chromium.mjs';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

const baseUrl = process.env.E2E_BASE_URL;
const tokens = {
  tasking_member: process.env.E2E_TOKEN_TASKING_MEMBER,
  analyst: process.env.E2E_TOKEN_ANALYST,
  licensing_officer: process.env.E2E_TOKEN_LICENSING_OFFICER,
  supervisor: process.env.E2E_TOKEN_SUPERVISOR,
};
const exactLocations = JSON.parse(readFileSync(process.env.E2E_EXACT_LOCATIONS, 'utf8'));
const maskedCell = JSON.parse(readFileSync(process.env.E2E_MASKED_CELL, 'utf8').trim() || 'null');
const screenshots = new URL('../screenshots/', import.meta.url).pathname;
mkdirSync(screenshots, { recursive: true });

const browser = await launchChromium();

const results = [];
async function test(name, body) {
  // E2E_ONLY=regex runs only the tests it matches, for iterating on one; the suite runs them all.
  if (process.env.E2E_ONLY && !new RegExp(process.env.E2E_ONLY).test(name)) return;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const offOrigin = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== baseUrl) offOrigin.push(request.url());
  });
  try {
    await body(page);
    if (offOrigin.length) throw new Error(`requests left the origin: ${offOrigin.slice(0, 3).join(', ')}`);
    results.push({ name, ok: true });
    console.log(`  ✓ ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}\n      ${String(error?.stack ?? error).split('\n').slice(0, 4).join('\n      ')}`);
    await page.screenshot({ path: `${screenshots}failed-${name.replace(/\W+/g, '-')}.png` }).catch(() => {});
  } finally {
    await context.close();
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function signIn(page, role, hash = '') {
  await page.goto(`${baseUrl}/${hash}`);
  await page.getByLabel('Access token').fill(tokens[role]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForMap(page);
}

/** The view has finished loading and the map has drawn everything it asked for. */
async function waitForMap(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  await page.waitForFunction(() => {
    const map = window.__hotspotMap;
    return map && map.loaded() && map.areTilesLoaded() && map.getCanvas().width > 0;
  }, null, { timeout: 60_000 });
}

async function problemShown(page) {
  return (await page.locator('#problem').isVisible()) ? await page.locator('#problem').innerText() : null;
}

await test('sign-in refuses text that is not a token and says why', async (page) => {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Access token').fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const error = await page.getByRole('alert').first().innerText();
  assert(/not a HotspotIntel token/.test(error), `no error shown: ${error}`);
  await page.screenshot({ path: `${screenshots}sign-in.png` });
});

/** Polls the API until a hotspot run has succeeded with hotspots (the server starts one when none has). */
async function waitForHotspots(role, timeoutMs = 240_000) {
  const started = Date.now();
  const headers = { Authorization: `Bearer ${tokens[role]}` };
  for (;;) {
    const response = await fetch(`${baseUrl}/api/hotspots`, { headers });
    if (response.ok) {
      const body = await response.json();
      if (body.features.length > 0) return body.features.length;
    }
    const runs = await (await fetch(`${baseUrl}/api/hotspot-runs`, { headers })).json().catch(() => ({ items: [] }));
    const failed = runs.items?.find((run) => run.status === 'failed');
    if (failed) throw new Error(`the first hotspot run failed: ${failed.error}`);
    if (Date.now() - started > timeoutMs) throw new Error(`no hotspots after ${timeoutMs / 1000} s: runs ${JSON.stringify(runs.items?.map((r) => r.status))}`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** A GET of the API as a role, outside the browser: what the page should show, to compare with what it does. */
async function apiGet(role, path) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${tokens[role]}` } });
  assert(response.ok, `GET ${path} answered ${response.status}`);
  return response.json();
}

/** Runs an action that changes the URL and waits until the view has rendered the new state and the map has drawn it. */
async function afterRender(page, action) {
  // The hash change renders asynchronously: without clearing the flag first, the previous render's "ready" would do.
  await page.evaluate(() => delete document.body.dataset.ready);
  await action();
  await waitForMap(page);
}

/** Presses Tab until the element with this id has the focus: proves it is reachable by keyboard in page order. */
async function tabTo(page, id, maxPresses = 30) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((target) => document.activeElement?.id === target, id)) return;
  }
  throw new Error(`#${id} not reached in ${maxPresses} presses of Tab`);
}

await test('tasking member: hotspots from the first run appear; one opens with score, significance and trend chart; the map exports as PNG', async (page) => {
  const count = await waitForHotspots('tasking_member');
  await signIn(page, 'tasking_member');
  assert((await problemShown(page)) === null, `error shown: ${await problemShown(page)}`);
  assert(page.url().includes('#view=tasking'), `URL does not say the view: ${page.url()}`);
  const legend = await page.locator('#legend').innerText();
  for (const trend of ['New', 'Intensifying', 'Persistent', 'Diminishing', 'Historical', 'Sporadic']) assert(legend.includes(trend), `legend lacks ${trend}`);
  const hotspotButtons = page.getByRole('list', { name: 'Hotspots' }).getByRole('button');
  assert((await hotspotButtons.count()) === count, `the list shows ${await hotspotButtons.count()} hotspots, the API ${count}`);
  await page.waitForFunction(() => window.__hotspotMap.querySourceFeatures('hotspots').length > 0, null, { timeout: 15_000 });
  await hotspotButtons.first().click();
  const panel = page.locator('section[aria-label="Hotspot details"]');
  await panel.waitFor({ timeout: 15_000 });
  assert(/hotspot=[0-9a-f-]{36}/.test(page.url()), `opening a hotspot is not in the URL: ${page.url()}`);
  const text = await panel.innerText();
  for (const fact of ['Weighted score', 'z-score', 'p-value', 'Linked vehicles', 'Linked persons', 'Top categories', 'Premises inside or near']) {
    assert(text.includes(fact), `panel lacks ${fact}: ${text}`);
  }
  const score = /Weighted score\s+([0-9.]+)/.exec(text)?.[1];
  assert(score && Number(score) > 0, `no weighted score in the panel: ${text}`);
  const markers = await panel.locator('svg.trend-chart circle').count();
  assert(markers >= 1, 'the trend chart has no run on it');
  await waitForMap(page);
  await page.screenshot({ path: `${screenshots}tasking-hotspot.png` });

  await page.getByRole('button', { name: 'Export map as PNG' }).click();
  const link = page.getByRole('link', { name: /Download map PNG/ });
  await link.waitFor({ timeout: 15_000 });
  assert(/\.png$/.test((await link.getAttribute('download')) ?? ''), 'the export link names no PNG file');
  const png = await page.evaluate(async (href) => {
    const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
    const image = await createImageBitmap(new Blob([bytes]));
    const canvas = window.__hotspotMap.getCanvas();
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return {
      size: bytes.length,
      signature: Array.from(bytes.slice(1, 4)).map((b) => String.fromCharCode(b)).join(''),
      // The sheet is the map plus a legend column and a band above and below for title, date and marking.
      larger: image.width > canvas.width && image.height > canvas.height,
      base64: btoa(binary),
    };
  }, await link.getAttribute('href'));
  assert(png.signature === 'PNG' && png.size > 10_000, `the export is not a drawn PNG: ${JSON.stringify({ ...png, base64: undefined })}`);
  assert(png.larger, 'the exported PNG is the bare map, with no sheet around it');
  writeFileSync(`${screenshots}exported-map.png`, Buffer.from(png.base64, 'base64'));

  await page.getByRole('button', { name: 'Print view' }).click();
  const printView = page.getByRole('dialog', { name: 'Print view' });
  await printView.waitFor({ timeout: 10_000 });
  const printed = await printView.innerText();
  assert(/HotspotIntel: hotspots for tasking/.test(printed), `the print view has no title: ${printed}`);
  assert(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/.test(printed), 'the print view has no date');
  assert((printed.match(/OFFICIAL-SENSITIVE/g) ?? []).length === 2, 'the print view is not marked top and bottom');
  assert(await printView.getByLabel(/^Scale bar: \d+ (m|km)$/).count() === 1, 'the print view has no scale bar');
  assert(await printView.getByLabel('North arrow: north is up').count() === 1, 'the print view has no north arrow');
  const swatches = await printView.getByRole('complementary', { name: 'Legend' }).locator('li .swatch').count();
  assert(swatches >= 3, `the print view's legend has ${swatches} swatches`);
  await page.screenshot({ path: `${screenshots}print-view.png` });
  await page.keyboard.press('Escape');
  assert(await printView.count() === 0, 'Escape does not close the print view');
  console.log(`      (${count} hotspots; opened one with score ${score} and ${markers} run(s) charted; PNG ${png.size} bytes)`);
});

await test('tasking: a first load asks for the hotspots once, and for report tiles only where it opens, even when the hotspots come late', async (page) => {
  await waitForHotspots('tasking_member');
  // Hotspots that arrive after the map is ready: the view must not load the region's tiles while it waits for them.
  await page.route((url) => url.pathname === '/api/hotspots', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await route.continue();
  });
  const hotspotListings = [];
  const reportTileZooms = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/hotspots') hotspotListings.push(url.search);
    const tile = /^\/tiles\/reports\/(\d+)\//.exec(url.pathname);
    if (tile) reportTileZooms.push(Number(tile[1]));
  });
  await signIn(page, 'tasking_member');
  assert((await problemShown(page)) === null, `error shown: ${await problemShown(page)}`);
  const zoom = await page.evaluate(() => window.__hotspotMap.getZoom());
  assert(hotspotListings.length === 1, `the hotspots were listed ${hotspotListings.length} times: ${JSON.stringify(hotspotListings)}`);
  // The view opens fitted to the hotspots; tiles for the region's view before the fit would be wasted work.
  const zooms = [...new Set(reportTileZooms)];
  assert(zooms.length === 1 && zooms[0] === Math.floor(zoom), `report tiles at zooms ${JSON.stringify(zooms)} for a map at zoom ${zoom.toFixed(2)}`);
  console.log(`      (1 hotspot listing; ${reportTileZooms.length} report tiles, all at zoom ${zooms[0]})`);
});

await test('tablet (768×1024): the map keeps a usable share beside the panel, the panel toggles by keyboard, and a hotspot opens', async (page) => {
  await waitForHotspots('tasking_member');
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, 'tasking_member');
  const boxes = () => page.evaluate(() => {
    const box = (element) => {
      const r = element.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return { map: box(document.getElementById('map')), canvas: box(window.__hotspotMap.getCanvas()), panel: box(document.getElementById('panel')) };
  });
  const open = await boxes();
  assert(open.map.width >= 700 && open.map.height >= 400, `the map is too small beside the panel: ${JSON.stringify(open.map)}`);
  assert(Math.abs(open.canvas.height - open.map.height) < 2 && Math.abs(open.canvas.width - open.map.width) < 2, `the map canvas does not fill its area: ${JSON.stringify(open)}`);
  const overlap = Math.max(0, Math.min(open.map.y + open.map.height, open.panel.y + open.panel.height) - Math.max(open.map.y, open.panel.y))
    * Math.max(0, Math.min(open.map.x + open.map.width, open.panel.x + open.panel.width) - Math.max(open.map.x, open.panel.x));
  assert(overlap === 0, `the panel covers part of the map: ${JSON.stringify(open)}`);

  const toggle = page.getByRole('button', { name: 'Side panel' });
  assert((await toggle.getAttribute('aria-expanded')) === 'true', 'the panel toggle does not say the panel is open');
  assert((await toggle.getAttribute('aria-controls')) === 'panel', 'the panel toggle does not name what it controls');
  const target = await toggle.boundingBox();
  assert(target.width >= 24 && target.height >= 24, `the panel toggle is smaller than 24 px: ${JSON.stringify(target)}`);
  // From the top of the page, as a keyboard user starts: the skip link is the first stop.
  await page.locator('.skip-link').focus();
  await tabTo(page, 'panel-toggle');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert(outline !== 'none', 'the focused panel toggle shows no focus outline');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('panel').hidden);
  assert((await toggle.getAttribute('aria-expanded')) === 'false', 'aria-expanded did not follow the closed panel');
  await page.waitForFunction((height) => window.__hotspotMap.getCanvas().getBoundingClientRect().height > height + 100, open.map.height, { timeout: 5_000 });
  await page.keyboard.press('Space');
  await page.waitForFunction(() => !document.getElementById('panel').hidden);
  assert((await toggle.getAttribute('aria-expanded')) === 'true', 'aria-expanded did not follow the reopened panel');

  const first = page.getByRole('list', { name: 'Hotspots' }).getByRole('button').first();
  await first.focus();
  await page.keyboard.press('Enter');
  const panel = page.locator('section[aria-label="Hotspot details"]');
  await panel.waitFor({ timeout: 15_000 });
  assert(/hotspot=[0-9a-f-]{36}/.test(page.url()), `opening a hotspot is not in the URL: ${page.url()}`);
  await waitForMap(page);
  const opened = await boxes();
  assert(opened.map.width >= 700 && opened.map.height >= 400, `the map shrank when a hotspot opened: ${JSON.stringify(opened.map)}`);
  await page.screenshot({ path: `${screenshots}tablet-tasking.png` });

  // Landscape: the panel stays at the side and the map keeps about two thirds of the width.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.waitForFunction(() => window.__hotspotMap.getCanvas().getBoundingClientRect().width >= 600, null, { timeout: 5_000 });
  const landscape = await boxes();
  assert(landscape.map.height >= 600 && landscape.panel.x + landscape.panel.width <= landscape.map.x + 1, `landscape layout: ${JSON.stringify(landscape)}`);
  await page.screenshot({ path: `${screenshots}tablet-landscape-tasking.png` });
  console.log(`      (portrait map ${open.map.width}×${open.map.height} px with the panel open; landscape ${landscape.map.width}×${landscape.map.height})`);
});

await test('tasking: at zoom 10 hotspots draw as circles at their centres, not as areas, and a circle opens its hotspot', async (page) => {
  await waitForHotspots('tasking_member');
  const listed = await apiGet('tasking_member', '/api/hotspots');
  const [lon, lat] = listed.features[0].properties.centroid;
  await signIn(page, 'tasking_member', `#view=tasking&z=10&lon=${lon}&lat=${lat}`);
  assert((await problemShown(page)) === null, `error shown: ${await problemShown(page)}`);
  const rendered = () => page.evaluate(() => {
    const map = window.__hotspotMap;
    return {
      zoom: map.getZoom(),
      circles: map.queryRenderedFeatures({ layers: ['hotspots-centroids'] }).map((f) => ({ id: f.properties.id, coordinates: f.geometry.coordinates })),
      areas: map.queryRenderedFeatures({ layers: ['hotspots-fill'] }).length,
    };
  });
  const low = await rendered();
  assert(Math.abs(low.zoom - 10) < 0.01, `the map is not at zoom 10: ${low.zoom}`);
  assert(low.circles.length > 0, 'no hotspot circle rendered at zoom 10');
  assert(low.areas === 0, `${low.areas} hotspot areas rendered at zoom 10, where circles should stand in for them`);
  const ids = new Set(listed.features.map((f) => f.id));
  assert(low.circles.every((c) => ids.has(c.id)), 'a circle is not one of the listed hotspots');
  await page.screenshot({ path: `${screenshots}tasking-low-zoom.png` });

  // The circle nearest the middle of the map, clear of the zoom buttons in its corner.
  const point = await page.evaluate((circles) => {
    const map = window.__hotspotMap;
    const box = map.getCanvas().getBoundingClientRect();
    const points = circles.map((c) => map.project(c.coordinates));
    const distance = (p) => Math.hypot(p.x - box.width / 2, p.y - box.height / 2);
    const p = points.reduce((best, q) => (distance(q) < distance(best) ? q : best));
    return { x: box.left + p.x, y: box.top + p.y };
  }, low.circles);
  await page.mouse.click(point.x, point.y);
  await page.locator('section[aria-label="Hotspot details"]').waitFor({ timeout: 15_000 });
  const opened = /hotspot=([0-9a-f-]{36})/.exec(page.url())?.[1];
  assert(opened && ids.has(opened), `clicking a circle did not open a listed hotspot: ${page.url()}`);
  await waitForMap(page);
  const close = await rendered();
  assert(close.zoom >= 12 && close.areas > 0, `the opened hotspot's area is not drawn (zoom ${close.zoom}, ${close.areas} areas)`);
  console.log(`      (${low.circles.length} circles at zoom 10 for ${listed.features.length} hotspots; opened ${opened.slice(0, 8)} at zoom ${close.zoom.toFixed(1)})`);
});

await test('tasking member: no exact child-linked location reaches the browser in tiles or GeoJSON', async (page) => {
  assert(exactLocations.length > 0, 'the demo data has no child-linked reports to check against');
  assert(maskedCell, 'the demo data has no masking cell with enough reports to be shown');
  const bodies = [];
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/tiles/') || url.pathname.startsWith('/api/')) {
      bodies.push({ url, status: response.status(), body: await response.body().catch(() => Buffer.alloc(0)) });
    }
  });
  await signIn(page, 'tasking_member');
  // Street level over a masking cell that is shown (3 or more reports), so masked points are in the traffic.
  await page.evaluate(([lon, lat]) => { location.hash = `#view=tasking&z=15.5&lon=${lon}&lat=${lat}`; }, maskedCell);
  await page.evaluate(([lon, lat]) => window.__hotspotMap.jumpTo({ center: [lon, lat], zoom: 15.5 }), maskedCell);
  await waitForMap(page);
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${screenshots}tasking-street-level.png` });

  const positions = [];
  let tilesWithFeatures = 0;
  for (const { url, status, body } of bodies) {
    if (url.pathname.startsWith('/tiles/') && status === 200) {
      const [, , , z, x, yFile] = url.pathname.split('/');
      const tile = new VectorTile(new PbfReader(body));
      for (const name of Object.keys(tile.layers)) {
        const layer = tile.layers[name];
        if (layer.length > 0) tilesWithFeatures++;
        for (let i = 0; i < layer.length; i++) {
          const feature = layer.feature(i);
          // A count cell is a square of the tile's fixed count grid: its corners are grid points, not places, and one
          // can lie within a metre of a report by chance. Exact locations would come as points, which are all checked.
          if (feature.type === 3 && 'point_count' in feature.properties) continue;
          // Hotspot outlines are checked: a tasking member's are whole 500 m masking cells (corners on that grid).
          collect(feature.toGeoJSON(Number(x), Number(yFile.replace('.mvt', '')), Number(z)).geometry.coordinates, positions);
        }
      }
    } else if (status === 200 && body.length > 0) {
      try {
        collect(JSON.parse(body.toString('utf8')), positions);
      } catch {
        // Not JSON: nothing spatial.
      }
    }
  }
  assert(tilesWithFeatures > 0, `no tile with features reached the browser (${bodies.length} responses)`);
  // Tile coordinates are exact to about 0.1 m at zoom 15; 1e-5 degrees is about a metre.
  const near = (a, b) => Math.abs(a[0] - b[0]) < 1e-5 && Math.abs(a[1] - b[1]) < 1e-5;
  const leaked = positions.filter((p) => exactLocations.some((e) => near(p, e)));
  assert(leaked.length === 0, `${leaked.length} exact child-linked locations reached the browser, e.g. ${JSON.stringify(leaked[0])}`);
  assert(positions.some((p) => near(p, maskedCell)), 'the masked cell centre never reached the browser: the check proved nothing');
  console.log(`      (${positions.length} positions from ${bodies.length} responses checked against ${exactLocations.length} exact locations)`);
});

/** Hotspot GeoJSON without its hex-lattice outlines (see the tiles above); centroids and every other position stay. */
function collect(value, into) {
  if (Array.isArray(value) && value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
    into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collect(item, into);
  }
}

await test('analyst: report tiles render and the analyst view is in the URL', async (page) => {
  const tileStatuses = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/tiles/reports/')) tileStatuses.push(response.status());
  });
  await signIn(page, 'analyst');
  assert(page.url().includes('#view=analyst'), `analyst did not land on the analyst view: ${page.url()}`);
  assert((await problemShown(page)) === null, `error shown: ${await problemShown(page)}`);
  assert(tileStatuses.includes(200), `no report tile with content: ${tileStatuses.join(',')}`);
  assert(tileStatuses.every((s) => s === 200 || s === 204), `a tile failed: ${tileStatuses.join(',')}`);
  await page.screenshot({ path: `${screenshots}analyst.png` });
});

await test('analyst: selecting a report point at street level shows its details', async (page) => {
  await signIn(page, 'analyst');
  await page.evaluate(([lon, lat]) => window.__hotspotMap.jumpTo({ center: [lon, lat], zoom: 16 }), maskedCell);
  await waitForMap(page);
  const point = await page.evaluate(() => {
    const map = window.__hotspotMap;
    const feature = map.queryRenderedFeatures({ layers: ['reports-points'] })[0];
    if (!feature) return null;
    const p = map.project(feature.geometry.coordinates);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  });
  assert(point, 'no report point drawn at street level');
  await page.mouse.click(point.x, point.y);
  await page.waitForSelector('section[aria-label="Report details"]', { timeout: 15_000 });
  const details = await page.locator('section[aria-label="Report details"]').innerText();
  assert(/Grading/.test(details), `details lack the grading: ${details}`);
  await page.screenshot({ path: `${screenshots}analyst-report.png` });
});

await test('analyst: the report points in view are a keyboard list; Tab to one and Enter opens its details', async (page) => {
  await signIn(page, 'analyst');
  await page.evaluate(([lon, lat]) => window.__hotspotMap.jumpTo({ center: [lon, lat], zoom: 16 }), maskedCell);
  await waitForMap(page);
  const list = page.getByRole('list', { name: 'Reports in view' });
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Reports in view"] button').length > 0, null, { timeout: 15_000 });
  const drawn = await page.evaluate(() => new Set(window.__hotspotMap.queryRenderedFeatures({ layers: ['reports-points'] }).map((f) => f.properties.id)).size);
  const listed = await list.getByRole('button').count();
  assert(listed === Math.min(drawn, 50), `the list holds ${listed} reports where the map draws ${drawn}`);
  const first = list.getByRole('button').first();
  await page.locator('#views a').first().focus();
  for (let presses = 0; presses < 80 && !(await first.evaluate((button) => button === document.activeElement)); presses++) await page.keyboard.press('Tab');
  assert(await first.evaluate((button) => button === document.activeElement), 'Tab never reaches the first report in view');
  await page.keyboard.press('Enter');
  await page.waitForSelector('section[aria-label="Report details"]', { timeout: 15_000 });
  assert(/Grading/.test(await page.locator('section[aria-label="Report details"]').innerText()), 'Enter opened no report details');
});

await test('analyst: grading and agency filters go into the URL and onto every report tile request, and a reload keeps them', async (page) => {
  const tiles = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/tiles/reports/')) tiles.push({ url, status: response.status() });
  });
  await signIn(page, 'analyst');
  const form = page.getByRole('form', { name: 'Filters' });
  await form.locator('summary', { hasText: 'Grading and agency' }).click();
  await form.getByRole('group', { name: 'Source evaluation' }).getByLabel('1 — reliable').check();
  await form.getByRole('group', { name: 'Intelligence assessment' }).getByLabel(/^A — /).check();
  await form.getByRole('group', { name: 'Handling code' }).getByLabel(/^P — /).check();
  const agencySelect = form.getByLabel('Recording agency');
  await page.waitForSelector('#filter-agency[data-loaded="true"]', { timeout: 15_000 });
  const agencies = await apiGet('analyst', '/api/agencies');
  const agency = agencies.find((a) => a.code === 'DEMO-WMP') ?? agencies[0];
  assert(agency, 'no agency to filter by');
  const options = await agencySelect.locator('option').allInnerTexts();
  assert(options.length === agencies.length + 1 && options[0] === 'All agencies', `the agency list is not GET /api/agencies: ${options.join(' | ')}`);
  await agencySelect.selectOption(agency.id);
  const before = tiles.length;
  await afterRender(page, () => form.getByRole('button', { name: 'Apply filters' }).click());
  const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert(hash.get('sourceEvaluation') === '1' && hash.get('intelligenceAssessment') === 'A' && hash.get('handlingCode') === 'P', `grading not in the URL: ${page.url()}`);
  assert(hash.get('agencyId') === agency.id, `agency not in the URL: ${page.url()}`);

  const carries = ({ url }) =>
    url.searchParams.get('sourceEvaluation') === '1' && url.searchParams.get('intelligenceAssessment') === 'A'
    && url.searchParams.get('handlingCode') === 'P' && url.searchParams.get('agencyId') === agency.id;
  const filtered = tiles.slice(before);
  assert(filtered.length > 0, 'no report tile was requested after the filters were applied');
  assert(filtered.every(carries), `a report tile lacks the filters: ${filtered.find((t) => !carries(t))?.url}`);
  assert(filtered.every((t) => t.status === 200 || t.status === 204), `a filtered tile failed: ${filtered.map((t) => t.status).join(',')}`);
  assert((await problemShown(page)) === null, `error shown: ${await problemShown(page)}`);

  const beforeReload = tiles.length;
  await page.reload();
  await waitForMap(page);
  const kept = new URLSearchParams(new URL(page.url()).hash.slice(1));
  for (const name of ['sourceEvaluation', 'intelligenceAssessment', 'handlingCode', 'agencyId']) {
    assert(kept.get(name) === hash.get(name), `the reload changed ${name}: ${page.url()}`);
  }
  const reloaded = tiles.slice(beforeReload);
  assert(reloaded.length > 0 && reloaded.every(carries), `report tiles after the reload lack the filters: ${reloaded.map((t) => t.url.search).join(' ')}`);
  assert(await page.locator('details.filter-more').evaluate((d) => d.open), 'the grading and agency filters are folded away while set');
  assert(await form.getByRole('group', { name: 'Source evaluation' }).getByLabel('1 — reliable').isChecked(), 'the reload lost the ticked source evaluation');
  await page.waitForSelector('#filter-agency[data-loaded="true"]', { timeout: 15_000 });
  assert((await agencySelect.inputValue()) === agency.id, 'the reload lost the chosen agency');
  await page.screenshot({ path: `${screenshots}analyst-filters.png` });
  console.log(`      (${filtered.length} filtered tiles, ${filtered.filter((t) => t.status === 200).length} with reports, for ${agency.code} graded 1A P)`);
});

await test('analyst: records a report with risk indicators from the form, and the indicator filter goes onto the tiles and draws it', async (page) => {
  const tiles = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/tiles/reports/')) tiles.push({ url, status: response.status() });
  });
  await signIn(page, 'analyst');
  await page.evaluate(([lon, lat]) => window.__hotspotMap.jumpTo({ center: [lon, lat], zoom: 16 }), maskedCell);
  await waitForMap(page);
  const form = page.getByRole('form', { name: 'Record a report' });
  await page.locator('details.report-form > summary').click();
  await page.waitForSelector('.indicator-choices[data-loaded="true"]', { timeout: 15_000 });
  await form.getByLabel('Category').selectOption('other');
  await form.getByLabel('What was seen or heard').fill('Synthetic e2e: an adult handing a new phone to a girl of about 14 at the bus stop.');
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 16);
  await form.getByLabel('When').fill(yesterday);
  await form.getByRole('group', { name: 'Risk indicators' }).getByLabel('Unexplained money or phone').check();
  await form.getByRole('group', { name: 'Risk indicators' }).getByLabel('Unexplained injuries').check();
  const [created] = await Promise.all([
    page.waitForResponse((response) => new URL(response.url()).pathname === '/api/reports' && response.request().method() === 'POST'),
    form.getByRole('button', { name: 'Record report at the map centre' }).click(),
  ]);
  assert(created.status() === 201, `recording the report answered ${created.status()}: ${await created.text()}`);
  const report = await created.json();
  assert(
    JSON.stringify(report.properties.indicatorCodes) === JSON.stringify(['unexplained_money_or_phone', 'unexplained_injuries']),
    `the report records ${JSON.stringify(report.properties.indicatorCodes)}`,
  );
  const read = await apiGet('analyst', `/api/reports/${report.id}`);
  assert(read.properties.indicatorCodes.includes('unexplained_injuries'), 'GET /api/reports/{id} lacks the indicators');

  const filters = page.getByRole('form', { name: 'Filters' });
  await page.waitForSelector('.indicator-filter[data-loaded="true"]', { timeout: 15_000 });
  await filters.getByRole('group', { name: 'Risk indicators' }).getByLabel('Unexplained injuries', { exact: true }).check();
  const before = tiles.length;
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert(hash.get('indicator') === 'unexplained_injuries', `the indicator filter is not in the URL: ${page.url()}`);
  const filtered = tiles.slice(before);
  assert(filtered.length > 0 && filtered.every(({ url }) => url.searchParams.get('indicator') === 'unexplained_injuries'),
    `a report tile lacks the indicator filter: ${filtered.map((t) => t.url.search).join(' ')}`);
  assert(filtered.every((t) => t.status === 200 || t.status === 204), `a filtered tile failed: ${filtered.map((t) => t.status).join(',')}`);
  const drawn = await page.evaluate(() => window.__hotspotMap.queryRenderedFeatures({ layers: ['reports-points'] }).map((f) => f.properties.id));
  assert(drawn.includes(report.id), `the new report is not drawn under its indicator: ${drawn.length} points drawn`);
  const listed = await apiGet('analyst', `/api/reports?indicator=unexplained_injuries&bbox=${maskedCell[0] - 0.01},${maskedCell[1] - 0.01},${maskedCell[0] + 0.01},${maskedCell[1] + 0.01}`);
  assert(drawn.every((id) => listed.features.some((f) => f.id === id)), 'a point drawn under the filter is not one GET /api/reports gives for it');
  await page.screenshot({ path: `${screenshots}analyst-indicators.png` });
});

await test('tasking member: a hotspot panel lists its risk indicator counts as the API gives them, small ones withheld', async (page) => {
  await waitForHotspots('tasking_member');
  await signIn(page, 'tasking_member');
  const hotspotButtons = page.getByRole('list', { name: 'Hotspots' }).getByRole('button');
  await hotspotButtons.first().click();
  const section = page.locator('section[aria-label="Risk indicators"]');
  await section.waitFor({ timeout: 15_000 });
  const id = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('hotspot');
  const counts = await apiGet('tasking_member', `/api/hotspots/${id}/indicator-counts`);
  const expected = counts.indicators
    .filter((i) => i.suppressed || i.reports > 0)
    .map((i) => `${i.label}: ${i.suppressed ? `fewer than ${counts.suppressedBelow} (withheld)` : i.reports}`)
    .sort();
  const shown = (await section.locator('li').allInnerTexts()).sort();
  assert(expected.length > 0, 'the demo hotspot has no indicator counts to show');
  assert(JSON.stringify(shown) === JSON.stringify(expected), `the panel shows ${JSON.stringify(shown)}, the API ${JSON.stringify(expected)}`);
  await section.screenshot({ path: `${screenshots}tasking-hotspot-indicators.png` });
});

await test('analyst: starts a KDE hotspot run, follows it to success, and the tasking view shows what changed since the run before', async (page) => {
  await waitForHotspots('analyst');
  await signIn(page, 'analyst');
  const form = page.getByRole('form', { name: 'Run hotspot analysis' });
  await form.getByLabel('Method').selectOption('kde');
  // Out of the API's range: refused by the API with Problem Details naming the parameter.
  await form.getByLabel('Bandwidth (m)').fill('5');
  await form.getByRole('button', { name: 'Start run' }).click();
  await page.waitForFunction(() => /parameters\.bandwidthMeters/.test(document.querySelector('section[aria-label="Hotspot analysis run"] [role="alert"]')?.textContent ?? ''), null, { timeout: 15_000 });
  await form.getByLabel('Bandwidth (m)').fill('200');
  await form.getByRole('button', { name: 'Start run' }).click();
  const progress = page.locator('.run-progress');
  await page.waitForFunction(() => ['succeeded', 'failed', 'skipped'].includes(document.querySelector('.run-progress')?.dataset.status ?? ''), null, { timeout: 300_000 });
  const outcome = await progress.innerText();
  assert((await progress.getAttribute('data-status')) === 'succeeded', `the run did not succeed: ${outcome}`);
  await page.waitForFunction(() => /Hotspots refreshed/.test(document.querySelector('#status')?.textContent ?? ''), null, { timeout: 15_000 });
  await waitForMap(page);
  await page.screenshot({ path: `${screenshots}analyst-run.png` });
  // A trial until published: publishing makes it the run the tasking view (and every shared view) reads.
  await page.getByRole('button', { name: 'Publish this run' }).click();
  await page.waitForFunction(() => document.querySelector('.run-progress')?.dataset.status === 'published', null, { timeout: 15_000 });

  await page.evaluate(() => { location.hash = '#view=tasking'; });
  await waitForMap(page);
  const since = page.getByLabel('Changed since run');
  const earlier = await since.locator('option').nth(1).getAttribute('value');
  assert(earlier, 'no earlier succeeded run to compare with');
  await since.selectOption(earlier);
  const summary = page.getByLabel('Changes since the chosen run');
  await summary.waitFor({ timeout: 15_000 });
  assert(page.url().includes(`since=${earlier}`), `the comparison run is not in the URL: ${page.url()}`);
  assert((await problemShown(page)) === null, `error shown: ${await problemShown(page)}`);
  assert((await page.locator('#legend').innerText()).includes('Gone'), 'no change legend');
  await waitForMap(page);
  await page.screenshot({ path: `${screenshots}tasking-changes.png` });
  console.log(`      (${outcome}; ${await summary.innerText()})`);
});

await test('tasking: minimum score and an earlier run choose the hotspots listed, as GET /api/hotspots gives them', async (page) => {
  const all = await apiGet('tasking_member', '/api/hotspots');
  const scores = all.features.map((f) => f.properties.weightedScore).sort((a, b) => a - b);
  const threshold = scores[Math.floor(scores.length / 2)];
  const atLeast = await apiGet('tasking_member', `/api/hotspots?minScore=${threshold}`);
  await signIn(page, 'tasking_member');
  const form = page.getByRole('form', { name: 'Filters' });
  const list = page.getByRole('list', { name: 'Hotspots' }).getByRole('button');
  assert((await list.count()) === all.features.length, `unfiltered: the list shows ${await list.count()}, the API ${all.features.length}`);
  await form.getByLabel('Minimum weighted score').fill(String(threshold));
  await afterRender(page, () => form.getByRole('button', { name: 'Apply filters' }).click());
  assert(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('minScore') === String(threshold), `minScore not in the URL: ${page.url()}`);
  assert((await list.count()) === atLeast.features.length, `minScore ${threshold}: the list shows ${await list.count()}, the API ${atLeast.features.length}`);

  const runs = (await apiGet('tasking_member', '/api/hotspot-runs?limit=100')).items.filter((r) => r.status === 'succeeded');
  assert(runs.length >= 2, `only ${runs.length} succeeded run(s): no earlier run to choose`);
  const earlier = runs[1];
  const ofEarlier = await apiGet('tasking_member', `/api/hotspots?minScore=${threshold}&runId=${earlier.id}`);
  await form.getByLabel('Hotspots of run').selectOption(earlier.id);
  await afterRender(page, () => form.getByRole('button', { name: 'Apply filters' }).click());
  assert(page.url().includes(`runId=${earlier.id}`), `the run is not in the URL: ${page.url()}`);
  assert((await list.count()) === ofEarlier.features.length, `run ${earlier.id}: the list shows ${await list.count()}, the API ${ofEarlier.features.length}`);
  assert(/from the earlier run/.test(await page.locator('#status').innerText()), 'the status does not say an earlier run is shown');
  const drawn = await page.evaluate(() => [...new Set(window.__hotspotMap.querySourceFeatures('hotspots').map((f) => f.properties.runId))]);
  assert(drawn.length === 0 || (drawn.length === 1 && drawn[0] === earlier.id), `the map draws hotspots of other runs: ${drawn.join(', ')}`);
  console.log(`      (${all.features.length} hotspots; ${atLeast.features.length} with score ≥ ${threshold}; ${ofEarlier.features.length} of those in the earlier run)`);
});

await test('licensing officer: searches a demo premises, opens its check with concerns and nearby hotspots, and sees no person', async (page) => {
  const concernBodies = [];
  page.on('response', async (response) => {
    if (/\/api\/(premises|vehicles)\/[^/]+\/concerns/.test(new URL(response.url()).pathname)) {
      concernBodies.push({ status: response.status(), body: await response.text().catch(() => '') });
    }
  });
  await signIn(page, 'licensing_officer');
  assert(page.url().includes('#view=premises'), `licensing officer did not land on the premises check: ${page.url()}`);
  // The demo city's synthetic premises are named "Example Arms 0001" and the like (bench SyntheticCity PremisesFactory).
  await page.getByLabel(/Premises name/).fill('Example Arms');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByRole('list', { name: 'Premises' }).getByRole('button');
  await results.first().waitFor({ timeout: 15_000 });
  assert(page.url().includes('q=Example+Arms') || page.url().includes('q=Example%20Arms'), `the search is not in the URL: ${page.url()}`);
  const chosen = await results.first().innerText();
  assert(/Example Arms/.test(chosen), `first result is not a matching premises: ${chosen}`);
  await page.screenshot({ path: `${screenshots}premises-results.png` });
  await results.first().click();
  await page.waitForSelector('section[aria-label="Premises check"]', { timeout: 15_000 });
  await waitForMap(page);
  assert(page.url().includes('premises='), `the open premises is not in the URL: ${page.url()}`);
  assert((await problemShown(page)) === null, `error shown: ${await problemShown(page)}`);
  const check = await page.locator('section[aria-label="Premises check"]').innerText();
  assert(check.includes(chosen.split(' · ')[0]), `the page is not the chosen premises: ${check.slice(0, 200)}`);
  assert(/Reports mentioning this premises/.test(check), 'no concerns table or empty state');
  assert(/Current hotspots within \d+ m/.test(check), 'no nearby hotspots table or empty state');
  // The map outlines the nearby hotspots the table lists, and no others.
  const nearby = await page.locator('table.nearby-hotspots a').evaluateAll((links) => links.map((a) => /hotspot=([0-9a-f-]{36})/.exec(a.getAttribute('href'))?.[1]));
  const outlined = await page.evaluate(() => [...new Set(window.__hotspotMap.queryRenderedFeatures({ layers: ['hotspots-outline'] }).map((f) => f.properties.id))]);
  assert(outlined.every((id) => nearby.includes(id)), `the map outlines hotspots the check does not list: ${outlined.join(', ')}`);
  assert(nearby.length === 0 || outlined.length > 0, `${nearby.length} nearby hotspots listed, none outlined on the map`);
  assert(concernBodies.length > 0 && concernBodies.every((c) => c.status === 200), `concerns failed: ${concernBodies.map((c) => c.status)}`);
  // No person field and no synthetic person's name ("Testperson Amber-0042"); handling conditions may say "any person named".
  assert(concernBodies.every((c) => !/"person|Testperson/i.test(c.body)), 'person details reached a licensing officer');
  console.log(`      (${chosen}: ${(await page.locator('#status').innerText()).trim()}; ${outlined.length} outlined on the map)`);
  await page.screenshot({ path: `${screenshots}premises.png` });
  // A reload opens the same premises: the URL is the page.
  await page.reload();
  await page.waitForSelector('section[aria-label="Premises check"]', { timeout: 15_000 });
});

await test('supervisor: signs in, switches views by keyboard, and a reload keeps the view', async (page) => {
  await signIn(page, 'supervisor');
  const link = page.getByRole('link', { name: 'Tasking' });
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.body.dataset.view === 'tasking');
  await waitForMap(page);
  await page.reload();
  await waitForMap(page);
  assert(await page.evaluate(() => document.body.dataset.view) === 'tasking', 'reload lost the view');
  assert((await page.getByRole('link', { name: 'Tasking' }).getAttribute('aria-current')) === 'page', 'current view not marked');
  await page.screenshot({ path: `${screenshots}supervisor.png` });
});

await test('offline basemap: the demo city\'s own streets and wards are drawn, with street and place names, and a scale bar', async (page) => {
  await signIn(page, 'tasking_member', '#view=tasking&z=15&lon=-1.8904&lat=52.4862');
  await page.evaluate(() => window.__hotspotMap.jumpTo({ center: [-1.8904, 52.4862], zoom: 15 }));
  await waitForMap(page);
  await page.waitForFunction(() => document.querySelectorAll('.street-label').length > 0, null, { timeout: 30_000 });
  const drawn = await page.evaluate(() => {
    const map = window.__hotspotMap;
    const names = (layer) => [...new Set(map.queryRenderedFeatures({ layers: [layer] }).map((feature) => feature.properties.name))];
    return { streets: names('basemap-streets'), wards: names('basemap-wards') };
  });
  assert(drawn.streets.length >= 3, `too few streets drawn at street level: ${drawn.streets.join(', ')}`);
  assert(drawn.wards.length >= 1, 'no ward boundary drawn at the centre, where four wards meet');
  const streetLabels = await page.locator('.street-label').allInnerTexts();
  assert(streetLabels.every((label) => drawn.streets.includes(label)), `a street label names no drawn street: ${streetLabels.join(', ')}`);
  const places = await page.locator('.place-label').allInnerTexts();
  assert(places.length >= 40 && !places.includes('Wolverhampton'), `place labels are not the demo city's wards: ${places.slice(0, 5).join(', ')}`);
  assert(/\d+\s?(m|km)/.test(await page.locator('.maplibregl-ctrl-scale').innerText()), 'no scale bar');
  await page.screenshot({ path: `${screenshots}basemap-streets.png` });
});

/** A date `days` from today (UTC), as date inputs and the API write it. */
function isoDay(days) {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

await test('gis: the API\'s MapLibre style and the TileJSON it names load in MapLibre, and its layers draw tiles from the API', async (page) => {
  await signIn(page, 'analyst', '#view=analyst');
  const tileJsons = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (/^\/tiles\/(reports|premises|hotspots)\.json$/.test(url.pathname)) tileJsons.push({ path: url.pathname, status: response.status() });
  });
  await page.evaluate(() => window.__hotspotMap.setStyle('/tiles/style.json'));
  await page.waitForFunction(() => {
    const map = window.__hotspotMap;
    const style = map.getStyle();
    return map.isStyleLoaded() && map.areTilesLoaded() && ['reports', 'premises', 'hotspots'].every((source) => style.sources[source]);
  }, null, { timeout: 60_000 });
  const drawn = await page.evaluate(() => {
    const map = window.__hotspotMap;
    const style = map.getStyle();
    return {
      layers: style.layers.map((layer) => layer.source).filter(Boolean),
      reportFeatures: map.querySourceFeatures('reports', { sourceLayer: 'reports' }).length,
      tiles: map.getSource('reports').tiles ?? [],
    };
  });
  assert(['reports', 'premises', 'hotspots'].every((source) => drawn.layers.includes(source)), `the style draws ${drawn.layers.join(', ')}`);
  assert(tileJsons.filter((t) => t.status === 200).length >= 3, `TileJSON answers: ${JSON.stringify(tileJsons)}`);
  assert(drawn.tiles.some((url) => url.includes('/tiles/reports/{z}/{x}/{y}.mvt')), `the reports source's tiles are ${drawn.tiles.join(', ')}`);
  assert(drawn.reportFeatures > 0, 'no report feature came through the style\'s reports source');
  await page.screenshot({ path: `${screenshots}gis-api-style.png` });
});

await test('actions: a tasking member records an action from a hotspot panel, sees it overdue on the board, moves it to done with an outcome, and sees its impact', async (page) => {
  await waitForHotspots('tasking_member');
  await signIn(page, 'tasking_member');
  const nav = await page.locator('#views').innerText();
  assert(/Action board/.test(nav) && !/Reviews|Audit log/.test(nav), `a tasking member's views are wrong: ${nav}`);
  await page.getByRole('list', { name: 'Hotspots' }).getByRole('button').first().click();
  await page.locator('section[aria-label="Hotspot details"]').waitFor({ timeout: 15_000 });
  const hotspotId = /hotspot=([0-9a-f-]{36})/.exec(page.url())?.[1];
  await page.getByRole('button', { name: 'New action on this hotspot' }).click();
  const form = page.getByRole('form', { name: 'New action' });
  await form.waitFor({ timeout: 15_000 });
  assert(page.url().includes(`target=hotspot:${hotspotId}`) || page.url().includes(`target=hotspot%3A${hotspotId}`), `the target is not in the URL: ${page.url()}`);

  // Sent without a tactic and with the due date before the start: the API's Problem Details land beside each field.
  await form.getByLabel('Start date').fill(isoDay(-10));
  await form.getByLabel('Due date').fill(isoDay(-12));
  await form.getByRole('button', { name: 'Record action' }).click();
  await page.waitForSelector('#new-action-tacticCode[aria-invalid="true"]', { timeout: 15_000 });
  const tacticError = await page.locator('#new-action-tacticCode-error').innerText();
  assert(/tactic/i.test(tacticError), `no tactic error beside the tactic: ${tacticError}`);
  assert(await page.locator('#new-action-dueOn[aria-invalid="true"]').count() === 1, 'the due date before the start is not marked');
  assert((await page.locator('#new-action-tacticCode').getAttribute('aria-describedby')).includes('new-action-tacticCode-error'), 'the error is not tied to its control');
  await page.screenshot({ path: `${screenshots}action-new-errors.png` });

  const tactics = await apiGet('tasking_member', '/api/disruption-tactics');
  const tactic = tactics.find((t) => t.targetKinds.includes('hotspot'));
  await form.getByLabel('Tactic').selectOption(tactic.code);
  await form.getByLabel('Start date').fill(isoDay(-30));
  await form.getByLabel('Due date').fill(isoDay(-2));
  await form.getByLabel('Owner officer').fill('PC 4411');
  await afterRender(page, () => form.getByRole('button', { name: 'Record action' }).click());
  const actionId = /action=([0-9a-f-]{36})/.exec(page.url())?.[1];
  assert(actionId, `recording did not open the action's page: ${page.url()}`);
  const recorded = await apiGet('tasking_member', `/api/disruption-actions/${actionId}`);
  assert(recorded.hotspotId === hotspotId && recorded.tacticCode === tactic.code && recorded.status === 'agreed' && recorded.overdue, `the API holds another action: ${JSON.stringify(recorded)}`);
  assert((await page.locator('#status').innerText()).includes('Action recorded'), 'recording the action was not announced');
  const actionPage = page.locator('section[aria-label="Disruption action"]');
  assert((await actionPage.innerText()).includes(tactic.name), 'the action page does not name its tactic');

  // The board: the action, overdue in words, sortable by due date.
  // The hotspot's panel lists it.
  await afterRender(page, () => page.evaluate((id) => { location.hash = `#view=tasking&hotspot=${id}`; }, hotspotId));
  const onHotspot = page.getByRole('region', { name: 'Actions on this hotspot' });
  assert((await onHotspot.locator(`a[href*="action=${actionId}"]`).count()) === 1, `the hotspot's panel does not list its action: ${await onHotspot.innerText()}`);
  await afterRender(page, () => page.getByRole('link', { name: 'Action board' }).click());
  const board = page.getByRole('table', { name: 'Disruption actions' });
  await board.waitFor({ timeout: 15_000 });
  const row = board.locator('tr', { has: page.locator(`a[href*="action=${actionId}"]`) });
  assert(/Overdue/.test(await row.innerText()), `the overdue action is not marked in words: ${await row.innerText()}`);
  await afterRender(page, () => board.getByRole('button', { name: /Due/ }).click());
  assert(page.url().includes('sort=due'), `the sort is not in the URL: ${page.url()}`);
  assert((await page.locator('th[aria-sort="ascending"]').innerText()).includes('Due'), 'the sorted column does not say so');
  const dues = await page.locator('table.board tbody tr td:nth-child(5)').allInnerTexts();
  const dates = dues.map((d) => d.slice(0, 10)).filter((d) => /^\d{4}/.test(d));
  assert(dates.every((d, i) => i === 0 || dates[i - 1] <= d), `not sorted by due date: ${dates.join(', ')}`);
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Only overdue').check();
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  const overdueRows = await page.locator('table.board tbody tr').count();
  assert(overdueRows >= 1 && overdueRows === await page.locator('table.board tbody tr.overdue').count(), 'the overdue filter lets through actions not overdue');
  await page.screenshot({ path: `${screenshots}action-board.png` });

  // Done needs an outcome: refused beside the field, then saved with one.
  await afterRender(page, () => row.getByRole('link').click());
  const status = page.getByRole('form', { name: 'Change status' });
  await status.getByLabel('New status').selectOption('done');
  await status.getByLabel('Outcome').fill('');
  await status.getByRole('button', { name: 'Save status' }).click();
  await page.waitForSelector('#action-status-outcome[aria-invalid="true"]', { timeout: 15_000 });
  await status.getByLabel('Outcome').fill('Two premises visited; staff briefed on signs of exploitation.');
  await afterRender(page, () => status.getByRole('button', { name: 'Save status' }).click());
  const done = await apiGet('tasking_member', `/api/disruption-actions/${actionId}`);
  assert(done.status === 'done' && /staff briefed/.test(done.outcome ?? '') && !done.overdue, `the action is not done with its outcome: ${JSON.stringify(done)}`);
  const text = await actionPage.innerText();
  assert(/Status\s+Done/.test(text) && /final/.test(text), `the page does not show the done action: ${text.slice(0, 300)}`);

  // Its impact, as GET /api/disruption-actions/{id}/impact gives it: the verdict, and the three lines either side of the start.
  const impact = page.locator('section.impact-section');
  await impact.locator('figure.impact, .impact-failed').first().waitFor({ timeout: 30_000 });
  const assessed = await apiGet('tasking_member', `/api/disruption-actions/${actionId}/impact`);
  assert(await impact.locator('.impact-failed').count() === 0, `the impact failed: ${await impact.innerText()}`);
  const verdict = impact.locator('figure.impact .impact-verdict');
  assert((await verdict.getAttribute('data-verdict')) === (assessed.assessment?.verdict ?? 'not_assessable'), `the page's verdict is not the API's: ${await verdict.innerText()}`);
  assert(assessed.series.length > 0 && assessed.series.some((bin) => bin.window === 'after'), `no bins after the start: ${JSON.stringify(assessed.series)}`);
  const lines = await impact.locator('svg.impact-chart polyline').evaluateAll((all) => all.map((line) => line.getAttribute('points').split(' ').length));
  assert(lines.length === 3 && lines.every((n) => n === assessed.series.length), `the chart's lines do not have one point per bin: ${lines} for ${assessed.series.length}`);
  assert(await impact.locator('svg.impact-chart .impact-divider').count() === 1, 'no before/after divider');
  const targetTotal = assessed.series.reduce((sum, bin) => sum + bin.target, 0);
  const described = await impact.locator('svg.impact-chart desc').textContent();
  const shown = [...described.matchAll(/Target: (\d+) reports before, (\d+) after/g)][0];
  assert(shown && Number(shown[1]) + Number(shown[2]) === targetTotal, `the chart's totals are not the API's (${targetTotal}): ${described}`);
  if (assessed.assessment?.estimate) assert(/interval/.test(await impact.innerText()), 'an estimate is given but no interval shown');
  await impact.screenshot({ path: `${screenshots}action-impact.png` });
  await page.screenshot({ path: `${screenshots}action-page.png`, fullPage: true });

  // Against matched areas without action instead of the ring: the page shows what the API answers for comparison=matched.
  const matched = await apiGet('tasking_member', `/api/disruption-actions/${actionId}/impact?comparison=matched`);
  await impact.getByLabel('Compare the target with').selectOption('matched');
  await impact.getByText(/without action within/).waitFor({ timeout: 30_000 });
  assert((await impact.locator('figure.impact .impact-verdict').getAttribute('data-verdict')) === (matched.assessment?.verdict ?? 'not_assessable'), 'the page\'s matched verdict is not the API\'s');
  const matchedText = await impact.innerText();
  assert(matched.comparison === 'matched' && matched.comparisonMetres === null, `the API did not compare with matched areas: ${JSON.stringify(matched).slice(0, 300)}`);
  if (matched.matchedAreas.length > 0) {
    assert(await impact.locator('table.matched-areas tbody tr').count() === matched.matchedAreas.length, `the page does not list the API's ${matched.matchedAreas.length} matched areas: ${matchedText.slice(0, 400)}`);
    assert(/Matched areas: \d+ reports before/.test(await impact.locator('svg.impact-chart desc').textContent()), 'the chart does not name the matched areas');
  } else {
    assert(/no area without action/i.test(matchedText), `no matched area, and the page does not say so: ${matchedText.slice(0, 400)}`);
  }
  await impact.screenshot({ path: `${screenshots}action-impact-matched.png` });

  // When the impact cannot be read, the section says so rather than vanishing.
  await page.route((url) => url.pathname.endsWith('/impact'), (route) =>
    route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Service unavailable', status: 503, detail: 'Impact is being recounted.' }) }));
  await page.reload();
  await waitForMap(page);
  const failure = await impact.locator('.impact-failed').innerText({ timeout: 15_000 });
  assert(/could not be loaded/.test(failure) && /being recounted/.test(failure), `the impact failure is not said: ${failure}`);
  console.log(`      (action ${actionId.slice(-8)} on hotspot ${hotspotId.slice(-8)}; impact ${assessed.assessment?.verdict ?? 'not assessable'} over ${assessed.series.length} bins, ${matched.assessment?.verdict ?? 'not assessable'} against ${matched.matchedAreas.length} matched areas; ${overdueRows} overdue on the board)`);
});

await test('actions: a tasking member checks a place by name, records a done action on it that the place then lists, and the impact by tactic counts it as the API does', async (page) => {
  await signIn(page, 'tasking_member', '#view=premises');
  // The demo city's synthetic places are named "Example Taxi Rank 004, <ward>" and the like (bench SyntheticCity LocationFactory).
  await page.getByLabel(/place name/).fill('Example Taxi Rank');
  await page.getByRole('button', { name: 'Search' }).click();
  const places = page.getByRole('list', { name: 'Places' }).getByRole('button');
  await places.first().waitFor({ timeout: 15_000 });
  const chosen = await places.first().innerText();
  assert(/Example Taxi Rank/.test(chosen) && /Taxi rank/.test(chosen), `first place is not a matching taxi rank: ${chosen}`);
  await places.first().click();
  const check = page.locator('section[aria-label="Place check"]');
  await check.waitFor({ timeout: 15_000 });
  const placeId = /place=([0-9a-f-]{36})/.exec(page.url())?.[1];
  assert(placeId, `the open place is not in the URL: ${page.url()}`);
  const text = await check.innerText();
  assert(text.includes(chosen.split(' · ')[0]) && /Reports mentioning this place/.test(text) && /Current hotspots within \d+ m/.test(text), `the place check is incomplete: ${text.slice(0, 300)}`);
  assert(await page.locator('.maplibregl-marker[aria-label^="Location of"]').count() === 1, 'the place is not marked on the map');

  await page.getByRole('button', { name: 'New action on this place' }).click();
  const form = page.getByRole('form', { name: 'New action' });
  await form.waitFor({ timeout: 15_000 });
  const tactics = await apiGet('tasking_member', '/api/disruption-tactics');
  const offered = await form.getByLabel('Tactic').locator('option').evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
  const forPlaces = tactics.filter((t) => !t.retired && t.targetKinds.includes('location')).map((t) => t.code);
  assert(offered.length > 0 && offered.length === forPlaces.length && offered.every((code) => forPlaces.includes(code)), `the form offers other tactics than those for places: ${offered}`);
  const tactic = tactics.find((t) => t.code === offered[0]);
  await form.getByLabel('Tactic').selectOption(tactic.code);
  await form.getByLabel('Status').selectOption('done');
  await form.getByLabel('Start date').fill(isoDay(-120));
  await form.getByLabel('Done date').fill(isoDay(-100));
  await form.getByLabel('Outcome').fill('Rank patrolled on four Friday nights; drivers briefed (synthetic).');
  await afterRender(page, () => form.getByRole('button', { name: 'Record action' }).click());
  const actionId = /action=([0-9a-f-]{36})/.exec(page.url())?.[1];
  assert(actionId, `recording did not open the action's page: ${page.url()}`);
  const recorded = await apiGet('tasking_member', `/api/disruption-actions/${actionId}`);
  assert(recorded.locationId === placeId && recorded.targetKind === 'location' && recorded.status === 'done', `the API holds another action: ${JSON.stringify(recorded)}`);
  // The action's page leads back to the place check, which lists the action.
  await afterRender(page, () => page.locator('section[aria-label="Disruption action"]').getByRole('link', { name: /^Place / }).click());
  const onPlace = page.getByRole('region', { name: 'Actions on this place' });
  await onPlace.waitFor({ timeout: 15_000 });
  assert((await onPlace.locator(`a[href*="action=${actionId}"]`).count()) === 1, `the place does not list its action: ${await onPlace.innerText()}`);

  // Impact by tactic, from the board: one row per tactic with done actions, the counts the API gives.
  await afterRender(page, () => page.getByRole('link', { name: 'Action board' }).click());
  await afterRender(page, () => page.getByRole('link', { name: /impact by tactic/ }).click());
  const table = page.getByRole('table', { name: 'Impact by tactic' });
  await table.waitFor({ timeout: 60_000 });
  const summary = await apiGet('tasking_member', '/api/disruption-actions/impact-by-tactic');
  const rows = await table.locator('tbody tr').allInnerTexts();
  assert(rows.length === summary.tactics.length, `${rows.length} rows for ${summary.tactics.length} tactics`);
  const ours = summary.tactics.find((t) => t.tacticCode === tactic.code);
  assert(ours && ours.actions >= 1, `the API's summary does not count the done action: ${JSON.stringify(summary)}`);
  const row = rows.find((r) => r.startsWith(tactic.name));
  assert(row && row.split('\t')[1].trim() === String(ours.actions), `the ${tactic.name} row does not show the API's ${ours.actions} done actions: ${row}`);
  await page.screenshot({ path: `${screenshots}impact-by-tactic.png`, fullPage: true });
  console.log(`      (${chosen.split(' · ')[0]}: ${tactic.name} done; ${summary.tactics.length} tactics summarised)`);
});

await test('supervisor: retains one record due for review and erases another, each with a justification, and finds both in the audit log', async (page) => {
  await signIn(page, 'supervisor', '#view=reviews');
  const nav = await page.locator('#views').innerText();
  assert(/Reviews/.test(nav) && /Audit log/.test(nav), `the supervisor lacks the review and audit views: ${nav}`);
  const list = page.getByRole('list', { name: 'Records due for review' });
  await list.waitFor({ timeout: 15_000 });
  const due = await apiGet('supervisor', '/api/reviews/due');
  assert(due.total >= 2, `only ${due.total} records due for review`);
  const [kept, erased] = due.records;
  assert((await list.locator(':scope > li').count()) === Math.min(due.total, 50), 'the list is not the worklist');

  const keptItem = list.locator(`li[data-entity-id="${kept.entityId}"]`);
  await keptItem.getByRole('button', { name: /^Retain/ }).click();
  const retainForm = keptItem.getByRole('form');
  await retainForm.getByLabel('Why it is still needed').fill('too short');
  await retainForm.getByRole('button', { name: /^Retain/ }).click();
  await page.waitForSelector(`[id="retain-${kept.entityId}-justification"][aria-invalid="true"]`, { timeout: 15_000 });
  await retainForm.getByLabel('Why it is still needed').fill('Still needed: linked to an open safeguarding enquiry (synthetic).');
  await retainForm.getByLabel('Next review date').fill(isoDay(365));
  await afterRender(page, () => retainForm.getByRole('button', { name: /^Retain/ }).click());
  assert(/retained until/.test(await page.locator('#status').innerText()), 'no word that the record was retained');

  const erasedItem = list.locator(`li[data-entity-id="${erased.entityId}"]`);
  // Before deciding, the supervisor reads the record as its own endpoint gives it.
  await erasedItem.getByRole('button', { name: /^Show/ }).click();
  await erasedItem.locator('.review-record dl.facts').waitFor({ timeout: 15_000 });
  const before = await apiGet('supervisor', `/api/${erased.entityKind}/${erased.entityId}`);
  const shownRecord = await erasedItem.locator('.review-record').innerText();
  const firstField = Object.entries(before.type === 'Feature' ? before.properties : before).find(([key, value]) => key !== 'id' && typeof value === 'string' && value)?.[1];
  assert(firstField && shownRecord.includes(firstField), `the record shown is not the API's (${firstField}): ${shownRecord.slice(0, 200)}`);
  await erasedItem.getByRole('button', { name: /^Erase/ }).click();
  const eraseForm = erasedItem.getByRole('form');
  await eraseForm.getByLabel('Why it is erased').fill('No longer necessary for the purpose it was recorded for (synthetic).');
  await page.screenshot({ path: `${screenshots}reviews.png` });
  await afterRender(page, () => eraseForm.getByRole('button', { name: /^Erase/ }).click());
  assert(/erased/.test(await page.locator('#status').innerText()), 'no word that the record was erased');

  const after = await apiGet('supervisor', '/api/reviews/due');
  const ids = after.records.map((r) => r.entityId);
  assert(after.total === due.total - 2 && !ids.includes(kept.entityId) && !ids.includes(erased.entityId), `the worklist still holds them: ${JSON.stringify(after)}`);
  assert(await list.locator(`li[data-entity-id="${kept.entityId}"], li[data-entity-id="${erased.entityId}"]`).count() === 0, 'the screen still lists a decided record');
  const report = await apiGet('supervisor', `/api/reports/${erased.entityId}`);
  assert(JSON.stringify(report).includes('[erased on review]'), 'the erased report still has its narrative');

  // The audit log search, by record: the erasure's entry carries its justification.
  await afterRender(page, () => page.getByRole('link', { name: 'Audit log' }).click());
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel(/Record id/).fill(erased.entityId);
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  assert(page.url().includes(`entityId=${erased.entityId}`), `the search is not in the URL: ${page.url()}`);
  const entries = page.getByRole('table', { name: 'Audit entries' });
  await entries.waitFor({ timeout: 15_000 });
  const rows = await entries.locator('tbody tr').allInnerTexts();
  assert(rows.length > 0 && rows.every((r) => r.includes(erased.entityId)), `the search shows other records: ${rows.slice(0, 2).join(' | ')}`);
  assert(rows.some((r) => /No longer necessary/.test(r)), `no audit entry carries the erasure's justification: ${rows.slice(0, 3).join(' | ')}`);
  await page.screenshot({ path: `${screenshots}audit.png` });
  // And the retained record's change of review date, with its reason.
  await filters.getByLabel(/Record id/).fill(kept.entityId);
  await filters.getByRole('group', { name: 'Action' }).getByLabel('alteration').check();
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  const keptRows = await entries.locator('tbody tr').allInnerTexts();
  assert(keptRows.length > 0 && keptRows.every((r) => r.includes(kept.entityId) && /alteration/.test(r)), `the search by record and action shows others: ${keptRows.slice(0, 2).join(' | ')}`);
  assert(keptRows.some((r) => /Still needed/.test(r)), `no audit entry carries the retention's justification: ${keptRows.slice(0, 3).join(' | ')}`);
  console.log(`      (${due.total} due; retained ${kept.entityId.slice(-8)}, erased ${erased.entityId.slice(-8)}; ${rows.length} audit entries for it)`);
});


// The network view. A small graph made through the API for these tests, so that what it must show is known:
// A –associate– B –family– C –frequents– premises P. (The demo city's own links are many and random.)
const reason = 'Synthetic e2e: checking the network view behaves as specified';
let networkGraph = null;
async function apiPost(role, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/json', Justification: reason },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
async function makeNetworkGraph() {
  if (networkGraph) return networkGraph;
  const restricted = { handlingCode: 'P', securityMarking: 'OFFICIAL-SENSITIVE', lawfulBasis: 'law_enforcement' };
  const run = Date.now().toString(36);
  const person = async (name) =>
    (await apiPost('analyst', '/api/persons', { ...restricted, role: 'adult_of_concern', familyName: `Netview${name}${run}`, givenNames: 'Example' })).id;
  const [a, b, c] = [await person('Alpha'), await person('Bravo'), await person('Charlie')];
  const { region } = await apiGet('analyst', '/api/client-config');
  const [longitude, latitude] = [(region.minLongitude + region.maxLongitude) / 2, (region.minLatitude + region.maxLatitude) / 2];
  const p = (
    await apiPost('analyst', '/api/premises', {
      ...restricted,
      name: `Netview Example Bar ${run}`,
      premisesType: 'late_night_refreshment',
      address: '1 Example Street',
      postcode: 'ZZ1 1ZZ',
      location: { type: 'Point', coordinates: [longitude, latitude] },
    })
  ).id;
  const link = (fromKind, from, toKind, to, linkType) => apiPost('analyst', '/api/links', { ...restricted, from: { kind: fromKind, id: from }, to: { kind: toKind, id: to }, linkType });
  await link('person', a, 'person', b, 'associate');
  await link('person', b, 'person', c, 'family');
  await link('person', c, 'premises', p, 'frequents');
  networkGraph = { a, b, c, p, run };
  return networkGraph;
}

// Cytoscape's select and unselect return their collection, which holds the whole chart: returned from page.evaluate,
// Playwright would copy all of it out of the page (the renderer ran out of memory doing so). Nothing is returned.
const unselectAll = () => void window.__hotspotNetwork.elements().unselect();

/** The entities the network view lists, by id. */
async function networkIds(page) {
  return page.locator('.network-entity-list li').evaluateAll((items) => items.map((item) => item.dataset.id).sort());
}

/** Gives the view its reason for looking, which it needs before it asks for a network. */
async function giveReason(page) {
  await page.getByLabel('Why you are looking').fill(reason);
  await afterRender(page, () => page.getByRole('button', { name: 'Use this reason' }).click());
}

await test('network view: opens from a person, expands, filters by link type, finds a path, shows a premises on the map and exports GraphML', async (page) => {
  const g = await makeNetworkGraph();
  await signIn(page, 'analyst', `#view=network&start=person:${g.a}`);
  await giveReason(page);
  await page.locator('.network-entity-list li').first().waitFor({ timeout: 15_000 });
  let ids = await networkIds(page);
  assert(JSON.stringify(ids) === JSON.stringify([g.a, g.b].sort()), `one hop from A is not A and B: ${ids}`);
  const chartNodes = await page.evaluate(() => window.__hotspotNetwork.nodes().length);
  assert(chartNodes === 2, `the chart draws ${chartNodes} nodes, not 2`);

  // Expand B: one hop further from it reaches C.
  await page.locator(`.network-entity-list li[data-id="${g.b}"] input`).check();
  await afterRender(page, () => page.locator('#network-expand').click());
  assert(page.url().includes(`person:${g.b}`), `B is not among the starts in the URL: ${page.url()}`);
  await page.locator(`.network-entity-list li[data-id="${g.c}"]`).waitFor({ timeout: 15_000 });
  ids = await networkIds(page);
  assert(ids.length === 3 && ids.includes(g.c), `expanding B did not add C alone: ${ids}`);

  // Only associate links: C (a family link away) leaves.
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.locator('input[name=linkType][value=associate]').check();
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  assert(page.url().includes('linkType=associate'), `the link-type filter is not in the URL: ${page.url()}`);
  ids = await networkIds(page);
  assert(JSON.stringify(ids) === JSON.stringify([g.a, g.b].sort()), `the associate-only network is not A and B: ${ids}`);
  await filters.locator('input[name=linkType][value=associate]').uncheck();
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  await page.locator(`.network-entity-list li[data-id="${g.c}"]`).waitFor({ timeout: 15_000 });

  // A link's evidence on selection.
  const linkAB = await page.evaluate(([a, b]) => window.__hotspotNetwork.edges().filter((e) => [e.data('source'), e.data('target')].sort().join() === [a, b].sort().join())[0].id(), [g.a, g.b]);
  await page.evaluate((id) => void window.__hotspotNetwork.$id(id).select(), linkAB);
  // Its facts come with the answer (the heading shows at once, over "Loading…").
  await page.locator('.network-evidence dl').waitFor({ timeout: 15_000 });
  const evidence = await page.locator('.network-evidence').innerText();
  assert(/associate/.test(evidence) && /Grading/.test(evidence), `the link's evidence is not shown: ${evidence}`);
  await page.evaluate(unselectAll);

  // Paths from A to C: two links, through B.
  await page.locator(`.network-entity-list li[data-id="${g.a}"] input`).check();
  await page.locator(`.network-entity-list li[data-id="${g.c}"] input`).check();
  await page.locator('#network-find-path').click();
  const path = page.locator('.network-path-list li').first();
  await path.waitFor({ timeout: 15_000 });
  const pathText = await path.innerText();
  assert(/^2 links/.test(pathText) && pathText.toLowerCase().includes(`netviewbravo${g.run}`), `the path found is not A–B–C: ${pathText}`);
  const onPath = await page.evaluate(() => ({ nodes: window.__hotspotNetwork.nodes('.on-path').length, edges: window.__hotspotNetwork.edges('.on-path').length }));
  assert(onPath.nodes === 3 && onPath.edges === 2, `the chart highlights ${JSON.stringify(onPath)}, not 3 nodes and 2 links`);
  await page.screenshot({ path: `${screenshots}network-path.png` });

  // Expand C to reach the premises, select it: it is drawn on the map.
  await page.evaluate(unselectAll);
  await page.locator(`.network-entity-list li[data-id="${g.c}"] input`).check();
  await afterRender(page, () => page.locator('#network-expand').click());
  await page.locator(`.network-entity-list li[data-id="${g.p}"] input`).check({ timeout: 15_000 });
  await page.waitForFunction(() => window.__hotspotMap.getCanvas().dataset.networkPoints === '1', null, { timeout: 10_000 });
  // Drawn once the map has rendered the new data (its layer's features are then queryable).
  await page
    .waitForFunction(() => window.__hotspotMap.queryRenderedFeatures({ layers: ['network-selected-points'] }).length >= 1, null, { timeout: 10_000 })
    .catch(() => assert(false, 'the selected premises is not drawn on the map'));

  // Export as GraphML: a disclosure with its recipient and reason; the file holds the entities shown.
  await page.locator('#network-export-format').selectOption('graphml');
  await page.getByLabel('Recipient').fill('Synthetic Borough Council community safety team');
  await page.getByLabel('Reason for disclosure').fill('Synthetic e2e: partnership problem-solving meeting, shared under the agreement');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: 'Export' }).click()]);
  const text = readFileSync(await download.path(), 'utf8');
  const parsed = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    if (doc.querySelector('parsererror')) return null;
    return [...doc.getElementsByTagName('node')].map((node) => node.getAttribute('id'));
  }, text);
  assert(parsed !== null, `the GraphML does not parse: ${text.slice(0, 200)}`);
  for (const id of [g.a, g.b, g.c, g.p]) assert(parsed.some((node) => node?.includes(id)) || text.includes(id), `the GraphML lacks ${id}`);
  assert(download.suggestedFilename().endsWith('.graphml'), `the file is named ${download.suggestedFilename()}`);
  await page.screenshot({ path: `${screenshots}network.png` });

  // One selected person can be acted on: the new-action form opens with the person as its target.
  await page.evaluate(unselectAll);
  await page.locator(`.network-entity-list li[data-id="${g.a}"] input`).check();
  await afterRender(page, () => page.locator('#network-new-action').click());
  const form = page.getByRole('form', { name: 'New action' });
  await form.waitFor({ timeout: 15_000 });
  assert(page.url().includes(`target=person:${g.a}`) || page.url().includes(`target=person%3A${g.a}`), `the person is not the action's target: ${page.url()}`);
  const tactics = await apiGet('analyst', '/api/disruption-tactics');
  const forPersons = tactics.filter((t) => !t.retired && t.targetKinds.includes('person')).map((t) => t.code);
  const offered = await form.getByLabel('Tactic').locator('option').evaluateAll((options) => options.map((o) => o.value).filter(Boolean));
  assert(offered.length > 0 && offered.length === forPersons.length, `the form offers other tactics than those for persons: ${offered}`);
  await form.getByLabel('Tactic').selectOption(offered[0]);
  await afterRender(page, () => form.getByRole('button', { name: 'Record action' }).click());
  const actionId = /action=([0-9a-f-]{36})/.exec(page.url())?.[1];
  const recorded = actionId && (await apiGet('analyst', `/api/disruption-actions/${actionId}`));
  assert(recorded && recorded.personId === g.a && recorded.targetKind === 'person', `no action on the person was recorded: ${JSON.stringify(recorded)}`);
  console.log(`      (${parsed.length} nodes in ${download.suggestedFilename()}; action ${actionId.slice(-8)} on person A)`);
});

await test('network view: a report panel lists what the report names, each opening the network there', async (page) => {
  const g = await makeNetworkGraph();
  const { region } = await apiGet('analyst', '/api/client-config');
  // A corner of the region, away from the demo city's reports, so that the report is the one point in view.
  const spot = [region.minLongitude + 0.002, region.minLatitude + 0.002];
  await apiPost('analyst', '/api/reports', {
    handlingCode: 'P',
    securityMarking: 'OFFICIAL-SENSITIVE',
    lawfulBasis: 'law_enforcement',
    category: 'premises_concern',
    occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
    location: { type: 'Point', coordinates: spot },
    locationPrecisionMeters: 10,
    sourceEvaluation: '2',
    intelligenceAssessment: 'B',
    narrative: 'Synthetic e2e report naming a premises and a person.',
    premisesIds: [g.p],
    personIds: [g.a],
  });
  await signIn(page, 'analyst', '#view=network');
  await giveReason(page);
  await afterRender(page, () => page.evaluate(() => (location.hash = '#view=analyst')));
  await page.evaluate((center) => window.__hotspotMap.jumpTo({ center, zoom: 17 }), spot);
  await waitForMap(page);
  const list = page.getByRole('list', { name: 'Reports in view' });
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Reports in view"] button').length > 0, null, { timeout: 15_000 });
  await list.getByRole('button').first().click();
  const named = page.getByRole('region', { name: 'Named in this report' });
  await named.getByRole('link', { name: new RegExp(`Netview Example Bar ${g.run}`) }).waitFor({ timeout: 15_000 });
  const text = await named.innerText();
  assert(text.toLowerCase().includes(`netviewalpha${g.run}`), `the persons it names are not listed to an analyst who gave a reason: ${text}`);
  await page.screenshot({ path: `${screenshots}report-named.png` });
  await afterRender(page, () => named.getByRole('link', { name: new RegExp(`Netview Example Bar ${g.run}`) }).click());
  assert(page.url().includes(`start=premises:${g.p}`), `the premises link did not open its network: ${page.url()}`);
  await page.locator(`.network-entity-list li[data-id="${g.c}"]`).waitFor({ timeout: 15_000 });
  const ids = await networkIds(page);
  assert(ids.includes(g.p) && ids.includes(g.c), `the premises' network lacks it or C: ${ids}`);
});

await test('network view: opens from a hotspot panel with the hotspot\'s premises and places', async (page) => {
  await waitForHotspots('analyst');
  const hotspots = await apiGet('analyst', '/api/hotspots');
  const hotspotId = hotspots.features[0].id;
  await signIn(page, 'analyst', '#view=network');
  await giveReason(page);
  await afterRender(page, () => page.evaluate((id) => (location.hash = `#view=tasking&hotspot=${id}`), hotspotId));
  const open = page.getByRole('link', { name: 'Network of this hotspot' });
  // What the API answers for the same question is what the view lists. Runs and the derived-link pass go on in the
  // background (reports earlier tests added), so the view is compared with the answers just before and just after it.
  const answer = async () => {
    const response = await fetch(`${baseUrl}/api/network?start=hotspot:${hotspotId}&hops=1&nodeLimit=500`, { headers: { Authorization: `Bearer ${tokens.analyst}`, Justification: reason } });
    return JSON.stringify((await response.json()).nodes.map((node) => node.id).sort());
  };
  const before = await answer();
  await afterRender(page, () => open.click());
  assert(page.url().includes(`start=hotspot:${hotspotId}`), `the hotspot's network is not in the URL: ${page.url()}`);
  const ids = await networkIds(page);
  const after = await answer();
  const matched = [before, after].find((answered) => answered === JSON.stringify(ids));
  assert(matched, `the view lists ${ids.length} entities where the API gives ${JSON.parse(before).length} before and ${JSON.parse(after).length} after`);
  const expected = JSON.parse(matched);
  const status = await page.locator('#status').innerText();
  assert(new RegExp(`^${expected.length} entit`).test(status), `the status line does not count them: ${status}`);
  console.log(`      (${expected.length} entities around hotspot ${hotspotId.slice(-8)})`);
});

await test('network view: starts from a phone number and an online identifier found by name, limits its entities, follows chosen agencies, and opens from premises and vehicle checks', async (page) => {
  const restricted = { handlingCode: 'P', securityMarking: 'OFFICIAL-SENSITIVE', lawfulBasis: 'law_enforcement' };
  const run = Date.now().toString(36);
  // D uses a phone and a handle, drives a vehicle, frequents a premises and is an associate of E: five entities a hop from D.
  const person = async (name) =>
    (await apiPost('analyst', '/api/persons', { ...restricted, role: 'adult_of_concern', familyName: `Netgap${name}${run}`, givenNames: 'Example' })).id;
  const [d, e] = [await person('Delta'), await person('Echo')];
  const digits = String(Date.now()).slice(-6);
  const phone = (await apiPost('analyst', '/api/phone-numbers', { ...restricted, number: `+44 7700 ${digits}` })).id;
  const handle = (await apiPost('analyst', '/api/online-identifiers', { ...restricted, value: `netgap_${run}`, identifierType: 'social_media', platform: 'Snapchat' })).id;
  const vehicle = (await apiPost('analyst', '/api/vehicles', { ...restricted, registrationMark: `NG${digits}`, licenceType: 'none' })).id;
  const { region } = await apiGet('analyst', '/api/client-config');
  const premises = (
    await apiPost('analyst', '/api/premises', {
      ...restricted,
      name: `Netgap Example Cafe ${run}`,
      premisesType: 'late_night_refreshment',
      address: '2 Example Street',
      postcode: 'ZZ1 1ZZ',
      location: { type: 'Point', coordinates: [(region.minLongitude + region.maxLongitude) / 2, (region.minLatitude + region.maxLatitude) / 2] },
    })
  ).id;
  const link = (toKind, to, linkType) => apiPost('analyst', '/api/links', { ...restricted, from: { kind: 'person', id: d }, to: { kind: toKind, id: to }, linkType });
  await link('phone_number', phone, 'uses');
  await link('online_identifier', handle, 'uses');
  await link('vehicle', vehicle, 'driver');
  await link('premises', premises, 'frequents');
  await link('person', e, 'associate');
  const everyone = [d, e, phone, handle, vehicle, premises].sort();

  await signIn(page, 'analyst', '#view=network');
  await giveReason(page);
  // The phone number typed as dialled in the UK: the API stores it in E.164 form, and finds it either way.
  const start = page.getByRole('form', { name: 'Start the network' });
  await start.getByLabel('Start from').selectOption('phone_number');
  await start.getByLabel('Find', { exact: true }).fill(`07700 ${digits}`);
  await start.getByRole('button', { name: 'Find and open' }).click();
  const found = start.locator(`li[data-start="phone_number:${phone}"] button.network-start-open`);
  await found.waitFor({ timeout: 15_000 });
  assert((await found.innerText()).includes(`+447700${digits}`), `the number found is not shown in E.164 form: ${await found.innerText()}`);
  await afterRender(page, () => found.click());
  assert(page.url().includes(`start=phone_number:${phone}`), `the phone number is not the start in the URL: ${page.url()}`);
  await page.locator(`.network-entity-list li[data-id="${d}"]`).waitFor({ timeout: 15_000 });
  let ids = await networkIds(page);
  assert(JSON.stringify(ids) === JSON.stringify([d, phone].sort()), `one hop from the phone is not it and D: ${ids}`);

  // Two hops out, everything; then at most 3 entities, which the URL, the list and the status line say.
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Hops from the starts').selectOption('2');
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  await page.locator(`.network-entity-list li[data-id="${premises}"]`).waitFor({ timeout: 15_000 });
  ids = await networkIds(page);
  assert(JSON.stringify(ids) === JSON.stringify(everyone), `two hops from the phone is not all six: ${ids}`);
  await filters.getByLabel(/Most entities shown/).fill('3');
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  assert(page.url().includes('nodeLimit=3'), `the node limit is not in the URL: ${page.url()}`);
  await page.waitForFunction(() => document.querySelectorAll('.network-entity-list li').length === 3, null, { timeout: 15_000 });
  ids = await networkIds(page);
  assert(ids.includes(phone) && ids.includes(d), `the limited network leaves out the start or D: ${ids}`);
  const status = await page.locator('#status').innerText();
  assert(/^3 entities/.test(status) && /limit of 3/.test(status), `the status line does not say the limit cut the network: ${status}`);
  await filters.getByLabel(/Most entities shown/).fill('500');
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  assert(!page.url().includes('nodeLimit'), `the default node limit stays in the URL: ${page.url()}`);

  // Agencies: the links were all recorded by the analyst's own agency, so following only another's leaves the start alone.
  const agencies = await apiGet('analyst', '/api/agencies');
  const own = agencies.find((agency) => agency.code === 'DEMO-WMP');
  const other = agencies.find((agency) => agency.code !== 'DEMO-WMP');
  const agencyBoxes = filters.locator('fieldset.network-agencies[data-loaded="true"]');
  await agencyBoxes.waitFor({ timeout: 15_000 });
  await agencyBoxes.locator(`input[value="${other.id}"]`).check();
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  assert(page.url().includes(`linkAgency=${other.id}`), `the agency filter is not in the URL: ${page.url()}`);
  await page.waitForFunction(() => document.querySelectorAll('.network-entity-list li').length === 1, null, { timeout: 15_000 });
  ids = await networkIds(page);
  assert(JSON.stringify(ids) === JSON.stringify([phone]), `following only ${other.code}'s links still reaches others: ${ids}`);
  await agencyBoxes.locator(`input[value="${other.id}"]`).uncheck();
  await agencyBoxes.locator(`input[value="${own.id}"]`).check();
  await afterRender(page, () => filters.getByRole('button', { name: 'Apply filters' }).click());
  await page.locator(`.network-entity-list li[data-id="${premises}"]`).waitFor({ timeout: 15_000 });
  const response = await fetch(`${baseUrl}/api/network?start=phone_number:${phone}&hops=2&nodeLimit=500&agencyId=${own.id}`, {
    headers: { Authorization: `Bearer ${tokens.analyst}`, Justification: reason },
  });
  const expected = (await response.json()).nodes.map((node) => node.id).sort();
  ids = await networkIds(page);
  assert(JSON.stringify(ids) === JSON.stringify(expected) && JSON.stringify(ids) === JSON.stringify(everyone), `following ${own.code}'s links lists ${ids}, the API ${expected}`);

  // The phone number and the handle can be the two ends of a path: through D.
  await page.locator(`.network-entity-list li[data-id="${phone}"] input`).check();
  await page.locator(`.network-entity-list li[data-id="${handle}"] input`).check();
  await page.locator('#network-find-path').click();
  const path = page.locator('.network-path-list li').first();
  await path.waitFor({ timeout: 15_000 });
  const pathText = await path.innerText();
  assert(/^2 links/.test(pathText) && pathText.toLowerCase().includes(`netgapdelta${run}`), `the path from the phone to the handle is not through D: ${pathText}`);
  await page.screenshot({ path: `${screenshots}network-phone-start.png` });

  // An online identifier, typed with its @ and in capitals, found and opened.
  await afterRender(page, () => page.evaluate(() => (location.hash = '#view=network')));
  await start.getByLabel('Start from').selectOption('online_identifier');
  await start.getByLabel('Find', { exact: true }).fill(`@NETGAP_${run}`);
  await start.getByRole('button', { name: 'Find and open' }).click();
  const foundHandle = start.locator(`li[data-start="online_identifier:${handle}"] button.network-start-open`);
  await foundHandle.waitFor({ timeout: 15_000 });
  await afterRender(page, () => foundHandle.click());
  await page.locator(`.network-entity-list li[data-id="${d}"]`).waitFor({ timeout: 15_000 });
  ids = await networkIds(page);
  assert(JSON.stringify(ids) === JSON.stringify([d, handle].sort()), `one hop from the handle is not it and D: ${ids}`);

  // From a premises check and a vehicle check.
  for (const [kind, id, param] of [['premises', premises, 'premises'], ['vehicle', vehicle, 'vehicle']]) {
    await afterRender(page, () => page.evaluate(([name, value]) => (location.hash = `#view=premises&${name}=${value}`), [param, id]));
    const open = page.getByRole('link', { name: `Network of this ${kind}` });
    await open.waitFor({ timeout: 15_000 });
    await afterRender(page, () => open.click());
    assert(page.url().includes(`start=${kind}:${id}`), `the ${kind} check did not open its network: ${page.url()}`);
    await page.locator(`.network-entity-list li[data-id="${d}"]`).waitFor({ timeout: 15_000 });
  }
  console.log(`      (phone ${phone.slice(-8)}, handle ${handle.slice(-8)}; ${everyone.length} entities two hops out)`);
});

await test('vehicle check: a duplicate merged into another vehicle is checked as that vehicle, with both records\' reports', async (page) => {
  const restricted = { handlingCode: 'P', securityMarking: 'OFFICIAL-SENSITIVE', lawfulBasis: 'law_enforcement' };
  const digits = String(Date.now()).slice(-6);
  const van = (await apiPost('analyst', '/api/vehicles', { ...restricted, registrationMark: `MV${digits}`, licenceType: 'none' })).id;
  const vanAgain = (await apiPost('analyst', '/api/vehicles', { ...restricted, registrationMark: `mv ${digits}`, licenceType: 'none' })).id;
  const { region } = await apiGet('analyst', '/api/client-config');
  const report = (vehicleId, narrative) =>
    apiPost('analyst', '/api/reports', {
      ...restricted,
      category: 'vehicle_pick_up',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      location: { type: 'Point', coordinates: [region.minLongitude + 0.003, region.minLatitude + 0.003] },
      locationPrecisionMeters: 10,
      sourceEvaluation: '2',
      intelligenceAssessment: 'B',
      narrative,
      vehicleIds: [vehicleId],
    });
  await report(van, `Synthetic e2e: the first record's pick-up ${digits}.`);
  await report(vanAgain, `Synthetic e2e: the duplicate's pick-up ${digits}.`);
  await apiPost('analyst', '/api/entity-resolution/merges', { kind: 'vehicle', survivorId: van, mergedId: vanAgain, justification: 'Synthetic e2e: one van recorded twice' });

  await signIn(page, 'licensing_officer', `#view=premises&vehicle=${vanAgain}`);
  const check = page.getByRole('region', { name: 'Vehicle check' });
  await check.waitFor({ timeout: 15_000 });
  const text = await check.innerText();
  assert(/merged into another vehicle record/.test(text), `the check does not say the record is merged: ${text}`);
  for (const whose of ["the first record's", "the duplicate's"]) assert(text.includes(`${whose} pick-up ${digits}`), `the check lacks ${whose} report: ${text}`);
  assert((await check.getByRole('link', { name: 'Network of this vehicle' }).count()) === 0, 'a licensing officer is offered the network');
  await afterRender(page, () => check.getByRole('button', { name: 'Open the record it is merged into' }).click());
  assert(page.url().includes(`vehicle=${van}`), `the survivor did not open: ${page.url()}`);
  const survivor = await page.getByRole('region', { name: 'Vehicle check' }).innerText();
  assert(/1 duplicate record is merged into this one/.test(survivor), `the survivor's check does not say a duplicate is merged into it: ${survivor}`);
  await page.screenshot({ path: `${screenshots}vehicle-check-merged.png` });
});

await test('premises check: an analyst asks what connects a premises to the hotspots near it, as the API answers', async (page) => {
  await waitForHotspots('analyst');
  const hotspots = await apiGet('analyst', '/api/hotspots');
  let premisesId = null;
  for (const hotspot of hotspots.features) {
    const { premises } = (await apiGet('analyst', `/api/hotspots/${hotspot.id}`)).properties;
    if (premises.length) {
      premisesId = premises[0].id;
      break;
    }
  }
  assert(premisesId, 'no hotspot of the demo city holds a premises');
  const concerns = await apiGet('analyst', `/api/premises/${premisesId}/concerns`);
  const nearby = concerns.nearbyHotspots.slice(0, 20).map((hotspot) => hotspot.hotspotId);
  assert(nearby.length > 0, 'a premises in a hotspot has no hotspot near it');
  const query = `premisesId=${premisesId}&${nearby.map((id) => `hotspotId=${id}`).join('&')}`;
  const response = await fetch(`${baseUrl}/api/network/hotspot-connections?${query}`, { headers: { Authorization: `Bearer ${tokens.analyst}`, Justification: reason } });
  assert(response.ok, `the API answered ${response.status}`);
  const expected = await response.json();

  await signIn(page, 'analyst', '#view=network');
  await giveReason(page);
  await afterRender(page, () => page.evaluate((id) => (location.hash = `#view=premises&premises=${id}`), premisesId));
  const section = page.getByRole('region', { name: 'Connections to hotspots' });
  await section.getByRole('button', { name: 'What connects it to these hotspots' }).click();
  await section.locator('ul.hotspot-connections').waitFor({ timeout: 30_000 });
  for (const hotspot of expected.hotspots) {
    const item = section.locator(`ul.hotspot-connections > li[data-hotspot="${hotspot.hotspotId}"]`);
    const shown = await item.locator('li').count();
    assert(shown === hotspot.paths.length, `hotspot ${hotspot.hotspotId.slice(-8)} shows ${shown} paths where the API gives ${hotspot.paths.length}`);
    if (hotspot.paths.length === 0) assert(/no connection/.test(await item.innerText()), `an unconnected hotspot does not say so: ${await item.innerText()}`);
  }
  assert((await section.locator('ul.hotspot-connections > li').count()) === nearby.length, 'the list does not hold every nearby hotspot');
  await page.screenshot({ path: `${screenshots}premises-hotspot-connections.png` });
  console.log(`      (${expected.hotspots.reduce((n, h) => n + h.paths.length, 0)} paths to ${nearby.length} hotspots)`);
});

await test('network view: a masked role is told it may not see networks', async (page) => {
  const g = await makeNetworkGraph();
  await signIn(page, 'tasking_member', `#view=network&start=person:${g.a}`);
  assert((await page.locator('#views a[data-view="network"]').count()) === 0, 'the network is offered in a tasking member\'s navigation');
  await giveReason(page);
  const refusal = page.locator('.network-refused');
  await refusal.waitFor({ timeout: 15_000 });
  const text = await refusal.innerText();
  assert(/not available to your role/.test(text) && /403/.test(text), `the refusal does not say why: ${text}`);
  assert((await page.locator('.network-entity-list li').count()) === 0, 'a masked role sees entities');
  await page.screenshot({ path: `${screenshots}network-refused.png` });
});

await test('tasking member: a meeting pack for the view is built with progress, listed, and its PDF downloaded as a logged disclosure', async (page) => {
  await waitForHotspots('tasking_member');
  await signIn(page, 'tasking_member');
  const packs = page.getByRole('region', { name: 'Meeting packs' });
  await packs.getByLabel('Title (optional)').fill('Synthetic e2e tasking pack');
  await packs.getByRole('button', { name: 'Make a meeting pack for this view' }).click();
  const row = packs.locator('li', { hasText: 'Synthetic e2e tasking pack' }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.locator('.pack-status', { hasText: /^Ready/ }).waitFor({ timeout: 120_000 });
  const id = await row.getAttribute('data-pack');
  await row.getByLabel('File').selectOption('pack.pdf');
  await row.getByLabel('Recipient').fill('Synthetic Northbrook tasking meeting');
  await row.getByLabel('Reason for disclosure').fill('Tasking meeting: the pack for the partners around the table');
  await row.getByRole('button', { name: 'Download' }).click();
  const result = row.locator('p[role="status"]', { hasText: /Disclosed/ });
  await result.waitFor({ timeout: 30_000 });
  const text = await result.innerText();
  assert(/OFFICIAL(-SENSITIVE)? pack\.pdf/.test(text), `the download is not named with its marking: ${text}`);
  // The same pack as the API lists it: built by the tasking member, its files the list offers.
  const listed = await (await fetch(`${baseUrl}/api/meeting-packs/${id}`, { headers: { Authorization: `Bearer ${tokens.tasking_member}` } })).json();
  assert(listed.status === 'succeeded' && listed.progressPercent === 100, `the API says ${listed.status} ${listed.progressPercent}`);
  assert(listed.madeByRole === 'tasking_member', `made by ${listed.madeByRole}`);
  const offered = await row.getByLabel('File').locator('option').allInnerTexts();
  assert(JSON.stringify(offered) === JSON.stringify(listed.files), `the list offers ${offered} where the API has ${listed.files}`);
  await page.screenshot({ path: `${screenshots}meeting-pack.png` });
  console.log(`      (pack ${id.slice(-8)}: ${listed.files.length} files, ${listed.securityMarking})`);
});

await test('panels: an analyst lists a person and premises on a panel, records a meeting with an attendee, a decision and an action, and downloads its pack; the panel list API gives a licensing officer no person', async (page) => {
  const restricted = { handlingCode: 'P', securityMarking: 'OFFICIAL-SENSITIVE', lawfulBasis: 'law_enforcement' };
  const run = Date.now().toString(36);
  const panel = await apiPost('analyst', '/api/panels', { ...restricted, kind: 'mace', name: `Synthetic e2e MACE ${run}` });
  const agencyId = panel.restrictions.agencyId;
  const person = (await apiPost('analyst', '/api/persons', { ...restricted, role: 'adult_of_concern', familyName: `Panelview${run}`, givenNames: 'Example' })).id;
  const { region } = await apiGet('analyst', '/api/client-config');
  const premises = (
    await apiPost('analyst', '/api/premises', {
      ...restricted,
      name: `Panelview Example Takeaway ${run}`,
      premisesType: 'late_night_refreshment',
      address: '2 Example Street',
      postcode: 'ZZ1 1ZZ',
      location: { type: 'Point', coordinates: [(region.minLongitude + region.maxLongitude) / 2, (region.minLatitude + region.maxLatitude) / 2] },
    })
  ).id;
  const action = (
    await apiPost('analyst', '/api/disruption-actions', { ...restricted, tacticCode: 'premises_licence_review', targetKind: 'premises', premisesId: premises, ownerAgencyId: agencyId, status: 'agreed' })
  ).id;

  await signIn(page, 'analyst', '#view=panels');
  await afterRender(page, () => page.getByRole('link', { name: `Synthetic e2e MACE ${run}` }).click());
  assert(page.url().includes(`panel=${panel.id}`), `the panel is not in the URL: ${page.url()}`);
  await giveReason(page);
  for (const [kind, id] of [['person', person], ['premises', premises]]) {
    const form = page.getByRole('form', { name: 'Add to the list' });
    await form.getByLabel('Kind').selectOption(kind);
    await form.getByLabel('Record id').fill(id);
    await form.getByLabel('Why the panel follows it').fill('Synthetic e2e: seen with children late at night');
    await afterRender(page, () => form.getByRole('button', { name: 'Add to the list' }).click());
  }
  const entries = page.getByRole('table', { name: 'Panel list' });
  await entries.locator('tr', { hasText: `Panelview${run}` }).waitFor({ timeout: 15_000 });
  const premisesRow = await entries.locator('tr', { hasText: `Panelview Example Takeaway ${run}` }).innerText();
  assert(/premises licence review/.test(premisesRow) && /No reports you may read/.test(premisesRow), `the premises row lacks its action or intelligence: ${premisesRow}`);

  const cases = page.getByRole('form', { name: 'Add a case reference' });
  await cases.getByLabel('Case reference').fill('Jane Example');
  await cases.getByRole('button', { name: 'Add case reference' }).click();
  const refused = cases.locator('.field-error', { hasText: /never a child's name/ });
  await refused.waitFor({ timeout: 15_000 });
  await cases.getByLabel('Case reference').fill(`LCS-${run.length}04518`);
  await afterRender(page, () => cases.getByRole('button', { name: 'Add case reference' }).click());
  await page.getByRole('region', { name: 'Children (case references only)' }).getByText(`LCS-${run.length}04518`).waitFor({ timeout: 15_000 });

  const meeting = page.getByRole('form', { name: 'Record a meeting' });
  await meeting.getByLabel('Role').fill('DS, exploitation team');
  await meeting.getByLabel('Decisions, one per line').fill('Licensing to request a review of the premises licence');
  await meeting.locator(`#panel-meeting-action-${action}`).check();
  await afterRender(page, () => meeting.getByRole('button', { name: 'Record meeting' }).click());
  const held = page.getByRole('list', { name: 'Meetings' }).locator('li[data-meeting]').first();
  await held.waitFor({ timeout: 15_000 });
  const heldText = await held.innerText();
  assert(/DS, exploitation team/.test(heldText) && /request a review/.test(heldText) && /premises licence review/.test(heldText), `the meeting is not shown whole: ${heldText}`);
  const meetings = await apiGet('analyst', `/api/panels/${panel.id}/meetings`);
  assert(meetings.length === 1 && meetings[0].attendees.length === 1 && meetings[0].decisions.length === 1 && meetings[0].actions[0]?.id === action,
    `the API holds another meeting: ${JSON.stringify(meetings)}`);

  await held.getByLabel('File').selectOption('pack.pdf');
  await held.getByLabel('Recipient').fill('Synthetic Northbrook MACE partners');
  await held.getByLabel('Reason for disclosure').fill('MACE meeting: the pack for the partners around the table');
  await held.getByRole('button', { name: 'Download pack' }).click();
  const result = held.locator('p[role="status"]', { hasText: /Disclosed/ });
  await result.waitFor({ timeout: 30_000 });
  assert(/OFFICIAL-SENSITIVE pack\.pdf/.test(await result.innerText()), `the download is not named with its marking: ${await result.innerText()}`);
  await page.screenshot({ path: `${screenshots}panel.png`, fullPage: true });

  // The licensing officer's list, as the API gives it to them: the premises, and no person (not even a count).
  const response = await fetch(`${baseUrl}/api/panels/${panel.id}/list`, { headers: { Authorization: `Bearer ${tokens.licensing_officer}`, Justification: reason } });
  const theirs = await response.json();
  assert(response.ok && theirs.items.length === 1 && theirs.items[0].entityId === premises && !JSON.stringify(theirs).includes(person), `the licensing officer's list: ${JSON.stringify(theirs)}`);
});

await browser.close();
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`client: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
