using HotspotIntel.Api.Client;
using HotspotIntel.Api.Imports;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Json;
using HotspotIntel.Api.Records;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Infrastructure;

internal static class HotspotIntelHosting
{
    /// <summary>Everything the API needs, in one place: database, JSON, errors, OpenAPI, limits and the partnership's policy.</summary>
    public static void AddHotspotIntel(this WebApplicationBuilder builder)
    {
        builder.AddHotspotIntelAuth();
        builder.AddHotspotIntelHardening();
        builder.AddHotspotIntelDatabase();
        builder.Services.AddHotspotIntelRecording(builder.Configuration);
        builder.Services.AddHotspotIntelJson();
        builder.Services.AddHotspotIntelProblemDetails();
        builder.Services.AddHotspotIntelOpenApi();
        builder.Services.AddHotspotIntelReadiness();
        builder.Services.AddOptions<HotspotRuns.HotspotOptions>().Bind(builder.Configuration.GetSection(HotspotRuns.HotspotOptions.Section))
            .Validate(hotspots => hotspots.Parameters.Problems().Count == 0, "Hotspots:Parameters has an invalid value.")
            .Validate(hotspots => hotspots.PrivacyFloors.Breaches(hotspots.Parameters).Count == 0,
                "Hotspots:Parameters go below Hotspots:PrivacyFloors: scheduled runs publish with them, and a run below the floors may never be published.")
            .Validate(hotspots => hotspots.IncrementalDelaySeconds is >= 0 and <= 86400, "Hotspots:IncrementalDelaySeconds must be 0 to 86400.")
            .Validate(hotspots => hotspots.RequestedRunRetrySeconds is >= 1 and <= 3600, "Hotspots:RequestedRunRetrySeconds must be 1 to 3600.")
            .ValidateOnStart();
        builder.Services.AddOptions<Network.DerivedLinkOptions>().Bind(builder.Configuration.GetSection(Network.DerivedLinkOptions.Section))
            .Validate(derived => derived.IsValid, "DerivedLinks:CoLocationMeters must be 0 to 5000 and DerivedLinks:CoLocationMinutes 0 to 1440.")
            .ValidateOnStart();
        builder.Services.AddScoped<IdempotencyKeys>();
        builder.Services.AddScoped<Audit.AuditLog>();
        builder.Services.AddOptions<Audit.AuditSealingOptions>().Bind(builder.Configuration.GetSection(Audit.AuditSealingOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Audit.AuditSealingOptions>, Audit.AuditSealingOptions.Validation>();
        builder.Services.AddSingleton<Audit.AuditCheckpoints>();
        builder.Services.AddSingleton<Audit.AuditVerifier>();
        builder.Services.AddSingleton(services => new Data.SystemDatabase(DatabaseSetup.Jobs.ConnectionString(services.GetRequiredService<IConfiguration>())));
        // This instance's copy of the link network, read on its own login as an API instance starts (or on first use)
        // and brought up to date before each question.
        builder.Services.AddSingleton(services => new Network.NetworkIndex(
            Npgsql.NpgsqlDataSource.Create(DatabaseSetup.NetworkCopy.ConnectionString(services.GetRequiredService<IConfiguration>())),
            services.GetRequiredService<ILogger<Network.NetworkIndex>>()));
        if (ServesApi(builder.Configuration) && builder.Configuration.GetValue(Network.NetworkIndexWarmUp.Setting, true))
        {
            builder.Services.AddHostedService<Network.NetworkIndexWarmUp>();
        }

        builder.AddHotspotIntelJobs();
        if (!ServesApi(builder.Configuration) && !builder.Configuration.GetValue("Hangfire:ServerEnabled", true))
        {
            throw new InvalidOperationException("Hosting:ServeApi=false makes an instance a worker, which needs Hangfire:ServerEnabled=true.");
        }

        builder.AddMapClient();
        // JSON bodies are small; bulk imports raise their own limit (RequestSizeLimitAttribute), and UseRequestBodyLimit refuses either.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.JsonBodyBytes);
    }

    /// <summary>
    /// The partnership's policy and the services that record data: what the API and the <c>import</c> verb share, so
    /// that an import from the command line runs the same code as one over HTTP. Each registers its own database identity.
    /// </summary>
    public static IServiceCollection AddHotspotIntelRecording(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PartnershipOptions>().Bind(configuration.GetSection(PartnershipOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<RecordingContext>();
        services.AddScoped<RecordChanges>();
        services.AddScoped<Importer>();
        return services;
    }

    /// <summary>
    /// Whether this instance serves the API and the map client (<c>Hosting:ServeApi</c>, default true). A worker
    /// (false) runs only the background jobs, beside API instances that run none (<c>Hangfire:ServerEnabled=false</c>).
    /// </summary>
    public static bool ServesApi(this WebApplication app) => ServesApi(app.Configuration);

    private static bool ServesApi(IConfiguration configuration) => configuration.GetValue("Hosting:ServeApi", true);

    /// <summary>Security headers, error handling, the OpenAPI document and Swagger UI at <c>/swagger</c>, per-user rate limits, and the health checks.</summary>
    public static void UseHotspotIntel(this WebApplication app)
    {
        app.MigrateIfConfigured();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestTargetChecks();
        app.UseRequestBodyLimit();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "HotspotIntel API");
            ui.DocumentTitle = "HotspotIntel API";
        });
        app.UseMapClientFiles();
        app.UseAuthentication();
        app.UsePerUserRateLimit();
        app.UseAuthorization();
        app.UseReplicaReads();
        app.UseHotspotIntelJobs();
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).WithName("Health").WithSummary("Liveness.").WithTags("Health").AllowAnonymous();
        app.MapHotspotIntelReadiness();
    }
}
