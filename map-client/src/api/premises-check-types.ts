import type { HotspotTrend, PointGeometry, ReportCategory } from './types';

/** A premises as the check page shows it: GET /api/premises/{id} (a GeoJSON Feature) flattened. */
export interface PremisesRecord {
  id: string;
  name: string;
  premisesType: string;
  address: string;
  postcode: string | null;
  licenceNumber: string | null;
  licensingAuthority: string | null;
  location: PointGeometry | null;
}

/** A vehicle: GET /api/vehicles/{id} and the items of GET /api/vehicles?q=. */
export interface VehicleRecord {
  id: string;
  registrationMark: string;
  make: string | null;
  model: string | null;
  colour: string | null;
  licenceType: 'none' | 'hackney_carriage' | 'private_hire';
  plateNumber: string | null;
  licensingAuthority: string | null;
}

/** A report mentioning a premises or vehicle, as the API lets the caller's role see it: never persons or location. */
export interface ReportConcern {
  reportId: string;
  category: ReportCategory;
  occurredAt: string;
  recordedAt: string;
  grading: string;
  sourceEvaluation: string;
  intelligenceAssessment: string;
  handlingConditions: string | null;
  historicGrading: string | null;
  agencyId: string;
  agencyName: string;
  narrative: string;
}

/** A current hotspot near a premises: GET /api/premises/{id}/concerns, nearbyHotspots. */
export interface NearbyHotspot {
  hotspotId: string;
  runId: string;
  trend: HotspotTrend | 'sporadic' | null;
  weightedScore: number;
  reportCount: number;
  confidencePercent: number | null;
  distanceMeters: number;
  centroid: [number, number];
}

/** GET /api/premises/{id}/concerns. */
export interface PremisesConcerns {
  premisesId: string;
  reports: ReportConcern[];
  moreReports: boolean;
  radiusMeters: number;
  nearbyHotspots: NearbyHotspot[];
}

/** GET /api/vehicles/{id}/concerns. */
export interface VehicleConcerns {
  vehicleId: string;
  reports: ReportConcern[];
  moreReports: boolean;
}
