using System.Globalization;
using HotspotIntel.Bench.City;
using NetTopologySuite.Geometries;
using Npgsql;

namespace HotspotIntel.Bench.Seeding;

/// <summary>One synthetic area as it is loaded into <c>areas</c>: a ward or a council area, with a child population figure.</summary>
internal sealed record SyntheticArea(string Code, string Name, string Kind, string? ParentCode, MultiPolygon Boundary, int ChildPopulation);

/// <summary>
/// The synthetic city's named areas for problem profiles (migrations/0050), as a partnership would import its wards and
/// council areas: the demo city's own (the basemap's wards, from the same <see cref="CityMap"/>, so the map and the
/// profile agree, and its three councils' areas), or a regional split of the same ground into many wards and councils
/// for the benchmark. Child populations are synthetic, 1,500 to 4,500 children a ward, a council area the sum of its wards'.
/// </summary>
internal static class AreaLoader
{
    public const int PopulationYear = 2025;
    public const string PopulationSource = "Synthetic: generated with the demo city";

    /// <summary>The city's three council areas and its 40 wards (the basemap's).</summary>
    public static List<SyntheticArea> CityAreas(CityMap map)
    {
        var wards = map.Wards.Select(w => new SyntheticArea(WardCode(w.Number), w.Name, "ward", CouncilCode(w.Council.Code), Multi(w.Boundary),
            Population(w.Number))).ToList();
        var councils = map.Wards.GroupBy(w => w.Council.Code).Select(g => new SyntheticArea(CouncilCode(g.Key), $"{g.First().Council.Name} area",
            "council_area", null, Multi(map.Grid.ToPolygon(Corners(g.Min(w => w.WestMeters), g.Min(w => w.SouthMeters), g.Max(w => w.EastMeters), g.Max(w => w.NorthMeters)))),
            g.Sum(w => Population(w.Number))));
        return [.. councils, .. wards];
    }

    /// <summary>
    /// The same ground split into <paramref name="columns"/> by <paramref name="rows"/> wards, in <paramref name="councils"/>
    /// council areas of whole columns: at the regional scale, 15 by 10 (150 wards) in 7 councils.
    /// </summary>
    public static List<SyntheticArea> RegionalAreas(CityMap map, int columns = 15, int rows = 10, int councils = 7)
    {
        var (width, height) = (2 * CityMap.HalfWidthMeters / columns, 2 * CityMap.HalfHeightMeters / rows);
        int CouncilOf(int column) => column * councils / columns;
        var wards = new List<SyntheticArea>();
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var number = (row * columns) + column + 1;
                var (west, north) = (-CityMap.HalfWidthMeters + (column * width), CityMap.HalfHeightMeters - (row * height));
                wards.Add(new SyntheticArea(WardCode(number), string.Create(CultureInfo.InvariantCulture, $"Regional ward {number:D3}"), "ward",
                    CouncilCode(string.Create(CultureInfo.InvariantCulture, $"R{CouncilOf(column) + 1}")),
                    Multi(map.Grid.ToPolygon(Corners(west, north - height, west + width, north))), Population(number)));
            }
        }

        var areas = new List<SyntheticArea>();
        for (var council = 0; council < councils; council++)
        {
            var first = Enumerable.Range(0, columns).First(c => CouncilOf(c) == council);
            var last = Enumerable.Range(0, columns).Last(c => CouncilOf(c) == council);
            var code = CouncilCode(string.Create(CultureInfo.InvariantCulture, $"R{council + 1}"));
            areas.Add(new SyntheticArea(code, string.Create(CultureInfo.InvariantCulture, $"Regional council {council + 1} area"), "council_area", null,
                Multi(map.Grid.ToPolygon(Corners(-CityMap.HalfWidthMeters + (first * width), -CityMap.HalfHeightMeters,
                    -CityMap.HalfWidthMeters + ((last + 1) * width), CityMap.HalfHeightMeters))),
                wards.Where(w => w.ParentCode == code).Sum(w => w.ChildPopulation)));
        }

        return [.. areas, .. wards];
    }

    /// <summary>Replaces what <c>areas</c> holds with <paramref name="areas"/> (parents first), as the schema owner; rows loaded.</summary>
    public static async Task<ulong> LoadAsync(NpgsqlConnection connection, IReadOnlyList<SyntheticArea> areas, CancellationToken cancellationToken)
    {
        await using (var clear = new NpgsqlCommand("DELETE FROM areas", connection))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var loaded = 0UL;
        foreach (var area in areas.OrderBy(a => a.ParentCode is null ? 0 : 1))
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO areas (id, code, name, kind, parent_id, geom, child_population, population_year, population_source, imported_at, imported_by)
                SELECT $1, $2, $3, $4, (SELECT id FROM areas WHERE code = $5), $6, $7, $8, $9, now(), 'synthetic-city-loader'
                """, connection);
            foreach (var value in new object?[] { Guid.CreateVersion7(), area.Code, area.Name, area.Kind, area.ParentCode, area.Boundary, area.ChildPopulation, PopulationYear, PopulationSource })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
            }

            loaded += (ulong)await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        return loaded;
    }

    private static string WardCode(int number) => string.Create(CultureInfo.InvariantCulture, $"SYN-W{number:D3}");

    private static string CouncilCode(string council) => $"SYN-{council}";

    private static int Population(int wardNumber) => 1500 + (wardNumber * 7919 % 3001);

    private static MultiPolygon Multi(Polygon polygon) => new([polygon]) { SRID = 4326 };

    private static (double East, double North)[] Corners(double west, double south, double east, double north) =>
        [(west, south), (east, south), (east, north), (west, north)];
}
