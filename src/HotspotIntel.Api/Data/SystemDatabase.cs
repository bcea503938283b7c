using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Data;

/// <summary>
/// The database as background jobs see it: on their own login (<c>hotspotintel_jobs</c>, which the database alone
/// treats as the system: every row, never masked), acting as <see cref="AccessSession.System"/>. No user is behind them.
/// </summary>
/// <remarks>
/// A job shows it is at work by a session lock (<see cref="SessionLocks"/>), which PostgreSQL lets go of when the
/// session ends. A session whose server was killed ends only when PostgreSQL notices, which by default it does when it
/// next reads from or writes to the connection: a session then waiting on a lock, or in a long statement of a regional
/// run, kept its locks until that wait or statement ended, and no other server could take the work over meanwhile. So
/// the jobs' sessions have PostgreSQL look at their connection every <see cref="ClientCheckMilliseconds"/> while a
/// statement runs or waits (<c>client_connection_check_interval</c>).
/// </remarks>
public sealed class SystemDatabase(string jobsConnectionString) : IAsyncDisposable
{
    /// <summary>How often PostgreSQL checks, while a job's statement runs or waits, that the job's server is still there.</summary>
    public const int ClientCheckMilliseconds = 5000;

    private readonly NpgsqlDataSource _dataSource = new NpgsqlDataSourceBuilder(WithClientCheck(jobsConnectionString)).UseNetTopologySuite().Build();

    public HotspotIntelDbContext CreateContext() => new(new DbContextOptionsBuilder<HotspotIntelDbContext>()
        .UseNpgsql(_dataSource, npgsql => npgsql.UseNetTopologySuite())
        .UseSnakeCaseNamingConvention()
        .AddInterceptors(new AccessSessionInterceptor(() => AccessSession.System))
        .Options);

    /// <summary>A connection of its own on the jobs' login, for work a job does beside its context's connection.</summary>
    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static string WithClientCheck(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = $"{builder.Options} -c client_connection_check_interval={ClientCheckMilliseconds}".TrimStart();
        return builder.ConnectionString;
    }
}
