using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace HotspotIntel.Core.Spatial;

/// <summary>
/// Converts British National Grid (EPSG:27700) geometries to WGS84 (EPSG:4326) and back, with the EPSG
/// seven-parameter Helmert transformation (EPSG:1314, about 2 m accuracy; OSTN15 would give centimetres
/// but its grid is not needed for hotspot mapping).
/// </summary>
public static class BritishNationalGrid
{
    private const string Wkt = """
        PROJCS["OSGB 1936 / British National Grid",
          GEOGCS["OSGB 1936",
            DATUM["OSGB_1936",
              SPHEROID["Airy 1830",6377563.396,299.3249646,AUTHORITY["EPSG","7001"]],
              TOWGS84[446.448,-125.157,542.06,0.15,0.247,0.842,-20.489],
              AUTHORITY["EPSG","6277"]],
            PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],
            UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],
            AUTHORITY["EPSG","4277"]],
          PROJECTION["Transverse_Mercator"],
          PARAMETER["latitude_of_origin",49],
          PARAMETER["central_meridian",-2],
          PARAMETER["scale_factor",0.9996012717],
          PARAMETER["false_easting",400000],
          PARAMETER["false_northing",-100000],
          UNIT["metre",1,AUTHORITY["EPSG","9001"]],
          AUTHORITY["EPSG","27700"]]
        """;

    private static readonly MathTransform ToWgs84Transform = CreateTransform(toWgs84: true);
    private static readonly MathTransform FromWgs84Transform = CreateTransform(toWgs84: false);
    private static readonly GeometryFactory Wgs84Factory = new(new PrecisionModel(), 4326);
    private static readonly GeometryFactory GridFactory = new(new PrecisionModel(), 27700);

    /// <summary>A copy of <paramref name="geometry"/> (easting, northing in metres) in WGS84 (longitude, latitude), SRID 4326.</summary>
    public static Geometry ToWgs84(Geometry geometry) => Transform(geometry, ToWgs84Transform, Wgs84Factory);

    /// <summary>A copy of <paramref name="geometry"/> (longitude, latitude) in British National Grid metres, SRID 27700.</summary>
    public static Geometry FromWgs84(Geometry geometry) => Transform(geometry, FromWgs84Transform, GridFactory);

    private static Geometry Transform(Geometry geometry, MathTransform transform, GeometryFactory factory)
    {
        var copy = factory.CreateGeometry(geometry);
        copy.Apply(new TransformFilter(transform));
        copy.SRID = factory.SRID;
        return copy;
    }

    private static MathTransform CreateTransform(bool toWgs84)
    {
        var grid = new CoordinateSystemFactory().CreateFromWkt(Wkt);
        var wgs84 = GeographicCoordinateSystem.WGS84;
        var factory = new CoordinateTransformationFactory();
        return (toWgs84 ? factory.CreateFromCoordinateSystems(grid, wgs84) : factory.CreateFromCoordinateSystems(wgs84, grid)).MathTransform;
    }

    private sealed class TransformFilter(MathTransform transform) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (x, y) = transform.Transform(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
