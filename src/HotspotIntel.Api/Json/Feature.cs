using System.Text.Json.Serialization;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Json;

/// <summary>An RFC 7946 GeoJSON Feature with typed properties; geometry in WGS84, longitude first.</summary>
public sealed record Feature<TProperties>(Guid Id, Geometry? Geometry, TProperties Properties)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

/// <summary>
/// An RFC 7946 FeatureCollection, one page of a keyset-paginated list. <c>nextCursor</c> (a foreign member)
/// is passed back as <c>cursor</c> for the next page; null on the last page.
/// </summary>
public sealed record FeatureCollection<TProperties>(IReadOnlyList<Feature<TProperties>> Features, string? NextCursor)
{
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}
