using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Locations;
using HotspotIntel.Api.Persons;
using HotspotIntel.Api.Premises;
using HotspotIntel.Api.Reports;
using HotspotIntel.Api.Vehicles;

namespace HotspotIntel.Api.Lists;

/// <summary>Every list exports and OGC API Features serve, by id.</summary>
public static class ListTables
{
    public static readonly IReadOnlyList<IListTable> All =
    [
        ReportsTable.Table, VehiclesTable.Sightings, PremisesTable.Table, LocationsTable.Table, HotspotsTable.Table, VehiclesTable.Table, PersonsTable.Table,
    ];

    /// <summary>
    /// Every row's last column: the protective marking of what it shows (the strictest of the records it draws on), which
    /// exports and GIS layers carry so that whoever opens them sees how to handle each row.
    /// </summary>
    public static readonly ColumnInfo MarkingColumn = new("securityMarking", ColumnType.String,
        $"The row's protective marking, the strictest of the records it shows. One of: {string.Join(", ", Core.EnumCodes<Core.Records.SecurityMarking>.All)}.");

    public static readonly IReadOnlyDictionary<string, IListTable> ById = All.ToDictionary(table => table.Id, StringComparer.Ordinal);

    /// <summary>The lists with a place: OGC API Features collections and GeoJSON exports.</summary>
    public static IEnumerable<IListTable> Spatial => All.Where(table => table.Geometry != ListGeometry.None);
}
