using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;

namespace HotspotIntel.Api.Json;

/// <summary>
/// Reads and writes GeoJSON geometries with NetTopologySuite's converter, turning whatever it throws on malformed
/// input (missing coordinates, an unknown type) into a <see cref="JsonException"/>, so a client gets a 400 naming the field.
/// </summary>
internal sealed class SafeGeometryConverter(GeoJsonConverterFactory factory) : JsonConverter<Geometry>
{
    public override Geometry? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        // NetTopologySuite reads a third number as Z and passes over any further ones, and the two-dimensional columns
        // refuse Z (a 500 once). RFC 7946 allows an altitude as a third number, which has no use here and is dropped;
        // more is not a GeoJSON position.
        if (HasPositionOfOtherLength(document.RootElement))
        {
            throw new JsonException("Not a valid geometry here: each position is [longitude, latitude] (or [easting, northing] in "
                + "EPSG:27700), optionally with an altitude, which is not stored; never fewer than two or more than three numbers.");
        }

        var inner = (JsonConverter<Geometry>)factory.CreateConverter(typeof(Geometry), options)!;
        var geometryReader = new Utf8JsonReader(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
        geometryReader.Read();
        Geometry? geometry;
        try
        {
            geometry = inner.Read(ref geometryReader, typeToConvert, options);
        }
        catch (Exception exception) when (exception is not JsonException)
        {
            throw new JsonException($"Not a valid GeoJSON geometry: {exception.Message}", exception);
        }

        return geometry is not null && geometry.Coordinates.Any(coordinate => !double.IsNaN(coordinate.Z))
            ? new WKBReader(geometry.Factory.GeometryServices).Read(new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: false, emitM: false).Write(geometry))
            : geometry;
    }

    /// <summary>Whether any array of numbers under a <c>coordinates</c> member (a position) holds other than two or three.</summary>
    private static bool HasPositionOfOtherLength(JsonElement element, bool inCoordinates = false) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(member => HasPositionOfOtherLength(member.Value, member.NameEquals("coordinates"))),
        JsonValueKind.Array when inCoordinates && element.GetArrayLength() > 0 && element.EnumerateArray().All(item => item.ValueKind == JsonValueKind.Number) =>
            element.GetArrayLength() is not (2 or 3),
        JsonValueKind.Array => element.EnumerateArray().Any(item => HasPositionOfOtherLength(item, inCoordinates)),
        _ => false,
    };

    public override void Write(Utf8JsonWriter writer, Geometry value, JsonSerializerOptions options)
    {
        var inner = (JsonConverter<Geometry>)factory.CreateConverter(typeof(Geometry), options)!;
        inner.Write(writer, value, options);
    }
}
