using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Bench.City;
using Npgsql;

namespace HotspotIntel.Bench.Seeding;

/// <summary>
/// Loads a synthetic city into a migrated database as the schema owner, in one transaction, then analyses it: COPY
/// into tables without their secondary indexes and foreign keys, made again after (<see cref="IndexesAfterLoad"/>).
/// Each step's time is printed.
/// </summary>
internal static class CityLoader
{
    // The tables with most rows, whose primary keys are made after the load too: what the COPY fills, and the link ends its trigger writes.
    private static readonly string[] BulkTables =
        ["intelligence_reports", "report_persons", "report_premises", "report_vehicles", "report_locations", "links", "link_reports", "link_ends"];

    public static async Task LoadAsync(string connectionString, SyntheticCity city, CancellationToken cancellationToken)
    {
        // A large city's COPY and its audit trigger (which logs each table's COPY in one statement at its end) outlast
        // the default 30 s command timeout.
        var unlimited = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString;
        await using var dataSource = new NpgsqlDataSourceBuilder(unlimited).UseNetTopologySuite().Build();
        var watch = Stopwatch.StartNew();
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Index builds sort in memory up to this; the default 64 MB spills a regional city's to disk.
            await using (var memory = new NpgsqlCommand("SET LOCAL maintenance_work_mem = '512MB'", connection))
            {
                await memory.ExecuteNonQueryAsync(cancellationToken);
            }

            var creates = await IndexesAfterLoad.DropAsync(connection, BulkTables, cancellationToken);
            Step($"{creates.Count} indexes, keys and foreign keys dropped");
            await DatasetCopier.CopyAsync(connection, new CityDataset(city), cancellationToken,
                (table, rows, took) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: {rows:N0} rows in {took.TotalSeconds:F1} s")));
            watch.Restart();
            await IndexesAfterLoad.CreateAsync(connection, creates, cancellationToken);
            Step("indexes and keys built, foreign keys checked");
            await transaction.CommitAsync(cancellationToken);
        }

        // Fresh statistics and visibility map, so the first measured queries plan and scan as they will later.
        watch.Restart();
        await using var analyze = dataSource.CreateCommand("VACUUM ANALYZE");
        await analyze.ExecuteNonQueryAsync(cancellationToken);
        Step("VACUUM ANALYZE");

        void Step(string what)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what} in {watch.Elapsed.TotalSeconds:F1} s"));
            watch.Restart();
        }
    }
}
