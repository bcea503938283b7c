using System.Text.Json;
using HotspotIntel.Api.Lists;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Exports;

/// <summary>
/// Writes a list as a GeoJSON FeatureCollection: each row a Feature with flat properties (the last its marking), and
/// the whole file's strictest marking as a <c>securityMarking</c> member. Outside WGS84 it names its CRS in a
/// <c>crs</c> member (GeoJSON 2008), which RFC 7946 dropped but GDAL and QGIS still read.
/// </summary>
internal sealed class GeoJsonListWriter : IListWriter
{
    /// <summary>The writer keeps what it writes in memory until flushed: a whole export would be the whole list.</summary>
    private const int FlushBytes = 64 * 1024;

    private readonly Utf8JsonWriter _json;
    private readonly IReadOnlyList<ColumnInfo> _columns;
    private readonly JsonSerializerOptions _options;

    public GeoJsonListWriter(Stream output, IListTable table, OutputCrs crs, JsonSerializerOptions options)
    {
        _json = new Utf8JsonWriter(output);
        _columns = table.Columns;
        _options = options;
        _json.WriteStartObject();
        _json.WriteString("type", "FeatureCollection");
        _json.WriteString("name", table.Id);
        if (crs != OutputCrs.Crs84)
        {
            _json.WriteStartObject("crs");
            _json.WriteString("type", "name");
            _json.WriteStartObject("properties");
            _json.WriteString("name", $"urn:ogc:def:crs:EPSG::{crs.Srid}");
            _json.WriteEndObject();
            _json.WriteEndObject();
        }

        _json.WriteStartArray("features");
    }

    public void Write(ListRow row, Geometry? geometry)
    {
        _json.WriteStartObject();
        _json.WriteString("type", "Feature");
        _json.WriteString("id", row.Id.ToString());
        _json.WritePropertyName("geometry");
        JsonSerializer.Serialize(_json, geometry, _options);
        _json.WriteStartObject("properties");
        for (var i = 0; i < _columns.Count; i++)
        {
            _json.WritePropertyName(_columns[i].Name);
            JsonSerializer.Serialize(_json, row.Values[i], _options);
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
        if (_json.BytesPending > FlushBytes)
        {
            _json.Flush();
        }
    }

    public async Task FinishAsync(SecurityMarking marking, CancellationToken cancellationToken)
    {
        _json.WriteEndArray();
        _json.WriteString("securityMarking", EnumCodes<SecurityMarking>.ToCode(marking));
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken);
        await _json.DisposeAsync();
    }
}
