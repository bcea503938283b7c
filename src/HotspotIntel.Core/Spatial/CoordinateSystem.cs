using System.Text.Json.Serialization;

namespace HotspotIntel.Core.Spatial;

/// <summary>The coordinate reference systems inputs may use; everything is stored in WGS84.</summary>
public enum CoordinateSystem
{
    /// <summary>WGS84 longitude/latitude in degrees, longitude first (EPSG:4326).</summary>
    [JsonStringEnumMemberName("EPSG:4326")] Wgs84 = 4326,

    /// <summary>Ordnance Survey British National Grid easting/northing in metres (EPSG:27700).</summary>
    [JsonStringEnumMemberName("EPSG:27700")] BritishNationalGrid = 27700,
}
