using HotspotIntel.Api.Common;
using HotspotIntel.Api.Infrastructure.Auth;

namespace HotspotIntel.Api.Infrastructure;

internal static class HotspotIntelHosting
{
    /// <summary>Everything the API needs, in one place: database, JSON, errors, OpenAPI, limits and the partnership's policy.</summary>
    public static void AddHotspotIntel(this WebApplicationBuilder builder)
    {
        builder.AddHotspotIntelAuth();
        builder.AddHotspotIntelDatabase();
        builder.Services.AddHotspotIntelJson();
        builder.Services.AddHotspotIntelProblemDetails();
        builder.Services.AddHotspotIntelOpenApi();
        builder.Services.AddOptions<PartnershipOptions>().Bind(builder.Configuration.GetSection(PartnershipOptions.Section));
        builder.Services.AddOptions<Hotspots.HotspotOptions>().Bind(builder.Configuration.GetSection(Hotspots.HotspotOptions.Section))
            .Validate(hotspots => hotspots.Parameters.Problems().Count == 0, "Hotspots:Parameters has an invalid value.")
            .Validate(hotspots => hotspots.IncrementalDelaySeconds is >= 0 and <= 86400, "Hotspots:IncrementalDelaySeconds must be 0 to 86400.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<RecordingContext>();
        builder.Services.AddScoped<IdempotencyKeys>();
        builder.Services.AddScoped<Audit.AuditLog>();
        builder.Services.AddSingleton<Data.SystemDatabase>();
        builder.AddHotspotIntelJobs();
        // JSON bodies are small; bulk imports raise their own limit.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.JsonBodyBytes);
    }

    /// <summary>Error handling, the OpenAPI document and Swagger UI at <c>/swagger</c>, and the health check.</summary>
    public static void UseHotspotIntel(this WebApplication app)
    {
        app.MigrateIfConfigured();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint("/openapi/v1.json", "HotspotIntel API");
            ui.DocumentTitle = "HotspotIntel API";
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseHotspotIntelJobs();
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).WithName("Health").WithSummary("Liveness.").WithTags("Health").AllowAnonymous();
    }
}
