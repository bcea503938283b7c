import * as maplibregl from 'maplibre-gl';
import { actionsOnTarget } from '../actions/target-actions';
import {
  checkPlace,
  checkPremises,
  checkVehicle,
  concernRows,
  describeVehicle,
  formatDistance,
  searchPremisesAndVehicles,
} from '../api/premises';
import type { NearbyHotspot, ReportConcern } from '../api/premises-check-types';
import { boundsOf, hotspotsForMap } from '../hotspots/changes';
import { HotspotLayer, hotspotLegend } from '../hotspots/hotspot-layer';
import { getHotspotConnections } from '../api/network';
import { ApiError } from '../api/problem';
import { connectionLines, maxConnectedHotspots } from '../network/hotspot-connections';
import { isJustification, savedJustification } from '../network/justification';
import { mayReadNetworks, networkHref } from '../network/report-named';
import { trendLabels } from '../hotspots/trend-style';
import type { AppView, ViewContext } from '../state/view-context';
import { formatHash, type ViewState } from '../state/view-state';
import { element, facts } from '../ui/dom';
import { nearbyHotspotAreas } from './nearby-hotspot-areas';

const premisesTypeLabels: Record<string, string> = {
  licensed_premises: 'Licensed premises',
  late_night_refreshment: 'Late-night refreshment',
  hotel: 'Hotel',
  bed_and_breakfast: 'Bed and breakfast',
  hostel: 'Hostel',
  house_in_multiple_occupation: 'House in multiple occupation',
  private_hire_operator: 'Private-hire operator',
  shop: 'Shop',
  other: 'Other',
};

const placeTypeLabels: Record<string, string> = {
  park: 'Park',
  bus_station: 'Bus station',
  train_station: 'Train station',
  taxi_rank: 'Taxi rank',
  shopping_centre: 'Shopping centre',
  school_surroundings: 'Around a school',
  childrens_home_surroundings: "Around a children's home",
  other: 'Other place',
};

const licenceTypeLabels: Record<string, string> = {
  none: 'Not licensed for hire',
  hackney_carriage: 'Hackney carriage',
  private_hire: 'Private hire',
};

/**
 * Licensing premises check: one search box (premises name, address, postcode, licence number; vehicle registration
 * mark or plate; a named place's name), the results, and a page for a premises or a named place (its concerns, nearby
 * hotspots and actions) or a vehicle (its concerns and actions), each with "New action". The URL holds the search and the open record, so a link opens the same page. A premises' map shows it
 * with the outlines of its nearby hotspots in their trend colours; selecting one opens it on the tasking map.
 */
export class PremisesView implements AppView {
  private marker: maplibregl.Marker | null = null;
  private readonly hotspots: HotspotLayer;

  constructor(private readonly context: ViewContext) {
    this.hotspots = new HotspotLayer(context, (id) =>
      this.context.update({ view: 'tasking', hotspot: id, premises: null, vehicle: null, place: null, q: null }),
    );
  }

  async show(state: ViewState, signal: AbortSignal): Promise<void> {
    const { content } = this.context;
    this.renderSearch(state);
    this.removeMarker();
    this.hotspots.hide();
    this.context.legend.hidden = true;
    content.replaceChildren();
    if (state.premises) {
      await this.showPremises(state, state.premises, signal);
    } else if (state.vehicle) {
      await this.showVehicle(state, state.vehicle, signal);
    } else if (state.place) {
      await this.showPlace(state, state.place, signal);
    } else if (state.q) {
      await this.showResults(state.q, signal);
    } else {
      this.context.feedback.say('Search for a premises, vehicle or place to check it.');
    }
  }

  hide(): void {
    this.removeMarker();
    this.hotspots.hide();
    this.context.legend.hidden = true;
  }

  private renderSearch(state: ViewState): void {
    const { filters } = this.context;
    const input = element('input', { type: 'search', id: 'premises-q', name: 'q', value: state.q ?? '', autocomplete: 'off' });
    filters.replaceChildren(
      element('label', { for: 'premises-q' }, 'Premises name, address, postcode, licence number, plate or place name'),
      input,
      element('button', { type: 'submit' }, 'Search'),
    );
    filters.onsubmit = (event) => {
      event.preventDefault();
      this.context.update({ q: input.value.trim() || null, premises: null, vehicle: null, place: null });
    };
  }

  private async showResults(q: string, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    feedback.say('Searching…');
    const found = await searchPremisesAndVehicles(this.context.api, q, signal);
    const total = found.premises.length + found.vehicles.length + found.places.length;
    feedback.say(
      total === 0
        ? `No premises, vehicles or places match “${q}”.`
        : `${found.premises.length} premises, ${found.vehicles.length} vehicles and ${found.places.length} places found.`,
    );
    const sections: HTMLElement[] = [];
    if (found.premises.length > 0) {
      sections.push(
        element('h2', {}, 'Premises'),
        element(
          'ul',
          { class: 'list', 'aria-label': 'Premises' },
          ...found.premises.map((p) =>
            element('li', {}, this.openButton([p.name, p.address, p.postcode, p.licenceNumber].filter(Boolean).join(' · '), { premises: p.id, vehicle: null, place: null })),
          ),
        ),
      );
    }
    if (found.vehicles.length > 0) {
      sections.push(
        element('h2', {}, 'Vehicles'),
        element(
          'ul',
          { class: 'list', 'aria-label': 'Vehicles' },
          ...found.vehicles.map((v) => element('li', {}, this.openButton(describeVehicle(v), { vehicle: v.id, premises: null, place: null }))),
        ),
      );
    }
    if (found.places.length > 0) {
      sections.push(
        element('h2', {}, 'Places'),
        element(
          'ul',
          { class: 'list', 'aria-label': 'Places' },
          ...found.places.map((place) =>
            element('li', {}, this.openButton(`${place.name} · ${placeTypeLabels[place.locationType] ?? place.locationType}`, { place: place.id, premises: null, vehicle: null })),
          ),
        ),
      );
    }
    content.replaceChildren(...sections);
  }

  private async showPremises(state: ViewState, id: string, signal: AbortSignal): Promise<void> {
    const { feedback, content, map } = this.context;
    feedback.say('Loading the premises check…');
    const { premises, concerns } = await checkPremises(this.context.api, id, signal);
    feedback.say(
      `${concerns.reports.length}${concerns.moreReports ? '+' : ''} reports mention this premises; ` +
        `${concerns.nearbyHotspots.length} current hotspots within ${concerns.radiusMeters} m.`,
    );
    content.replaceChildren(
      element(
        'section',
        { 'aria-label': 'Premises check' },
        this.backButton(state),
        element('h2', {}, premises.name),
        facts([
          ['Type', premisesTypeLabels[premises.premisesType] ?? premises.premisesType],
          ['Address', premises.address],
          ['Postcode', premises.postcode],
          ['Licence number', premises.licenceNumber],
          ['Licensing authority', premises.licensingAuthority],
        ]),
        element('p', {}, this.openButton('New action on this premises', { view: 'actions', action: 'new', target: `premises:${premises.id}` })),
        ...this.networkLink('premises', premises.id, 'Network of this premises'),
        await actionsOnTarget(this.context.api, { premisesId: premises.id }, 'Actions on this premises', signal),
        concernsTable(concerns.reports, concerns.moreReports, 'Reports mentioning this premises'),
        nearbyHotspotsTable(state, concerns.nearbyHotspots, concerns.radiusMeters, 'premises'),
        ...this.connectionsSection(premises.id, concerns.nearbyHotspots, signal),
      ),
    );
    if (premises.location) {
      const [longitude, latitude] = premises.location.coordinates;
      this.marker = new maplibregl.Marker({ color: '#1d3557' }).setLngLat([longitude, latitude]).addTo(map);
      this.marker.getElement().setAttribute('aria-label', `Location of ${premises.name}`);
      map.jumpTo({ center: [longitude, latitude], zoom: Math.max(map.getZoom(), 15) });
      await this.showNearbyHotspots([longitude, latitude], concerns.nearbyHotspots, concerns.radiusMeters, signal);
    }
  }

  /** Outlines the nearby hotspots around the premises; the table already lists them, so a failure here is only said. */
  private async showNearbyHotspots(location: [number, number], nearby: readonly NearbyHotspot[], radiusMeters: number, signal: AbortSignal): Promise<void> {
    if (nearby.length === 0) return;
    try {
      const areas = await nearbyHotspotAreas(this.context.api, location, nearby, radiusMeters, signal);
      this.hotspots.show(hotspotsForMap(areas));
      this.context.legend.replaceChildren(...hotspotLegend());
      this.context.legend.hidden = false;
    } catch (error) {
      if (signal.aborted) throw error;
      this.context.feedback.fail(error);
    }
  }

  private async showVehicle(state: ViewState, id: string, signal: AbortSignal): Promise<void> {
    const { feedback, content } = this.context;
    feedback.say('Loading the vehicle check…');
    const { vehicle, concerns } = await checkVehicle(this.context.api, id, signal);
    feedback.say(`${concerns.reports.length}${concerns.moreReports ? '+' : ''} reports mention this vehicle.`);
    // Entity resolution: a duplicate is checked as the record it is merged into, with the reports of every record merged into that one.
    const merged: HTMLElement[] = [];
    if (concerns.vehicleId !== vehicle.id) {
      merged.push(
        element('p', { class: 'merged-note' }, 'This record is merged into another vehicle record: the reports below are those of that record and of every record merged into it. ',
          this.openButton('Open the record it is merged into', { vehicle: concerns.vehicleId })),
      );
    } else if (concerns.mergedVehicleIds.length) {
      const count = concerns.mergedVehicleIds.length;
      merged.push(element('p', { class: 'merged-note' }, `${count} duplicate record${count === 1 ? ' is' : 's are'} merged into this one: ${count === 1 ? 'its' : 'their'} reports are listed too.`));
    }
    content.replaceChildren(
      element(
        'section',
        { 'aria-label': 'Vehicle check' },
        this.backButton(state),
        element('h2', {}, vehicle.registrationMark),
        facts([
          ['Make and model', [vehicle.make, vehicle.model].filter(Boolean).join(' ') || null],
          ['Colour', vehicle.colour],
          ['Licence', licenceTypeLabels[vehicle.licenceType] ?? vehicle.licenceType],
          ['Plate number', vehicle.plateNumber],
          ['Licensing authority', vehicle.licensingAuthority],
        ]),
        ...merged,
        element('p', {}, this.openButton('New action on this vehicle', { view: 'actions', action: 'new', target: `vehicle:${vehicle.id}` })),
        ...this.networkLink('vehicle', concerns.vehicleId, 'Network of this vehicle'),
        await actionsOnTarget(this.context.api, { vehicleId: vehicle.id }, 'Actions on this vehicle', signal),
        concernsTable(concerns.reports, concerns.moreReports, 'Reports mentioning this vehicle'),
      ),
    );
  }

  private async showPlace(state: ViewState, id: string, signal: AbortSignal): Promise<void> {
    const { feedback, content, map } = this.context;
    feedback.say('Loading the place check…');
    const { place, concerns } = await checkPlace(this.context.api, id, signal);
    feedback.say(
      `${concerns.reports.length}${concerns.moreReports ? '+' : ''} reports mention this place; ` +
        `${concerns.nearbyHotspots.length} current hotspots within ${concerns.radiusMeters} m of its centre.`,
    );
    content.replaceChildren(
      element(
        'section',
        { 'aria-label': 'Place check' },
        this.backButton(state),
        element('h2', {}, place.name),
        facts([['Type', placeTypeLabels[place.locationType] ?? place.locationType]]),
        element('p', {}, this.openButton('New action on this place', { view: 'actions', action: 'new', target: `location:${place.id}` })),
        ...this.networkLink('location', place.id, 'Network of this place'),
        await actionsOnTarget(this.context.api, { locationId: place.id }, 'Actions on this place', signal),
        concernsTable(concerns.reports, concerns.moreReports, 'Reports mentioning this place'),
        nearbyHotspotsTable(state, concerns.nearbyHotspots, concerns.radiusMeters, 'place'),
      ),
    );
    const box = boundsOf(place.geometry?.coordinates);
    if (!box) return;
    const centre: [number, number] = [(box[0][0] + box[1][0]) / 2, (box[0][1] + box[1][1]) / 2];
    this.marker = new maplibregl.Marker({ color: '#1d3557' }).setLngLat(centre).addTo(map);
    this.marker.getElement().setAttribute('aria-label', `Location of ${place.name}`);
    if (place.geometry?.type === 'Point') map.jumpTo({ center: centre, zoom: Math.max(map.getZoom(), 15) });
    else map.fitBounds(box, { padding: 40, maxZoom: 17, duration: 0 });
    await this.showNearbyHotspots(centre, concerns.nearbyHotspots, concerns.radiusMeters, signal);
  }

  /**
   * For analysts and supervisors, what connects the premises to the hotspots nearby: asked on request (a logged
   * combination, with the reason given in the network view), each hotspot with its shortest paths.
   */
  private connectionsSection(premisesId: string, nearby: readonly NearbyHotspot[], signal: AbortSignal): HTMLElement[] {
    if (!mayReadNetworks(this.context.role) || nearby.length === 0) return [];
    const hotspots = nearby.slice(0, maxConnectedHotspots);
    const result = element('div', { 'aria-live': 'polite' });
    const ask = element('button', { type: 'button', id: 'premises-hotspot-connections' }, 'What connects it to these hotspots');
    ask.onclick = async () => {
      const reason = savedJustification();
      if (!isJustification(reason)) {
        result.replaceChildren(element('p', { class: 'error' }, 'Give your reason for looking in the network view first: this question is logged with it.'));
        return;
      }
      ask.disabled = true;
      result.replaceChildren(element('p', {}, 'Looking for connections…'));
      try {
        const lines = connectionLines(await getHotspotConnections(this.context.api, premisesId, hotspots.map((h) => h.hotspotId), reason, signal));
        result.replaceChildren(
          element(
            'ul',
            { class: 'hotspot-connections' },
            ...hotspots.map((hotspot) => {
              const paths = lines.get(hotspot.hotspotId) ?? [];
              const trend = hotspot.trend === null ? 'not classified' : (trendLabels[hotspot.trend as keyof typeof trendLabels] ?? hotspot.trend).toLowerCase();
              return element(
                'li',
                { 'data-hotspot': hotspot.hotspotId },
                `${hotspot.distanceMeters <= 0 ? 'The hotspot it is in' : `Hotspot ${formatDistance(hotspot.distanceMeters)} away`} (${trend}): `,
                paths.length ? element('ul', {}, ...paths.map((path) => element('li', {}, path))) : 'no connection within 3 links you may see.',
              );
            }),
          ),
        );
      } catch (error) {
        if (signal.aborted) return;
        result.replaceChildren(element('p', { class: 'error' }, error instanceof ApiError ? error.describe().join(' ') : String(error)));
      } finally {
        ask.disabled = false;
      }
    };
    return [element('section', { 'aria-label': 'Connections to hotspots' }, element('h3', {}, 'Connections to these hotspots'), element('p', {}, ask), result)];
  }

  /** For analysts and supervisors, the network of the record checked (link analysis); nothing for roles without it. */
  private networkLink(kind: string, id: string, label: string): HTMLElement[] {
    return mayReadNetworks(this.context.role) ? [element('p', {}, element('a', { href: networkHref(kind, id), class: 'open-network' }, label))] : [];
  }

  private openButton(label: string, change: Partial<ViewState>): HTMLButtonElement {
    const button = element('button', { type: 'button' }, label);
    button.onclick = () => this.context.update(change);
    return button;
  }

  private backButton(state: ViewState): HTMLButtonElement {
    return this.openButton(state.q ? `Back to results for “${state.q}”` : 'Back to search', { premises: null, vehicle: null, place: null });
  }

  private removeMarker(): void {
    this.marker?.remove();
    this.marker = null;
  }
}

function concernsTable(reports: readonly ReportConcern[], more: boolean, caption: string): HTMLElement {
  if (reports.length === 0) return element('p', { class: 'empty' }, `${caption}: none that you may see.`);
  const rows = concernRows(reports);
  // The side panel is narrow: what was reported goes on its own full-width row under each concern's facts.
  return element(
    'table',
    { class: 'concerns' },
    element('caption', {}, more ? `${caption} (newest ${reports.length} shown)` : caption),
    element('thead', {}, element('tr', {}, ...['Date', 'Category', 'Grading', 'Recorded by'].map((h) => element('th', { scope: 'col' }, h)))),
    ...rows.map((row) =>
      element(
        'tbody',
        {},
        element('tr', {}, ...[row.date, row.category, row.grading, row.recordedBy].map((cell) => element('td', {}, cell))),
        element('tr', { class: 'reported' }, element('td', { colspan: '4' }, element('span', { class: 'visually-hidden' }, 'What was reported: '), row.summary)),
      ),
    ),
  );
}

function nearbyHotspotsTable(state: ViewState, hotspots: readonly NearbyHotspot[], radiusMeters: number, subject: 'premises' | 'place'): HTMLElement {
  const caption = `Current hotspots within ${radiusMeters} m`;
  if (hotspots.length === 0) return element('p', { class: 'empty' }, `${caption}: none.`);
  return element(
    'table',
    { class: 'nearby-hotspots' },
    element('caption', {}, caption),
    element('thead', {}, element('tr', {}, ...['Trend', 'Score', 'Reports', 'Distance', ''].map((h) => element('th', { scope: 'col' }, h)))),
    element(
      'tbody',
      {},
      ...hotspots.map((hotspot) => {
        const trend = hotspot.trend === null ? 'Not classified' : (trendLabels[hotspot.trend as keyof typeof trendLabels] ?? hotspot.trend);
        const link = element(
          'a',
          { href: formatHash({ ...state, view: 'tasking', hotspot: hotspot.hotspotId, premises: null, vehicle: null, place: null, q: null }) },
          'Open on the tasking map',
        );
        return element(
          'tr',
          {},
          element('td', {}, trend),
          element('td', {}, hotspot.weightedScore?.toFixed(1) ?? '–'),
          element('td', {}, String(hotspot.reportCount ?? '–')),
          element('td', {}, formatDistance(hotspot.distanceMeters, subject)),
          element('td', {}, link),
        );
      }),
    ),
  );
}
