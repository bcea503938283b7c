import { categoryLabel } from '../ui/filters';
import { query, type ApiClient } from './client';
import type {
  PlaceConcerns,
  PlaceRecord,
  PremisesConcerns,
  PremisesRecord,
  ReportConcern,
  VehicleConcerns,
  VehicleRecord,
} from './premises-check-types';
import type { Feature, FeatureCollection, PointGeometry, PremisesProperties, PremisesSummary } from './types';

/** A premises search: the matches, or that this server has no premises search yet. */
export type PremisesSearch = { available: true; premises: PremisesSummary[] } | { available: false };

export async function searchPremises(api: ApiClient, text: string, signal?: AbortSignal): Promise<PremisesSearch> {
  const body = await api.getOrNull<unknown>(`/api/premises${query({ q: text })}`, signal);
  return body === null ? { available: false } : { available: true, premises: readPremises(body) };
}

/** The list may come as a GeoJSON FeatureCollection or a page of items; both become summaries. */
export function readPremises(body: unknown): PremisesSummary[] {
  const record = (body ?? {}) as Record<string, unknown>;
  if (record.type === 'FeatureCollection') {
    const collection = record as unknown as FeatureCollection<unknown, Omit<PremisesSummary, 'id'>>;
    return collection.features.map((feature) => ({ ...feature.properties, id: feature.id }));
  }
  return Array.isArray(record.items) ? (record.items as PremisesSummary[]) : [];
}

/** The API's longest plate number: longer text cannot be a vehicle, and asking would be a 400. */
export const maxVehicleSearchLength = 30;

/** What one search box finds: premises by name, address, postcode or licence; vehicles by registration mark or plate; places by name. */
export interface CheckSearch {
  premises: PremisesSummary[];
  vehicles: VehicleRecord[];
  places: PlaceRecord[];
}

type PlaceFeature = Feature<PlaceRecord['geometry'] & object, Pick<PlaceRecord, 'name' | 'locationType'>>;

export function readPlaceRecord(feature: PlaceFeature): PlaceRecord {
  return { id: feature.id, name: feature.properties.name, locationType: feature.properties.locationType, geometry: feature.geometry };
}

export async function searchPremisesAndVehicles(api: ApiClient, text: string, signal?: AbortSignal): Promise<CheckSearch> {
  const typed = text.trim();
  const [premises, vehicles, places] = await Promise.all([
    api.get<unknown>(`/api/premises${query({ q: typed, limit: 50 })}`, signal),
    typed.length <= maxVehicleSearchLength
      ? api.get<{ items: VehicleRecord[] }>(`/api/vehicles${query({ q: typed, limit: 50 })}`, signal)
      : Promise.resolve({ items: [] as VehicleRecord[] }),
    api.get<FeatureCollection<PlaceFeature['geometry'] & object, PlaceFeature['properties']>>(`/api/locations${query({ q: typed, limit: 50 })}`, signal),
  ]);
  return { premises: readPremises(premises), vehicles: vehicles.items, places: places.features.map(readPlaceRecord) };
}


export function readPremisesRecord(feature: Feature<PointGeometry, PremisesProperties>): PremisesRecord {
  const p = feature.properties;
  return {
    id: feature.id,
    name: p.name,
    premisesType: p.premisesType,
    address: p.address,
    postcode: p.postcode ?? null,
    licenceNumber: p.licenceNumber ?? null,
    licensingAuthority: p.licensingAuthority ?? null,
    location: feature.geometry,
  };
}

/** A premises and its concerns, fetched together for the check page. */
export async function checkPremises(
  api: ApiClient,
  id: string,
  signal?: AbortSignal,
): Promise<{ premises: PremisesRecord; concerns: PremisesConcerns }> {
  const path = `/api/premises/${encodeURIComponent(id)}`;
  const [feature, concerns] = await Promise.all([
    api.get<Feature<PointGeometry, PremisesProperties>>(path, signal),
    api.get<PremisesConcerns>(`${path}/concerns`, signal),
  ]);
  return { premises: readPremisesRecord(feature), concerns };
}

/** A vehicle and the reports mentioning it, fetched together for the check page. */
export async function checkVehicle(
  api: ApiClient,
  id: string,
  signal?: AbortSignal,
): Promise<{ vehicle: VehicleRecord; concerns: VehicleConcerns }> {
  const path = `/api/vehicles/${encodeURIComponent(id)}`;
  const [vehicle, concerns] = await Promise.all([
    api.get<VehicleRecord>(path, signal),
    api.get<VehicleConcerns>(`${path}/concerns`, signal),
  ]);
  return { vehicle, concerns };
}


/** A named place and its concerns, fetched together for the check page. */
export async function checkPlace(api: ApiClient, id: string, signal?: AbortSignal): Promise<{ place: PlaceRecord; concerns: PlaceConcerns }> {
  const path = `/api/locations/${encodeURIComponent(id)}`;
  const [feature, concerns] = await Promise.all([api.get<PlaceFeature>(path, signal), api.get<PlaceConcerns>(`${path}/concerns`, signal)]);
  return { place: readPlaceRecord(feature), concerns };
}

/** One row of the concerns table, in the words and order the table shows. */
export interface ConcernRow {
  date: string;
  category: string;
  grading: string;
  recordedBy: string;
  summary: string;
}

/** Concerns as table rows: date (UTC day), category in words, grading with any historic 5x5x5 grading beside it. */
export function concernRows(reports: readonly ReportConcern[]): ConcernRow[] {
  return reports.map((report) => ({
    date: report.occurredAt.slice(0, 10),
    category: categoryLabel(report.category),
    grading: report.historicGrading ? `${report.grading} (historic ${report.historicGrading})` : report.grading,
    recordedBy: report.agencyName,
    summary: report.handlingConditions ? `${report.narrative} [Conditions: ${report.handlingConditions}]` : report.narrative,
  }));
}

/** How a vehicle reads in a list: mark, plate and what it looks like. */
export function describeVehicle(vehicle: VehicleRecord): string {
  const looks = [vehicle.colour, vehicle.make, vehicle.model].filter(Boolean).join(' ');
  const plate = vehicle.plateNumber ? `plate ${vehicle.plateNumber}` : null;
  return [vehicle.registrationMark, plate, looks || null].filter(Boolean).join(' · ');
}

/** Distances as people say them: metres under a kilometre, "inside" for zero. */
export function formatDistance(meters: number, subject: 'premises' | 'place' = 'premises'): string {
  if (meters <= 0) return `${subject} is inside it`;
  return meters < 1000 ? `${Math.round(meters)} m` : `${(meters / 1000).toFixed(1)} km`;
}
