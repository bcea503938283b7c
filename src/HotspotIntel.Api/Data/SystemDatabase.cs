using HotspotIntel.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Data;

/// <summary>DbContexts for background jobs, which act as <see cref="AccessSession.System"/>: there is no user behind them.</summary>
public sealed class SystemDatabase(NpgsqlDataSource dataSource)
{
    public HotspotIntelDbContext CreateContext() => new(new DbContextOptionsBuilder<HotspotIntelDbContext>()
        .UseNpgsql(dataSource, npgsql => npgsql.UseNetTopologySuite())
        .UseSnakeCaseNamingConvention()
        .AddInterceptors(new AccessSessionInterceptor(() => AccessSession.System))
        .Options);
}
