using System.Text.Json.Nodes;
using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>A database of its own for one test class, cloned from the migrated template, and the API running on it.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private PostgisCluster? _cluster;

    /// <summary>The superuser's connection: for arranging data and checking what was stored, bypassing RLS.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The application role's connection, under row-level security.</summary>
    public string AppConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = "hotspotintel_app" }.ConnectionString;

    /// <summary>The background jobs' connection: the only login the database treats as the system.</summary>
    public string JobsConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = "hotspotintel_jobs" }.ConnectionString;

    public HotspotIntelApplication Application { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _cluster = await PostgisCluster.InstanceAsync();
        ConnectionString = await _cluster.CreateDatabaseAsync();
        Application = new HotspotIntelApplication(AppConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Application.DisposeAsync();
        await _cluster!.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>A DbContext on this class's database, for arranging data and checking what was stored.</summary>
    public HotspotIntelDbContext CreateDbContext() => new(new DbContextOptionsBuilder<HotspotIntelDbContext>()
        .UseNpgsql(ConnectionString, npgsql => npgsql.UseNetTopologySuite())
        .UseSnakeCaseNamingConvention()
        .Options);

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    /// <summary>A count as the application role under RLS, with a user of <paramref name="agencyId"/> in <paramref name="role"/> set on the connection as the API sets it.</summary>
    public async Task<long> CountAsSessionAsync(Guid agencyId, string role, string sql) => (await ScalarAsSessionAsync<long?>(agencyId, role, sql))!.Value;

    /// <summary>A scalar as the application role under RLS, as <see cref="CountAsSessionAsync"/> reads it; default for NULL.</summary>
    public async Task<T?> ScalarAsSessionAsync<T>(Guid agencyId, string role, string sql)
    {
        await using var connection = new NpgsqlConnection(AppConnectionString);
        await connection.OpenAsync();
        await new AccessSession("probe", agencyId, role).ApplyAsync(connection, CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    /// <summary>
    /// Every node of the plan PostgreSQL makes for <paramref name="query"/> (subplans included), as the application role
    /// with a user of <paramref name="agencyId"/> in <paramref name="role"/> (the API's own <see cref="AccessSession"/>),
    /// sequential scans off so that the plan uses every index it can.
    /// </summary>
    public async Task<List<JsonObject>> PlanAsSessionAsync<T>(Guid agencyId, string role, Func<HotspotIntelDbContext, IQueryable<T>> query)
    {
        var session = new AccessSession("probe", agencyId, role);
        await using var db = new HotspotIntelDbContext(new DbContextOptionsBuilder<HotspotIntelDbContext>()
            .UseNpgsql(AppConnectionString, npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AccessSessionInterceptor(() => session))
            .Options);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        await using var command = query(db).CreateDbCommand();
        command.CommandText = "EXPLAIN (FORMAT JSON) " + command.CommandText;
        var nodes = new List<JsonObject>();
        Collect(JsonNode.Parse((string)(await command.ExecuteScalarAsync())!)![0]!["Plan"]!.AsObject());
        return nodes;

        void Collect(JsonObject node)
        {
            nodes.Add(node);
            foreach (var child in node["Plans"]?.AsArray() ?? [])
            {
                Collect(child!.AsObject());
            }
        }
    }

    /// <summary>The indexes that <see cref="PlanAsSessionAsync"/>'s plan searches, each with its index condition.</summary>
    public async Task<List<(string Index, string Condition)>> IndexConditionsAsSessionAsync<T>(Guid agencyId, string role,
        Func<HotspotIntelDbContext, IQueryable<T>> query) =>
        [.. (await PlanAsSessionAsync(agencyId, role, query))
            .Where(node => node["Index Name"] is not null && node["Index Cond"] is not null)
            .Select(node => (node["Index Name"]!.GetValue<string>(), node["Index Cond"]!.GetValue<string>()))];

    /// <summary>
    /// What the tiles' job does every minute: fold the report count changes into the counts, on the jobs' login; all of
    /// them, or one batch of at most <paramref name="maxChanges"/> rows of each table's. Returns the rows folded.
    /// </summary>
    public async Task<long> FoldReportDensityAsync(int? maxChanges = null)
    {
        await using var connection = new NpgsqlConnection(JobsConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT fold_report_density_changes($1)", connection)
        {
            Parameters = { new() { Value = (object?)maxChanges ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
