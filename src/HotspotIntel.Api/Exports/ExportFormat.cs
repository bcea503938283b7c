using System.Text.Json.Serialization;

namespace HotspotIntel.Api.Exports;

/// <summary>What an export is written as.</summary>
public enum ExportFormat
{
    /// <summary>RFC 4180 CSV in UTF-8 with a byte order mark (so that Excel reads it as UTF-8).</summary>
    [JsonStringEnumMemberName("csv")] Csv,

    /// <summary>A GeoJSON FeatureCollection; in EPSG:27700 it names its CRS in a <c>crs</c> member, as GDAL and QGIS read it.</summary>
    [JsonStringEnumMemberName("geojson")] GeoJson,
}
