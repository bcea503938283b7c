using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

internal static class DatabaseSetup
{
    public const string ConnectionName = "HotspotIntel";

    /// <summary>One Npgsql data source (for COPY and hand-written PostGIS SQL) and the DbContext over it.</summary>
    public static void AddHotspotIntelDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build());
        builder.Services.AddDbContext<HotspotIntelDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention());
    }
}
