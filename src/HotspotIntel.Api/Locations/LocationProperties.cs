using HotspotIntel.Api.Json;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Locations;

namespace HotspotIntel.Api.Locations;

/// <summary>The properties of a named public place feature.</summary>
public sealed record LocationProperties(string Name, LocationType LocationType, RestrictionsView Restrictions)
{
    public static Feature<LocationProperties> FeatureOf(Location location) =>
        new(location.Id, location.Geometry, new(location.Name, location.LocationType, RestrictionsView.Of(location)));
}
