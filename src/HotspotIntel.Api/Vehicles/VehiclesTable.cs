using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Lists;
using HotspotIntel.Api.Reports;
using HotspotIntel.Core;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Vehicles;

/// <summary>Vehicles as a flat list for exports (no geometry), and their sightings, the reports that mention them, as a map layer.</summary>
internal static class VehiclesTable
{
    /// <summary>The filter of <c>GET /api/vehicles</c> a list query gives: the search box, licence types and agency.</summary>
    public sealed record VehicleListFilter(VehiclesApi.MarkOrPlate? Search, List<VehicleLicenceType> LicenceTypes, Guid? AgencyId);

    /// <summary>Reports that mention a vehicle (one vehicle's, given <paramref name="VehicleId"/>), filtered as reports are.</summary>
    public sealed record SightingFilter(ReportFilter Reports, Guid? VehicleId);

    public static readonly ListTable<Vehicle, VehicleListFilter> Table = new()
    {
        Id = "vehicles",
        Title = "Vehicles",
        Description = "Vehicles of concern (as GET /api/vehicles).",
        Geometry = ListGeometry.None,
        Parameters =
        [
            new("q", "A registration mark or hire plate number as typed in one search box.", ColumnType.String),
            new("licenceType", "Licence type codes, comma-separated.", ColumnType.String, EnumCodes<VehicleLicenceType>.All),
            new("agencyId", "The recording agency's id.", ColumnType.String),
        ],
        RowColumns =
        [
            ListColumns.Text<Vehicle>("registrationMark", "The registration mark.", v => v.RegistrationMark),
            ListColumns.Text<Vehicle>("make", "Make.", v => v.Make),
            ListColumns.Text<Vehicle>("model", "Model.", v => v.Model),
            ListColumns.Text<Vehicle>("colour", "Colour.", v => v.Colour),
            ListColumns.Code<Vehicle, VehicleLicenceType>("licenceType", "Whether it is licensed for hire, and how.", v => v.LicenceType),
            ListColumns.Text<Vehicle>("plateNumber", "The taxi or private-hire plate number.", v => v.PlateNumber),
            ListColumns.Text<Vehicle>("licensingAuthority", "The authority that licensed it for hire.", v => v.LicensingAuthority),
            .. ListColumns.Restrictions<Vehicle>(v => v),
        ],
        Filter = (query, errors) => new VehicleListFilter(VehiclesApi.ReadEither(query.Value("q"), errors),
            CodeListInput.Read<VehicleLicenceType>(query.Values("licenceType"), "licenceType", errors), query.Guid("agencyId", errors)),
        Query = (db, filter, _) => VehiclesApi.Filter(db.Vehicles, null, null, filter.Search, filter.LicenceTypes, filter.AgencyId),
        Key = v => v.Id,
        Marking = v => v.SecurityMarking,
    };

    /// <summary>
    /// Where vehicles were seen: each report that mentions one, at the place the caller may see it, with the vehicles
    /// it mentions. Masked roles are never listed a child-linked report's mentions (row-level security on
    /// <c>report_vehicles</c>), so a sighting never places a child.
    /// </summary>
    public static readonly ListTable<IntelligenceReport, SightingFilter> Sightings = new()
    {
        Id = "vehicle-sightings",
        Title = "Vehicle sightings",
        Description = "Reports that mention a vehicle, at the place your role may see, with the vehicles' registration marks; "
            + "give vehicleId for one vehicle's sightings.",
        Geometry = ListGeometry.Point,
        Parameters = [.. ReportsTable.FilterParameters, new("vehicleId", "Only the sightings of this vehicle.", ColumnType.String)],
        RowColumns =
        [
            ListColumns.Text<IntelligenceReport>("registrationMarks", "The registration marks of the vehicles seen, space-separated.",
                r => string.Join(' ', r.Vehicles.OrderBy(v => v.RegistrationMark, StringComparer.Ordinal).Select(v => v.RegistrationMark))),
            ListColumns.Text<IntelligenceReport>("vehicleIds", "The ids of the vehicles seen, space-separated, in the order of their marks.",
                r => string.Join(' ', r.Vehicles.OrderBy(v => v.RegistrationMark, StringComparer.Ordinal).Select(v => v.Id))),
            .. ReportsTable.Columns(),
        ],
        Filter = (query, errors) => new SightingFilter(ReportsTable.ReadFilter(query, errors), query.Guid("vehicleId", errors)),
        Query = (db, filter, area) => ReportsApi.Filter(db, area, filter.Reports)
            .Where(r => filter.VehicleId == null ? r.Vehicles.Any() : r.Vehicles.Any(v => v.Id == filter.VehicleId))
            .Include(r => r.Vehicles),
        Key = r => r.Id,
        Time = r => r.OccurredAt,
        GeometryOf = r => r.Location,
        Marking = r => r.Vehicles.Select(v => v.SecurityMarking).Aggregate(r.SecurityMarking, ListColumns.Stricter),
    };
}
