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
    public async Task<long> CountAsSessionAsync(Guid agencyId, string role, string sql)
    {
        await using var connection = new NpgsqlConnection(AppConnectionString);
        await connection.OpenAsync();
        await using (var session = new NpgsqlCommand(
            "SELECT set_config('hotspotintel.user_id', 'probe', false), set_config('hotspotintel.agency_id', $1, false), set_config('hotspotintel.role', $2, false)",
            connection) { Parameters = { new() { Value = agencyId.ToString() }, new() { Value = role } } })
        {
            await session.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
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
