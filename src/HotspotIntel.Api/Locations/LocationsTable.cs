using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Lists;
using HotspotIntel.Core;
using HotspotIntel.Core.Locations;

namespace HotspotIntel.Api.Locations;

/// <summary>Named public places as a flat list for GIS tools and exports: the rows and filters of <c>GET /api/locations</c> (<see cref="LocationsApi.Filter"/>).</summary>
internal static class LocationsTable
{
    public sealed record LocationListFilter(List<LocationType> Types, Guid? AgencyId);

    public static readonly ListTable<Location, LocationListFilter> Table = new()
    {
        Id = "locations",
        Title = "Named public places",
        Description = "Parks, stations, taxi ranks, shopping centres and the surroundings of schools and children's homes: points or areas (as GET /api/locations).",
        Geometry = ListGeometry.Any,
        Parameters =
        [
            new("locationType", "Location type codes, comma-separated.", ColumnType.String, EnumCodes<LocationType>.All),
            new("agencyId", "The recording agency's id.", ColumnType.String),
        ],
        RowColumns =
        [
            ListColumns.Text<Location>("name", "The name people use for it.", l => l.Name),
            ListColumns.Code<Location, LocationType>("locationType", "What kind of place it is.", l => l.LocationType),
            .. ListColumns.Restrictions<Location>(l => l),
        ],
        Filter = (query, errors) => new LocationListFilter(
            CodeListInput.Read<LocationType>(query.Values("locationType"), "locationType", errors), query.Guid("agencyId", errors)),
        Query = (db, filter, area) => LocationsApi.Filter(db.Locations, area, filter.Types, filter.AgencyId, null),
        Key = l => l.Id,
        GeometryOf = l => l.Geometry,
        Marking = l => l.SecurityMarking,
    };
}
