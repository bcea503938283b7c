using System.Globalization;
using HotspotIntel.Api.Errors;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Input;

/// <summary>
/// Reads the <c>bbox=minLon,minLat,maxLon,maxLat</c> query parameter (WGS84 degrees) as an SRID 4326 polygon, and
/// lets list queries find what lies in it through a GiST index.
/// </summary>
public static class BoundingBox
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    public static Polygon? Read(string? bbox, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(bbox))
        {
            return null;
        }

        var parts = bbox.Split(',');
        var values = new double[parts.Length];
        if (parts.Length != 4 || !parts.Select((part, i) => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok)
            || values.Any(v => !double.IsFinite(v)))
        {
            errors.Add("bbox", "Must be four numbers: minLon,minLat,maxLon,maxLat.");
            return null;
        }

        var (minLon, minLat, maxLon, maxLat) = (values[0], values[1], values[2], values[3]);
        if (minLon is < -180 or > 180 || maxLon is < -180 or > 180 || minLat is < -90 or > 90 || maxLat is < -90 or > 90)
        {
            errors.Add("bbox", "Longitudes must lie in [-180, 180] and latitudes in [-90, 90]; longitude comes first.");
            return null;
        }

        if (minLon >= maxLon || minLat >= maxLat)
        {
            errors.Add("bbox", "The minimum longitude and latitude must be less than the maximum.");
            return null;
        }

        return (Polygon)Wgs84.ToGeometry(new Envelope(minLon, maxLon, minLat, maxLat));
    }

    /// <summary>
    /// Whether the bounding boxes of <paramref name="geometry"/> and <paramref name="box"/> overlap; in queries only.
    /// Becomes <c>bbox_overlaps(geometry, box)</c> (migrations/0013), which PostgreSQL inlines to PostGIS's <c>&amp;&amp;</c>
    /// (https://postgis.net/docs/geometry_overlaps.html). Filter with <c>Overlaps(g, box) &amp;&amp; g.Intersects(box)</c>:
    /// this for the index, <c>Intersects</c> (<c>ST_Intersects</c>) for the exact answer.
    /// </summary>
    /// <remarks>
    /// <c>ST_Intersects</c> alone would add <c>&amp;&amp;</c> through its support function, but under row-level security
    /// PostgreSQL runs a condition that is not LEAKPROOF only after the policies, so it never becomes an index condition
    /// and every visible row is tested. <c>&amp;&amp;</c> itself is LEAKPROOF (migrations/0006) and can; efcore.pg has no
    /// translation to it (npgsql/efcore.pg#3485), hence the SQL function.
    /// </remarks>
    public static bool Overlaps(Geometry geometry, Geometry box) =>
        throw new InvalidOperationException($"{nameof(BoundingBox)}.{nameof(Overlaps)} runs only in database queries.");
}
