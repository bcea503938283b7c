using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Imports;
using HotspotIntel.Core;
using HotspotIntel.Core.Spatial;
using NetTopologySuite;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.Esri;

namespace HotspotIntel.Api.Areas;

/// <summary>One area as an import file gives it (its boundary in WGS84, SRID 4326), before it is checked against the database.</summary>
internal sealed record AreaFeature(int Feature, string Code, string Name, AreaKind Kind, string? ParentCode, Geometry Boundary,
    int? ChildPopulation, int? PopulationYear, string? PopulationSource);

/// <summary>
/// Reads an area import file: a GeoJSON FeatureCollection (RFC 7946, WGS84, or British National Grid when it says so) or a zipped Esri shapefile (.shp, .dbf and
/// .prj, read by NetTopologySuite.IO.Esri.Shapefile; WGS84 or British National Grid by its .prj). Each feature's
/// properties: <c>code</c>, <c>name</c>, <c>kind</c> (ward or council_area), optional <c>parentCode</c>,
/// <c>childPopulation</c> with <c>populationYear</c> and <c>populationSource</c>; a shapefile's ten-character dBASE
/// names may be <c>parentcode</c>, <c>child_pop</c>, <c>pop_year</c>, <c>pop_source</c>. Every problem is collected
/// against the feature and property that has it, so the client hears of all of them at once.
/// </summary>
internal static class AreaFile
{
    public const string ZipMediaType = "application/zip";

    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        ["code"] = ["code"],
        ["name"] = ["name"],
        ["kind"] = ["kind"],
        ["parentCode"] = ["parentCode", "parentcode", "parent"],
        ["childPopulation"] = ["childPopulation", "child_pop", "childpop"],
        ["populationYear"] = ["populationYear", "pop_year", "popyear"],
        ["populationSource"] = ["populationSource", "pop_source", "popsource"],
    };

    /// <summary>The file's areas, or none and the reasons (<paramref name="errors"/>: feature 0 is the file as a whole).</summary>
    public static List<AreaFeature> Read(byte[] content, bool zipped, RowErrors errors)
    {
        var (features, coordinateSystem) = zipped ? ReadShapefile(content, errors) : ReadGeoJson(content, errors);
        var areas = new List<AreaFeature>();
        var number = 0;
        foreach (var feature in features)
        {
            number++;
            var problems = new List<(string Field, string Reason)>();
            string? Text(string field) => Value(feature.Attributes, field) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() is { Length: > 0 } text ? text : null : null;
            int? Whole(string field)
            {
                var text = Text(field);
                if (text is null)
                {
                    return null;
                }

                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= int.MaxValue && value == Math.Floor(value))
                {
                    return (int)value;
                }

                problems.Add((field, "Must be a whole number, 0 or more."));
                return null;
            }

            var code = Text("code");
            var name = Text("name");
            if (code is null || code.Length > 50)
            {
                problems.Add(("code", "Required: the area's code, 1 to 50 characters (e.g. its ONS code)."));
            }

            if (name is null || name.Length > 200)
            {
                problems.Add(("name", "Required: the area's name, 1 to 200 characters."));
            }

            var kind = AreaKind.Ward;
            if (Text("kind") is not { } kindText || !EnumCodes<AreaKind>.TryParse(kindText, out kind))
            {
                problems.Add(("kind", $"Required: one of {string.Join(", ", EnumCodes<AreaKind>.All)}."));
            }

            var population = Whole("childPopulation");
            var year = Whole("populationYear");
            var source = Text("populationSource");
            if (population is not null && year is not (>= 1900 and <= 2200))
            {
                problems.Add(("populationYear", "Required with childPopulation: the year the figure is for (1900 to 2200)."));
            }
            else if (population is null && year is not null)
            {
                problems.Add(("childPopulation", "Required with populationYear."));
            }

            if (source is { Length: > 300 })
            {
                problems.Add(("populationSource", "At most 300 characters."));
            }

            var boundary = feature.Geometry;
            if (boundary is not (Polygon or MultiPolygon) || boundary.IsEmpty || boundary.Coordinates.Any(c => !double.IsFinite(c.X) || !double.IsFinite(c.Y)))
            {
                problems.Add(("geometry", "Must be a Polygon or MultiPolygon with finite coordinates."));
            }
            else
            {
                // RFC 7946 allows an altitude as a third number and a shapefile may be PolygonZ or PolygonM; the boundary
                // column is two-dimensional and refuses them (a 500 once), so they are dropped.
                boundary = boundary.Coordinates.Any(c => !double.IsNaN(c.Z) || !double.IsNaN(c.M)) ? Flat(boundary) : boundary;
                boundary = coordinateSystem == CoordinateSystem.BritishNationalGrid ? BritishNationalGrid.ToWgs84(boundary) : boundary;
            }

            foreach (var (field, reason) in problems)
            {
                errors.Add(new RowError(number, field, reason));
            }

            if (problems.Count == 0)
            {
                boundary!.SRID = 4326;
                areas.Add(new AreaFeature(number, code!, name!, kind, Text("parentCode"), boundary, population, year, source));
            }
        }

        if (number == 0 && !errors.Any)
        {
            errors.Add(new RowError(0, "$", "The file has no areas."));
        }

        return areas;
    }

    private static Geometry Flat(Geometry geometry) => new WKBReader(geometry.Factory.GeometryServices)
        .Read(new WKBWriter(ByteOrder.LittleEndian, handleSRID: false, emitZ: false, emitM: false).Write(geometry));

    private static object? Value(IAttributesTable? attributes, string field)
    {
        if (attributes is null)
        {
            return null;
        }

        foreach (var name in attributes.GetNames())
        {
            if (Aliases[field].Any(alias => string.Equals(alias, name, StringComparison.OrdinalIgnoreCase)))
            {
                return attributes[name];
            }
        }

        return null;
    }

    /// <summary>
    /// A FeatureCollection in WGS84, or in British National Grid when it says so as the record imports do
    /// (<c>"coordinateSystem": "EPSG:27700"</c>) or as GDAL writes it (a <c>crs</c> member naming urn:ogc:def:crs:EPSG::27700).
    /// </summary>
    private static (List<IFeature> Features, CoordinateSystem CoordinateSystem) ReadGeoJson(byte[] content, RowErrors errors)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory(NtsGeometryServices.Instance.CreateGeometryFactory(4326)));
        try
        {
            if (JsonSerializer.Deserialize<FeatureCollection>(content, options) is { } collection)
            {
                return DeclaredCoordinateSystem(content, errors) is { } coordinateSystem ? ([.. collection], coordinateSystem) : ([], CoordinateSystem.Wgs84);
            }
        }
        catch (Exception problem) when (problem is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            errors.Add(new RowError(0, "$", $"Not a GeoJSON FeatureCollection: {problem.Message}"));
            return ([], CoordinateSystem.Wgs84);
        }

        errors.Add(new RowError(0, "$", "Not a GeoJSON FeatureCollection."));
        return ([], CoordinateSystem.Wgs84);
    }

    /// <summary>The collection's coordinate system (WGS84 when it names none), or null with the reason in <paramref name="errors"/>.</summary>
    private static CoordinateSystem? DeclaredCoordinateSystem(byte[] content, RowErrors errors)
    {
        using var document = JsonDocument.Parse(content);
        var root = document.RootElement;
        if (root.TryGetProperty("coordinateSystem", out var declared))
        {
            if (declared.ValueKind == JsonValueKind.String && EnumCodes<CoordinateSystem>.TryParse(declared.GetString(), out var system))
            {
                return system;
            }

            errors.Add(new RowError(0, "coordinateSystem", $"Must be one of: {string.Join(", ", EnumCodes<CoordinateSystem>.All)}."));
            return null;
        }

        if (!root.TryGetProperty("crs", out var crs))
        {
            return CoordinateSystem.Wgs84;
        }

        var named = GeoJsonCrs.Read(crs, out var problem);
        if (problem is not null)
        {
            errors.Add(problem);
        }

        return named;
    }

    /// <summary>A zip holding one shapefile: its .shp and .dbf, and a .prj saying WGS84 or British National Grid.</summary>
    private static (List<IFeature> Features, CoordinateSystem CoordinateSystem) ReadShapefile(byte[] content, RowErrors errors)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content), ZipArchiveMode.Read);
            ZipArchiveEntry? Entry(string extension) =>
                zip.Entries.SingleOrDefault(e => e.FullName.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && !e.FullName.Contains("__MACOSX", StringComparison.Ordinal));
            var (shp, dbf, prj) = (Entry(".shp"), Entry(".dbf"), Entry(".prj"));
            if (shp is null || dbf is null || prj is null)
            {
                errors.Add(new RowError(0, "$", "The zip must hold one shapefile: its .shp, .dbf and .prj (the .prj says its coordinate system)."));
                return ([], CoordinateSystem.Wgs84);
            }

            using var projection = new StreamReader(prj.Open());
            var wkt = projection.ReadToEnd();
            CoordinateSystem coordinateSystem;
            if (wkt.Contains("British_National_Grid", StringComparison.OrdinalIgnoreCase) || wkt.Contains("OSGB", StringComparison.OrdinalIgnoreCase)
                || wkt.Contains("27700", StringComparison.Ordinal))
            {
                coordinateSystem = CoordinateSystem.BritishNationalGrid;
            }
            else if (wkt.Contains("WGS_1984", StringComparison.OrdinalIgnoreCase) || wkt.Contains("WGS 84", StringComparison.OrdinalIgnoreCase))
            {
                coordinateSystem = CoordinateSystem.Wgs84;
            }
            else
            {
                errors.Add(new RowError(0, "prj", "The shapefile must be in WGS84 (EPSG:4326) or British National Grid (EPSG:27700); reproject it first (ogr2ogr -t_srs EPSG:4326)."));
                return ([], CoordinateSystem.Wgs84);
            }

            using var shpStream = Copy(shp);
            using var dbfStream = Copy(dbf);
            return ([.. Shapefile.ReadAllFeatures(shpStream, dbfStream)], coordinateSystem);
        }
        catch (Exception problem) when (problem is InvalidDataException or ShapefileException or IOException or ArgumentException or NotSupportedException)
        {
            errors.Add(new RowError(0, "$", $"Not a zipped shapefile that can be read: {problem.Message}"));
            return ([], CoordinateSystem.Wgs84);
        }
    }

    private static MemoryStream Copy(ZipArchiveEntry entry)
    {
        var copy = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(copy);
        }

        copy.Position = 0;
        return copy;
    }
}
