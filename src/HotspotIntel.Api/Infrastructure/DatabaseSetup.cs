using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.Infrastructure;

internal static class DatabaseSetup
{
    /// <summary>The application's connection: a role under row-level security.</summary>
    public const string ConnectionName = "HotspotIntel";

    /// <summary>The schema owner's connection, used only to apply migrations and by operators' command-line imports.</summary>
    public const string AdminConnectionName = "HotspotIntelAdmin";

    /// <summary>Optional: the password migrations give the application role (see <see cref="DatabaseMigrator.Migrate"/>).</summary>
    public const string AppRolePasswordKey = "Database:AppRolePassword";

    /// <summary>
    /// Background jobs' login: the only one the database treats as the system (migrations/0016), which reads every row.
    /// </summary>
    public static readonly DatabaseLogin Jobs = new("hotspotintel_jobs", "HotspotIntelJobs", "Database:JobsRolePassword");

    /// <summary>
    /// The login each API instance reads its copy of the link network on (migrations/0074): every entity's id, agency
    /// and handling code and every link end, nothing else, and no writes.
    /// </summary>
    public static readonly DatabaseLogin NetworkCopy = new("hotspotintel_network", "HotspotIntelNetwork", "Database:NetworkRolePassword");

    /// <summary>Optional: a streaming replica of the database, with the application role's login, for the reads that may go there (<see cref="ReadReplica"/>).</summary>
    public const string ReplicaConnectionName = "HotspotIntelReplica";

    /// <summary>The database as the request's user: the <see cref="AccessSession"/> comes from the validated token.</summary>
    public static void AddHotspotIntelDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");
        builder.Services.AddScoped(services => services.GetRequiredService<CurrentUser>().Session);
        builder.Services.AddHotspotIntelDatabase(connectionString);
        if (builder.Configuration.GetConnectionString(ReplicaConnectionName) is { Length: > 0 } replica)
        {
            builder.Services.AddSingleton(services => new ReadReplica(
                new NpgsqlDataSourceBuilder(replica).UseNetTopologySuite().Build(), services.GetRequiredService<TimeProvider>()));
        }
    }

    /// <summary>The passwords configured for the logins migrations create, by login, for <see cref="DatabaseMigrator.Migrate"/>.</summary>
    public static Dictionary<string, string> RolePasswords(IConfiguration configuration)
    {
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (login, key) in new[] { ("hotspotintel_app", AppRolePasswordKey), (Jobs.Login, Jobs.PasswordKey), (NetworkCopy.Login, NetworkCopy.PasswordKey) })
        {
            if (configuration[key] is { Length: > 0 } password)
            {
                passwords[login] = password;
            }
        }

        return passwords;
    }

    /// <summary>
    /// One Npgsql data source (for COPY and hand-written PostGIS SQL) and the DbContext over it, acting as the scope's
    /// <see cref="AccessSession"/>, which the caller registers. The DbContext connects where the scope's
    /// <see cref="DatabaseRoute"/> says: the primary, or the replica for a request that may read there.
    /// </summary>
    public static IServiceCollection AddHotspotIntelDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build());
        services.AddScoped<DatabaseRoute>();
        services.AddDbContext<HotspotIntelDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<DatabaseRoute>().DataSource, npgsql => npgsql.UseNetTopologySuite())
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new AccessSessionInterceptor(provider.GetRequiredService<AccessSession>)));
        return services;
    }

    /// <summary>Applies migrations at start-up when the schema owner's connection is configured.</summary>
    public static void MigrateIfConfigured(this WebApplication app)
    {
        if (app.Configuration.GetConnectionString(AdminConnectionName) is { } admin && app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            DatabaseMigrator.Migrate(admin, quiet: true, RolePasswords(app.Configuration));
        }
    }
}
