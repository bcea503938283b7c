using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Lists;
using HotspotIntel.Api.Locations;
using HotspotIntel.Api.Persons;
using HotspotIntel.Api.Premises;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Vehicles;

namespace HotspotIntel.Api.Exports;

/// <summary>Every list exports and OGC API Features serve, by id.</summary>
public static class ListTables
{
    public static readonly IReadOnlyList<IListTable> All =
    [
        ReportsTable.Table, VehiclesTable.Sightings, PremisesTable.Table, LocationsTable.Table, HotspotsTable.Table, VehiclesTable.Table, DisruptionActionsTable.Table, PersonsTable.Table,
    ];

    public static readonly IReadOnlyDictionary<string, IListTable> ById = All.ToDictionary(table => table.Id, StringComparer.Ordinal);

    /// <summary>The lists with a place: OGC API Features collections and GeoJSON exports.</summary>
    public static IEnumerable<IListTable> Spatial => All.Where(table => table.Geometry != ListGeometry.None);
}
