using System.Text;
using System.Text.Json;
using HotspotIntel.Api.Json;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// One GeoJSON Feature as an import row: its <c>properties</c> (strings and numbers, named as in the JSON API) are the
/// fields, its <c>geometry</c> the location.
/// </summary>
internal sealed class GeoJsonFeatureRow : ImportRow
{
    private static readonly JsonSerializerOptions GeometryJson = CreateGeometryJson();

    private readonly Dictionary<string, string> _fieldByProperty;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private Geometry? _geometry;
    private CoordinateSystem _coordinateSystem = CoordinateSystem.Wgs84;

    public GeoJsonFeatureRow(IReadOnlyList<ImportField> fields) =>
        _fieldByProperty = fields.ToDictionary(field => field.Name, field => field.Name, StringComparer.OrdinalIgnoreCase);

    public override CoordinateSystem CoordinateSystem => _coordinateSystem;

    public override Geometry Location()
    {
        if (_geometry is null && !Errors.ToDictionary().ContainsKey("location"))
        {
            Errors.Add("location", "Required: a Point geometry.");
        }

        return _geometry ?? Point.Empty;
    }

    /// <summary>Sets the collection's coordinate system, which every feature is in.</summary>
    public void UseCoordinateSystem(CoordinateSystem system) => _coordinateSystem = system;

    public override string FileName(string field) => field == "location" ? "geometry" : field;

    protected override string? Raw(string field) => _values.GetValueOrDefault(field) is { Length: > 0 } text ? text : null;

    /// <summary>Reads feature <paramref name="number"/> from <paramref name="json"/>, which holds the whole feature and is valid JSON.</summary>
    public void Read(ReadOnlySpan<byte> json, int number)
    {
        Start(number);
        _values.Clear();
        _geometry = null;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("Feature"u8))
                    {
                        Errors.Add("type", "Must be \"Feature\".");
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("geometry"u8))
                {
                    reader.Read();
                    ReadGeometry(json, ref reader);
                }
                else if (reader.ValueTextEquals("properties"u8))
                {
                    reader.Read();
                    ReadProperties(ref reader);
                }
                else
                {
                    // id, bbox and foreign members.
                    reader.Skip();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString refuses escapes that are not valid UTF-16 (a lone surrogate).
            Errors.Add("$", "Holds text that is not valid Unicode.");
        }
    }

    private void ReadGeometry(ReadOnlySpan<byte> json, ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        try
        {
            _geometry = JsonSerializer.Deserialize<Geometry>(json[start..(int)reader.BytesConsumed], GeometryJson);
        }
        catch (JsonException invalid)
        {
            var reason = invalid.Message.IndexOf(" Path:", StringComparison.Ordinal) is var cut and >= 0 ? invalid.Message[..cut] : invalid.Message;
            Errors.Add("location", reason);
        }
    }

    private void ReadProperties(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Errors.Add("properties", "Must be an object.");
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            if (!_fieldByProperty.TryGetValue(property, out var field))
            {
                Errors.Add(property, "Unknown property. Allowed: " + string.Join(", ", _fieldByProperty.Values)
                    + " (the agency is the importing user's, the location the feature's geometry).");
                reader.Skip();
                continue;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    _values[field] = reader.GetString()!;
                    break;
                case JsonTokenType.Number:
                    _values[field] = Encoding.UTF8.GetString(reader.ValueSpan);
                    break;
                case JsonTokenType.Null:
                    break;
                default:
                    Errors.Add(field, "Must be a string or a number.");
                    reader.Skip();
                    break;
            }
        }
    }

    private static JsonSerializerOptions CreateGeometryJson()
    {
        var options = new JsonSerializerOptions();
        JsonSetup.Configure(options);
        return options;
    }
}
