using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// Reads and writes GeoJSON geometries with NetTopologySuite's converter, turning whatever it throws on malformed
/// input (missing coordinates, an unknown type) into a <see cref="JsonException"/>, so a client gets a 400 naming the field.
/// </summary>
internal sealed class SafeGeometryConverter(GeoJsonConverterFactory factory) : JsonConverter<Geometry>
{
    public override Geometry? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var inner = (JsonConverter<Geometry>)factory.CreateConverter(typeof(Geometry), options)!;
        try
        {
            return inner.Read(ref reader, typeToConvert, options);
        }
        catch (Exception exception) when (exception is not JsonException)
        {
            throw new JsonException($"Not a valid GeoJSON geometry: {exception.Message}", exception);
        }
    }

    public override void Write(Utf8JsonWriter writer, Geometry value, JsonSerializerOptions options)
    {
        var inner = (JsonConverter<Geometry>)factory.CreateConverter(typeof(Geometry), options)!;
        inner.Write(writer, value, options);
    }
}
