using HotspotIntel.Bench.City;
using Npgsql;

namespace HotspotIntel.Bench.Seeding;

/// <summary>
/// <c>seed-demo</c>: loads the demo-scale synthetic city into a migrated database once. The police agency's code
/// (<see cref="CityAgencies.MarkerCode"/>) marks it as loaded; everything goes in one transaction, so a failed load
/// leaves no marker and no half of a city. The city's reports end on the day it is loaded (<paramref name="endsOn"/> of
/// <see cref="SeedAsync"/>; run.sh passes today), so a new user sees new, intensifying and persistent hotspots.
/// </summary>
internal static class DemoSeeder
{
    /// <summary>The database run.sh starts, for when ConnectionStrings__HotspotIntelAdmin is not set.</summary>
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Database=hotspotintel;Username=postgres";

    /// <summary>Rows loaded per table, or null when the demo data was already there; reports end on <paramref name="endsOn"/> (default the fixed reference date).</summary>
    public static async Task<DemoLoad?> SeedAsync(string connectionString, CancellationToken cancellationToken, DateOnly? endsOn = null)
    {
        if (endsOn is { } day)
        {
            ReportingWindow.EndOn(day);
        }

        await using var dataSource = new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Two seed-demo runs at once: the second waits here, then sees the first one's marker.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('hotspotintel seed-demo'))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var markerCommand = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM agencies WHERE code = $1)", connection, transaction))
        {
            markerCommand.Parameters.Add(new NpgsqlParameter { Value = CityAgencies.MarkerCode });
            if ((bool)(await markerCommand.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        var dataset = new CityDataset(new SyntheticCity(new CityScale(CityScale.DemoReports), SyntheticCity.DefaultSeed));
        var rows = new Dictionary<string, ulong>(await DatasetCopier.CopyAsync(connection, dataset, cancellationToken))
        {
            ["basemap_features"] = await BasemapLoader.LoadAsync(connection, dataset.City.Map, cancellationToken),
            ["areas"] = await AreaLoader.LoadAsync(connection, AreaLoader.CityAreas(dataset.City.Map), cancellationToken),
        };
        await transaction.CommitAsync(cancellationToken);
        return new DemoLoad(rows);
    }
}

/// <summary>What <c>seed-demo</c> loaded: rows per table.</summary>
internal sealed record DemoLoad(IReadOnlyDictionary<string, ulong> Rows)
{
    public override string ToString() => string.Join(", ", Rows.Select(table => $"{table.Value} {table.Key}"));
}
