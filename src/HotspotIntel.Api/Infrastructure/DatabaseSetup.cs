using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

internal static class DatabaseSetup
{
    public const string ConnectionName = "HotspotIntel";

    /// <summary>One Npgsql data source (for COPY and hand-written PostGIS SQL) and the DbContext over it.</summary>
    public static void AddHotspotIntelDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build());
        services.AddDbContext<HotspotIntelDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention());
    }
}
