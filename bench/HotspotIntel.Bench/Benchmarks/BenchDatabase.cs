using HotspotIntel.Api.Data;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>A database of the benchmark's own on the benchmark's server, dropped and made anew each run, then migrated.</summary>
internal static class BenchDatabase
{
    /// <summary>The throwaway cluster bench/run.sh starts.</summary>
    public const string DefaultServer = "Host=127.0.0.1;Port=55442;Username=postgres;Database=postgres";

    public static async Task<string> CreateFreshAsync(string serverConnectionString, string name, CancellationToken cancellationToken)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", $"CREATE DATABASE {name}" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        var database = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        DatabaseMigrator.Migrate(database, quiet: true);
        return database;
    }

    /// <summary>The same database as the application's role, which cannot bypass row-level security.</summary>
    public static string AsApplication(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = "hotspotintel_app" }.ConnectionString;

    public static async Task CheckpointAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("CHECKPOINT", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
