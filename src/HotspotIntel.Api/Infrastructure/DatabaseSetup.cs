using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

internal static class DatabaseSetup
{
    /// <summary>The application's connection: a role under row-level security.</summary>
    public const string ConnectionName = "HotspotIntel";

    /// <summary>The schema owner's connection, used only to apply migrations.</summary>
    public const string AdminConnectionName = "HotspotIntelAdmin";

    /// <summary>Optional: the password migrations give the application role (see <see cref="DatabaseMigrator.Migrate"/>).</summary>
    public const string AppRolePasswordKey = "Database:AppRolePassword";

    /// <summary>One Npgsql data source (for COPY and hand-written PostGIS SQL) and the DbContext over it, as the request's user.</summary>
    public static void AddHotspotIntelDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build());
        builder.Services.AddScoped(services => AccessSession.For(services.GetRequiredService<CurrentUser>()));
        builder.Services.AddDbContext<HotspotIntelDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AccessSessionInterceptor(services.GetRequiredService<AccessSession>)));
    }

    /// <summary>Applies migrations at start-up when the schema owner's connection is configured.</summary>
    public static void MigrateIfConfigured(this WebApplication app)
    {
        if (app.Configuration.GetConnectionString(AdminConnectionName) is { } admin && app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            DatabaseMigrator.Migrate(admin, quiet: true, applicationRolePassword: app.Configuration[AppRolePasswordKey]);
        }
    }
}
