namespace HotspotIntel.Api.Lists;

/// <summary>
/// A coordinate reference system lists can be read and filtered in: its OGC URI, the SRID PostGIS knows it by, and
/// whether its axes are latitude first. Records are stored in WGS84 longitude, latitude (SRID 4326), which is CRS84.
/// </summary>
/// <param name="Uri">The OGC URI (OGC API Features Part 2), e.g. http://www.opengis.net/def/crs/EPSG/0/27700.</param>
/// <param name="Code">The short name exports take and file names carry, e.g. EPSG:27700.</param>
/// <param name="Srid">The PostGIS SRID of the axes' datum and projection.</param>
/// <param name="LatitudeFirst">EPSG:4326 as EPSG defines it: latitude, then longitude.</param>
/// <param name="IsGeographic">Degrees (bounding boxes are checked against ±180, ±90) rather than metres.</param>
public sealed record OutputCrs(string Uri, string Code, int Srid, bool LatitudeFirst, bool IsGeographic)
{
    /// <summary>WGS84 longitude, latitude: GeoJSON's and the storage's axis order; the default.</summary>
    public static readonly OutputCrs Crs84 = new("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "CRS84", 4326, false, true);

    /// <summary>WGS84 as EPSG defines it, latitude first.</summary>
    public static readonly OutputCrs Epsg4326 = new("http://www.opengis.net/def/crs/EPSG/0/4326", "EPSG:4326", 4326, true, true);

    /// <summary>Ordnance Survey British National Grid: easting, northing in metres, what UK partners work in.</summary>
    public static readonly OutputCrs BritishNationalGrid = new("http://www.opengis.net/def/crs/EPSG/0/27700", "EPSG:27700", 27700, false, false);

    public static readonly IReadOnlyList<OutputCrs> All = [Crs84, Epsg4326, BritishNationalGrid];

    /// <summary>An OGC API Features <c>crs</c> or <c>bbox-crs</c> value: one of the URIs, or a safe CURIE of one ([EPSG:27700]).</summary>
    public static OutputCrs? FromOgc(string? value) => value switch
    {
        null or "" => Crs84,
        "[OGC:CRS84]" => Crs84,
        "[EPSG:4326]" => Epsg4326,
        "[EPSG:27700]" => BritishNationalGrid,
        _ => All.FirstOrDefault(crs => crs.Uri == value),
    };

    /// <summary>
    /// An export's <c>crs</c>: EPSG:27700, or WGS84 as EPSG:4326 or CRS84, longitude first as in every GeoJSON this API
    /// writes (RFC 7946 allows no other order); the OGC URIs are read as <see cref="FromOgc"/> reads them.
    /// </summary>
    public static OutputCrs? FromExport(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "CRS84" or "OGC:CRS84" or "EPSG:4326" => Crs84,
        "EPSG:27700" => BritishNationalGrid,
        _ => FromOgc(value.Trim()) is { LatitudeFirst: false } crs ? crs : null,
    };

    /// <summary>How a <c>Content-Crs</c> header names it (OGC API Features Part 2).</summary>
    public string ContentCrsHeader => $"<{Uri}>";
}
