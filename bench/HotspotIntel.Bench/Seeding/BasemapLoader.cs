using HotspotIntel.Bench.City;
using NetTopologySuite.Geometries;
using Npgsql;

namespace HotspotIntel.Bench.Seeding;

/// <summary>
/// The synthetic city's geography as the offline basemap draws it (<c>basemap_features</c>): every street with its name,
/// every ward's boundary, and a place label at each ward's centre, from the same <see cref="CityMap"/> the addresses come from.
/// </summary>
internal static class BasemapLoader
{
    public static IEnumerable<(string Layer, string Kind, string Name, Geometry Geometry)> Features(CityMap map)
    {
        foreach (var street in map.Streets.All)
        {
            yield return ("street", KindName(street.Kind), street.Name, street.ToLine(map.Grid));
        }

        foreach (var ward in map.Wards)
        {
            yield return ("ward", "ward", ward.Name, ward.Boundary.Boundary);
            yield return ("place", "ward", ward.Name,
                map.Grid.ToPoint((ward.WestMeters + ward.EastMeters) / 2, (ward.SouthMeters + ward.NorthMeters) / 2));
        }
    }

    /// <summary>Replaces what <c>basemap_features</c> holds with <paramref name="map"/>'s streets, wards and places; rows loaded.</summary>
    public static async Task<ulong> LoadAsync(NpgsqlConnection connection, CityMap map, CancellationToken cancellationToken)
    {
        await using (var clear = new NpgsqlCommand("DELETE FROM basemap_features", connection))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY basemap_features (layer, kind, name, geom) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (layer, kind, name, geometry) in Features(map))
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(layer, cancellationToken);
            await writer.WriteAsync(kind, cancellationToken);
            await writer.WriteAsync(name, cancellationToken);
            await writer.WriteAsync(geometry, cancellationToken);
        }

        return await writer.CompleteAsync(cancellationToken);
    }

    private static string KindName(StreetKind kind) => kind switch
    {
        StreetKind.HighStreet => "high_street",
        StreetKind.MainRoad => "main_road",
        _ => "side_street",
    };
}
