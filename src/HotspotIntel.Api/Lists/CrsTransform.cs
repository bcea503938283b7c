using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;

namespace HotspotIntel.Api.Lists;

/// <summary>
/// Geometries between the storage's WGS84 (SRID 4326, longitude first) and an <see cref="OutputCrs"/>, by PostGIS's
/// <c>ST_Transform</c> (https://postgis.net/docs/ST_Transform.html) so that what a list gives in British National Grid
/// is exactly what PostGIS computes; the axis swap of latitude-first EPSG:4326 is done here.
/// </summary>
public static class CrsTransform
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>
    /// <paramref name="geometries"/> (SRID 4326) in <paramref name="crs"/>, in the same order, nulls kept: one query
    /// for the lot (<c>ST_Transform</c> over <c>unnest</c>), none when the CRS is WGS84.
    /// </summary>
    public static async Task<Geometry?[]> FromStoredAsync(HotspotIntelDbContext db, IReadOnlyList<Geometry?> geometries, OutputCrs crs,
        CancellationToken cancellationToken)
    {
        var result = geometries.ToArray();
        if (crs.Srid != 4326)
        {
            var present = result.Select((geometry, index) => (geometry, index)).Where(pair => pair.geometry is not null).ToList();
            if (present.Count > 0)
            {
                var transformed = await db.Database.SqlQueryRaw<Geometry>(
                        "SELECT ST_Transform(t.g, {1}) AS \"Value\" FROM unnest({0}) WITH ORDINALITY AS t(g, n) ORDER BY t.n",
                        new NpgsqlParameter { Value = present.Select(pair => pair.geometry!).ToArray(), DataTypeName = "geometry[]" },
                        crs.Srid)
                    .ToListAsync(cancellationToken);
                for (var i = 0; i < present.Count; i++)
                {
                    result[present[i].index] = transformed[i];
                }
            }
        }

        if (crs.LatitudeFirst)
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = result[i] is { } geometry ? SwapAxes(geometry) : null;
            }
        }

        return result;
    }

    /// <summary>
    /// A box given in <paramref name="crs"/>'s axis order (minimum first axis, minimum second, maximum first, maximum
    /// second) as a WGS84 polygon (SRID 4326) to filter stored geometries by. A projected box's edges are divided every
    /// 50 m before transforming, so that the polygon follows them where they curve in WGS84.
    /// </summary>
    public static async Task<Polygon> ToStoredAsync(HotspotIntelDbContext db, Envelope box, OutputCrs crs, CancellationToken cancellationToken)
    {
        if (crs.IsGeographic)
        {
            var lonLat = crs.LatitudeFirst ? new Envelope(box.MinY, box.MaxY, box.MinX, box.MaxX) : box;
            return (Polygon)Wgs84.ToGeometry(lonLat);
        }

        var polygons = await db.Database.SqlQueryRaw<Polygon>(
                "SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope({0}, {1}, {2}, {3}, {4}), 50), 4326) AS \"Value\"",
                box.MinX, box.MinY, box.MaxX, box.MaxY, crs.Srid)
            .ToListAsync(cancellationToken);
        return polygons[0];
    }

    private static Geometry SwapAxes(Geometry geometry)
    {
        var swapped = geometry.Copy();
        swapped.Apply(new AxisSwap());
        return swapped;
    }

    private sealed class AxisSwap : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence sequence, int index)
        {
            var x = sequence.GetX(index);
            sequence.SetX(index, sequence.GetY(index));
            sequence.SetY(index, x);
        }
    }
}
