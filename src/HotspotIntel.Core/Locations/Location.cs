using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Core.Locations;

/// <summary>A named public place that is not a premises: a park, a station, a taxi rank, the surroundings of a school.</summary>
public sealed class Location : RecordRestrictions
{
    /// <summary>The name people use for it.</summary>
    public required string Name { get; set; }

    /// <summary>What kind of place it is.</summary>
    public LocationType LocationType { get; set; }

    /// <summary>Its extent (polygon) or position (point) in WGS84 (SRID 4326).</summary>
    public required Geometry Geometry { get; set; }
}
