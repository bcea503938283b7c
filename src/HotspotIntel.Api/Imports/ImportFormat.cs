using Microsoft.Net.Http.Headers;

namespace HotspotIntel.Api.Imports;

/// <summary>The file formats an import reads.</summary>
public enum ImportFormat
{
    /// <summary>RFC 4180 CSV, UTF-8, with a header of snake_case column names.</summary>
    Csv,

    /// <summary>An RFC 7946 FeatureCollection of Point features with camelCase properties.</summary>
    GeoJson,
}

/// <summary>How a request or a file name says which format it is in.</summary>
public static class ImportFormats
{
    public const string CsvMediaType = "text/csv";
    public const string GeoJsonMediaType = "application/geo+json";
    public const string JsonMediaType = "application/json";

    /// <summary>The format of a request body by its Content-Type (parameters such as charset ignored).</summary>
    public static ImportFormat? FromContentType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() switch
        {
            CsvMediaType => ImportFormat.Csv,
            GeoJsonMediaType or JsonMediaType => ImportFormat.GeoJson,
            _ => null,
        } : null;

    /// <summary>The format of a file by its extension: .csv, or .geojson or .json.</summary>
    public static ImportFormat? FromFileName(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => ImportFormat.Csv,
        ".geojson" or ".json" => ImportFormat.GeoJson,
        _ => null,
    };
}
