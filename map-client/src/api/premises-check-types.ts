import type { components } from './openapi';
import type { PointGeometry } from './types';

type Schemas = components['schemas'];

/** A premises as the check page shows it: GET /api/premises/{id} (a GeoJSON Feature) flattened. */
export type PremisesRecord = { id: string; location: PointGeometry | null } & Pick<
  Schemas['PremisesProperties'],
  'name' | 'premisesType' | 'address' | 'postcode' | 'licenceNumber' | 'licensingAuthority'
>;

/** A vehicle: GET /api/vehicles/{id} and the items of GET /api/vehicles?q=. */
export type VehicleRecord = Schemas['VehicleView'];

/** A report mentioning a premises or vehicle, as the API lets the caller's role see it: never persons or location. */
export type ReportConcern = Schemas['ReportConcern'];

/** A current hotspot near a premises: GET /api/premises/{id}/concerns, nearbyHotspots. */
export type NearbyHotspot = Schemas['NearbyHotspot'];

/** GET /api/premises/{id}/concerns. */
export type PremisesConcerns = Schemas['PremisesConcerns'];

/** A named place as the check page shows it: GET /api/locations/{id} (a GeoJSON Feature) flattened. */
export type PlaceRecord = { id: string; geometry: Schemas['Geometry'] | null } & Pick<Schemas['LocationProperties'], 'name' | 'locationType'>;

/** GET /api/locations/{id}/concerns. */
export type PlaceConcerns = Schemas['LocationConcerns'];

/** GET /api/vehicles/{id}/concerns. */
export type VehicleConcerns = Schemas['VehicleConcerns'];
