using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Data;

/// <summary>
/// The database as background jobs see it: on their own login (<c>hotspotintel_jobs</c>, which the database alone
/// treats as the system: every row, never masked), acting as <see cref="AccessSession.System"/>. No user is behind them.
/// </summary>
public sealed class SystemDatabase(string jobsConnectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = new NpgsqlDataSourceBuilder(jobsConnectionString).UseNetTopologySuite().Build();

    public HotspotIntelDbContext CreateContext() => new(new DbContextOptionsBuilder<HotspotIntelDbContext>()
        .UseNpgsql(_dataSource, npgsql => npgsql.UseNetTopologySuite())
        .UseSnakeCaseNamingConvention()
        .AddInterceptors(new AccessSessionInterceptor(() => AccessSession.System))
        .Options);

    /// <summary>A connection of its own on the jobs' login, for work a job does beside its context's connection.</summary>
    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
