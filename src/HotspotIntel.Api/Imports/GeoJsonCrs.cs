using System.Text.Json;
using HotspotIntel.Core.Spatial;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// A FeatureCollection's 2008-style <c>crs</c> member (<c>{"type": "name", "properties": {"name": …}}</c>), which
/// GDAL/ogr2ogr and QGIS still write for anything but WGS84: RFC 7946 dropped it, so without reading it a British
/// National Grid file would be taken for degrees.
/// </summary>
internal static class GeoJsonCrs
{
    /// <summary>The system <paramref name="crs"/> names, or null and the reason (<paramref name="problem"/>, about the file as a whole).</summary>
    public static CoordinateSystem? Read(JsonElement crs, out RowError? problem)
    {
        var name = crs.ValueKind == JsonValueKind.Object && crs.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        problem = null;
        if (CoordinateSystemNames.FromCrsName(name) is { } system)
        {
            return system;
        }

        problem = new RowError(0, "crs", $"Names {(name is null ? "no coordinate system by name" : $"\"{name}\"")}: only WGS84 "
            + "(urn:ogc:def:crs:OGC:1.3:CRS84) and British National Grid (urn:ogc:def:crs:EPSG::27700) are read; reproject it first (ogr2ogr -t_srs EPSG:4326).");
        return null;
    }
}
