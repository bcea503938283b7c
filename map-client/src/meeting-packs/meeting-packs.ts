import type { components } from '../api/openapi';
import { query, type ApiClient } from '../api/client';
import { ApiError } from '../api/problem';
import { element } from '../ui/dom';

type Schemas = components['schemas'];
/** GET /api/meeting-packs items and GET /api/meeting-packs/{id} (Api MeetingPackView). */
export type MeetingPack = Schemas['MeetingPackView'];
/** POST /api/meeting-packs (Api MeetingPackRequest). */
export type MeetingPackRequest = Schemas['MeetingPackRequest'];

/** The view's bounds as the map gives them: west, south, east, north in WGS84 degrees. */
export interface ViewBounds {
  west: number;
  south: number;
  east: number;
  north: number;
}

/**
 * The view as the API's `bbox=minLon,minLat,maxLon,maxLat`, rounded to about a metre and clamped to the world (a map
 * zoomed far out reports longitudes past ±180, which the API refuses).
 */
export function viewBbox(bounds: ViewBounds): string {
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));
  return [clamp(bounds.west, 180), clamp(bounds.south, 90), clamp(bounds.east, 180), clamp(bounds.north, 90)].map(round).join(',');
}

/** What "Make a meeting pack for this view" asks for: the map's bounds, and the period from `days` ago to now. */
export function packRequest(bounds: ViewBounds, days: number, now: Date, title: string): MeetingPackRequest {
  const from = new Date(now.getTime() - days * 24 * 3600 * 1000);
  return {
    bbox: viewBbox(bounds),
    from: from.toISOString(),
    to: now.toISOString(),
    title: title.trim() === '' ? null : title.trim(),
  };
}

/** GET /api/areas features (Api AreaProperties): the partnership's imported wards and council areas. */
export type AreaFeature = Schemas['FeatureOfAreaProperties'];

/** The bounding box of a GeoJSON polygonal geometry's coordinates: west, south, east, north. */
function boundsOf(geometry: unknown): ViewBounds | null {
  const coordinates = (geometry as { coordinates?: unknown } | null)?.coordinates;
  const points: number[][] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value) && typeof value[0] === 'number') points.push(value as number[]);
    else if (Array.isArray(value)) value.forEach(walk);
  };
  walk(coordinates);
  if (points.length === 0) return null;
  const xs = points.map((p) => p[0] ?? 0);
  const ys = points.map((p) => p[1] ?? 0);
  return { west: Math.min(...xs), south: Math.min(...ys), east: Math.max(...xs), north: Math.max(...ys) };
}

/**
 * What "Make a problem profile of this view" asks for: the wards (or, without wards, the council areas) whose extent
 * overlaps the map's view, and the period from `days` ago to now; null when no imported area is in view.
 */
export function profileRequest(areas: readonly AreaFeature[], bounds: ViewBounds, days: number, now: Date, title: string): MeetingPackRequest | null {
  const overlaps = (area: AreaFeature) => {
    const box = boundsOf(area.geometry);
    return box !== null && box.west <= bounds.east && box.east >= bounds.west && box.south <= bounds.north && box.north >= bounds.south;
  };
  const wards = areas.filter((area) => area.properties.kind === 'ward' && overlaps(area));
  const chosen = wards.length > 0 ? wards : areas.filter(overlaps);
  if (chosen.length === 0) return null;
  const from = new Date(now.getTime() - days * 24 * 3600 * 1000);
  return {
    kind: 'problem_profile',
    areaIds: chosen.map((area) => area.id),
    from: from.toISOString(),
    to: now.toISOString(),
    title: title.trim() === '' ? null : title.trim(),
  };
}

/** A pack's state in words: queued, building with its percent, ready with its marking, or failed with why. */
export function packStatusText(pack: MeetingPack): string {
  switch (pack.status) {
    case 'queued':
      return 'Queued';
    case 'running':
      return `Building: ${pack.progressPercent} %`;
    case 'succeeded':
      return `Ready (${pack.securityMarking ?? 'marked'})`;
    default:
      return `Failed${pack.failure ? `: ${pack.failure}` : ''}`;
  }
}

/** Whether any pack is still being built, so the list should be asked again. */
export function anyBuilding(packs: readonly MeetingPack[]): boolean {
  return packs.some((pack) => pack.status === 'queued' || pack.status === 'running');
}

/**
 * The tasking view's meeting packs: make one for the map's current view and a period, the packs made in your agency
 * by your role with their progress (asked again every 2 s while one is being built), and a download that asks whom
 * it is for and why (a disclosure, logged by the API).
 */
export class MeetingPackPanel {
  readonly element: HTMLElement;
  private readonly list = element('div', { class: 'meeting-pack-list' });
  private readonly status = element('p', { role: 'status' });
  private timer: ReturnType<typeof setTimeout> | null = null;
  private download: string | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly bounds: () => ViewBounds,
  ) {
    const days = element('input', { id: 'meeting-pack-days', name: 'days', type: 'number', min: '1', max: '1095', value: '28' });
    const title = element('input', { id: 'meeting-pack-title', name: 'title', autocomplete: 'off' });
    const make = element('button', { type: 'submit' }, 'Make a meeting pack for this view');
    const profile = element('button', { type: 'button', class: 'secondary' }, 'Make a problem profile of the wards in this view');
    const form = element(
      'form',
      { class: 'meeting-pack-form' },
      element('label', { for: 'meeting-pack-days', class: 'stacked' }, 'Days since the last meeting', days),
      element('label', { for: 'meeting-pack-title', class: 'stacked' }, 'Title (optional)', title),
      make,
      profile,
      this.status,
    );
    profile.onclick = async () => {
      profile.disabled = true;
      this.status.className = '';
      this.status.textContent = 'Asking for the problem profile…';
      try {
        const view = this.bounds();
        const areas = (await this.api.get<{ features: AreaFeature[] }>(`/api/areas?bbox=${viewBbox(view)}`)).features;
        const request = profileRequest(areas, view, Number(days.value), new Date(), title.value);
        if (request === null) {
          this.status.textContent = 'No imported ward or council area is in this view (an administrator or supervisor imports them).';
          return;
        }
        await this.api.postAccepted<MeetingPack>('/api/meeting-packs', request);
        this.status.textContent = `The problem profile of ${request.areaIds?.length ?? 0} areas is being built from what you may see.`;
        await this.refresh();
      } catch (error) {
        this.status.className = 'error';
        this.status.textContent = describe(error);
      } finally {
        profile.disabled = false;
      }
    };
    form.onsubmit = async (event) => {
      event.preventDefault();
      make.disabled = true;
      this.status.className = '';
      this.status.textContent = 'Asking for the pack…';
      try {
        await this.api.postAccepted<MeetingPack>('/api/meeting-packs', packRequest(this.bounds(), Number(days.value), new Date(), title.value));
        this.status.textContent = 'The pack is being built from what you may see.';
        await this.refresh();
      } catch (error) {
        this.status.className = 'error';
        this.status.textContent = describe(error);
      } finally {
        make.disabled = false;
      }
    };
    this.element = element('section', { class: 'meeting-packs', 'aria-label': 'Meeting packs' }, element('h3', {}, 'Meeting packs'), form, this.list);
    void this.refresh();
  }

  /** Stops asking and lets go of the last download. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.download) URL.revokeObjectURL(this.download);
    this.download = null;
  }

  private async refresh(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let packs: MeetingPack[];
    try {
      packs = (await this.api.get<{ items: MeetingPack[] }>(`/api/meeting-packs${query({ limit: 20 })}`)).items;
    } catch (error) {
      this.list.replaceChildren(element('p', { class: 'error' }, describe(error)));
      return;
    }
    this.list.replaceChildren(
      packs.length === 0
        ? element('p', {}, 'No meeting pack made in your agency by your role yet.')
        : element('ul', { 'aria-label': 'Meeting packs made' }, ...packs.map((pack) => this.row(pack))),
    );
    if (anyBuilding(packs)) {
      this.timer = setTimeout(() => void this.refresh(), 2000);
    } else if (this.status.className !== 'error') {
      this.status.textContent = '';
    }
  }

  private row(pack: MeetingPack): HTMLLIElement {
    const made = new Date(pack.requestedAt).toISOString().slice(0, 16).replace('T', ' ');
    const item = element(
      'li',
      { 'data-pack': pack.id },
      element('strong', {}, pack.title),
      element('br'),
      `Made by ${pack.madeBy} at ${made} UTC; ${pack.from.slice(0, 10)} to ${pack.to.slice(0, 10)}. `,
      element('span', { class: 'pack-status' }, packStatusText(pack)),
    );
    if (pack.status === 'succeeded') item.append(this.downloadForm(pack));
    return item;
  }

  private downloadForm(pack: MeetingPack): HTMLFormElement {
    const id = pack.id.slice(0, 8);
    const file = element('select', { id: `pack-file-${id}`, name: 'file' }, ...pack.files.map((name) => element('option', { value: name }, name)));
    const recipient = element('input', { id: `pack-recipient-${id}`, name: 'recipient', required: '', autocomplete: 'off' });
    const reason = element('textarea', { id: `pack-reason-${id}`, name: 'justification', rows: '2', required: '' });
    const result = element('p', { role: 'status' });
    const submit = element('button', { type: 'submit' }, 'Download');
    const form = element(
      'form',
      { class: 'meeting-pack-download' },
      element('label', { for: `pack-file-${id}`, class: 'stacked' }, 'File', file),
      element('label', { for: `pack-recipient-${id}`, class: 'stacked' }, 'Recipient', recipient),
      element('label', { for: `pack-reason-${id}`, class: 'stacked' }, 'Reason for disclosure', reason),
      submit,
      result,
    );
    form.onsubmit = async (event) => {
      event.preventDefault();
      submit.disabled = true;
      result.className = '';
      result.textContent = 'Downloading…';
      try {
        const got = await this.api.getForFile(
          `/api/meeting-packs/${pack.id}/${encodeURIComponent(file.value)}${query({ recipient: recipient.value, justification: reason.value })}`,
        );
        if (this.download) URL.revokeObjectURL(this.download);
        this.download = URL.createObjectURL(got.content);
        const link = element('a', { href: this.download, download: got.fileName ?? file.value }, 'Download again');
        result.replaceChildren(`Disclosed ${got.fileName ?? file.value} (${Math.ceil(got.content.size / 1024)} KB). `, link);
        link.click();
      } catch (error) {
        result.className = 'error';
        result.textContent = describe(error);
      } finally {
        submit.disabled = false;
      }
    };
    return form;
  }
}

function describe(error: unknown): string {
  return error instanceof ApiError ? error.describe().join(' ') : String(error);
}
