using HotspotIntel.Api.Common;
using HotspotIntel.Api.Imports;

namespace HotspotIntel.Api.Infrastructure;

internal static class HotspotIntelHosting
{
    /// <summary>Everything the API needs, in one place: database, JSON, errors, OpenAPI, limits and the partnership's policy.</summary>
    public static void AddHotspotIntel(this WebApplicationBuilder builder)
    {
        builder.Services.AddHotspotIntelRecording(builder.Configuration);
        builder.Services.AddHotspotIntelJson();
        builder.Services.AddHotspotIntelProblemDetails();
        builder.Services.AddHotspotIntelOpenApi();
        builder.Services.AddScoped<IdempotencyKeys>();
        // JSON bodies are small; bulk imports raise their own limit.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.JsonBodyBytes);
    }

    /// <summary>
    /// The database, the partnership's policy and the services that record data: what the API and the command-line
    /// verbs share, so that an import from the command line runs the same code as one over HTTP.
    /// </summary>
    public static IServiceCollection AddHotspotIntelRecording(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHotspotIntelDatabase(configuration);
        services.AddOptions<PartnershipOptions>().Bind(configuration.GetSection(PartnershipOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<RecordingContext>();
        services.AddScoped<Importer>();
        return services;
    }

    /// <summary>Error handling, the OpenAPI document and Swagger UI at <c>/swagger</c>, and the health check.</summary>
    public static void UseHotspotIntel(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            Data.DatabaseMigrator.Migrate(app.Configuration.GetConnectionString(DatabaseSetup.ConnectionName)!, quiet: true);
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "HotspotIntel API");
            ui.DocumentTitle = "HotspotIntel API";
        });
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).WithName("Health").WithSummary("Liveness.").WithTags("Health");
    }
}
