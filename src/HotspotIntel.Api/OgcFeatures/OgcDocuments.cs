using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.OgcFeatures;

/// <summary>A link of an OGC API document (RFC 8288 relation, media type and title).</summary>
public sealed record OgcLink(
    string Href,
    string Rel,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Type = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title = null);

/// <summary>The landing page: what the service is and where its API definition, conformance and collections are.</summary>
public sealed record OgcLandingPage(string Title, string Description, IReadOnlyList<OgcLink> Links);

/// <summary>The conformance classes the service implements.</summary>
public sealed record OgcConformance(IReadOnlyList<string> ConformsTo);

/// <summary>The feature collections, with the CRSs every one of them offers (OGC API Features Part 2).</summary>
public sealed record OgcCollections(IReadOnlyList<OgcLink> Links, IReadOnlyList<string> Crs, IReadOnlyList<OgcCollection> Collections);

/// <summary>One feature collection: what it holds, where and when (extent), the CRSs it can be read in, and its links.</summary>
public sealed record OgcCollection(
    string Id,
    string Title,
    string Description,
    string ItemType,
    OgcExtent Extent,
    IReadOnlyList<string> Crs,
    string StorageCrs,
    IReadOnlyList<OgcLink> Links);

/// <summary>The extent of a collection: the partnership's region, and for collections with a time, the earliest and latest.</summary>
public sealed record OgcExtent(
    OgcSpatialExtent Spatial,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OgcTemporalExtent? Temporal);

/// <summary>Bounding boxes, minimum longitude, minimum latitude, maximum longitude, maximum latitude, in <see cref="Crs"/>.</summary>
public sealed record OgcSpatialExtent(IReadOnlyList<double[]> Bbox, string Crs);

/// <summary>Intervals [start, end] (RFC 3339, null for an open end) in the Gregorian calendar.</summary>
public sealed record OgcTemporalExtent(IReadOnlyList<DateTimeOffset?[]> Interval, string Trs);

/// <summary>A page of features (GeoJSON FeatureCollection) with its paging links.</summary>
public sealed record OgcFeatureCollection(DateTimeOffset TimeStamp, int NumberReturned, IReadOnlyList<OgcFeature> Features, IReadOnlyList<OgcLink> Links)
{
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}

/// <summary>A GeoJSON Feature: id, geometry in the requested CRS (every collection's features have one), flat properties and its links.</summary>
public sealed record OgcFeature(
    string Id,
    Geometry Geometry,
    IReadOnlyDictionary<string, object?> Properties,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OgcLink>? Links)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

/// <summary>A JSON Schema (2020-12) of a collection's queryables or of its features' properties.</summary>
public sealed record OgcSchema(
    [property: JsonPropertyName("$schema")] string Schema,
    [property: JsonPropertyName("$id")] string Id,
    string Type,
    string Title,
    IReadOnlyDictionary<string, OgcSchemaProperty> Properties,
    bool AdditionalProperties);

/// <summary>One property of an <see cref="OgcSchema"/>.</summary>
public sealed record OgcSchemaProperty(
    string Type,
    string Description,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Format = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Enum = null);
