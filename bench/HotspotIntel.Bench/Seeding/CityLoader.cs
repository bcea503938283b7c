using HotspotIntel.Bench.City;
using Npgsql;

namespace HotspotIntel.Bench.Seeding;

/// <summary>Loads a synthetic city into a migrated database as the schema owner, in one transaction, then analyses it.</summary>
internal static class CityLoader
{
    public static async Task LoadAsync(string connectionString, SyntheticCity city, CancellationToken cancellationToken)
    {
        // A large city's COPY and its audit trigger (which logs each table's COPY in one statement at its end) outlast
        // the default 30 s command timeout.
        var unlimited = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString;
        await using var dataSource = new NpgsqlDataSourceBuilder(unlimited).UseNetTopologySuite().Build();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await DatasetCopier.CopyAsync(connection, new CityDataset(city), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // Fresh statistics and visibility map, so the first measured queries plan and scan as they will later.
        await using var analyze = dataSource.CreateCommand("VACUUM ANALYZE");
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }
}
