using System.Text.Json;
using System.Text.Json.Serialization;
using NetTopologySuite;
using NetTopologySuite.IO.Converters;

namespace HotspotIntel.Api.Json;

internal static class JsonSetup
{
    /// <summary>
    /// The API's JSON rules: enums as their codes (never numbers), GeoJSON geometry through NetTopologySuite,
    /// and strict reading: text that can be stored (<see cref="StorableStringConverter"/>), unknown members, missing required members and nulls for non-nullable members are errors.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        var geoJson = new GeoJsonConverterFactory(NtsGeometryServices.Instance.CreateGeometryFactory(4326));
        options.Converters.Add(new StorableStringConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new SafeGeometryConverter(geoJson));
        options.Converters.Add(geoJson);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // A number is a JSON number, never a string holding one: the web defaults' AllowReadingFromString also made the
        // OpenAPI document type every number as "number or string".
        options.NumberHandling = JsonNumberHandling.Strict;
    }

    public static void AddHotspotIntelJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json => Configure(json.SerializerOptions));
}
