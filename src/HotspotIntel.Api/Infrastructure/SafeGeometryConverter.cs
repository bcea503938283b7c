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
        Geometry? geometry;
        try
        {
            geometry = inner.Read(ref reader, typeToConvert, options);
        }
        catch (Exception exception) when (exception is not JsonException)
        {
            throw new JsonException($"Not a valid GeoJSON geometry: {exception.Message}", exception);
        }

        // NetTopologySuite reads a third and fourth number as Z and M, which the two-dimensional columns refuse (a 500
        // once); RFC 7946's optional altitude has no use here, so a position is exactly two numbers.
        if (geometry is not null && geometry.Coordinates.Any(coordinate => !double.IsNaN(coordinate.Z) || !double.IsNaN(coordinate.M)))
        {
            throw new JsonException("Not a valid geometry here: each position must be exactly two numbers, [longitude, latitude] "
                + "(or [easting, northing] in EPSG:27700); altitude and measures are not stored.");
        }

        return geometry;
    }

    public override void Write(Utf8JsonWriter writer, Geometry value, JsonSerializerOptions options)
    {
        var inner = (JsonConverter<Geometry>)factory.CreateConverter(typeof(Geometry), options)!;
        inner.Write(writer, value, options);
    }
}
