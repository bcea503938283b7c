using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// Readiness (<c>/health/ready</c>, for a load balancer or orchestrator): 200 when the database answers and Hangfire's job
/// storage can be read, 503 otherwise, naming each check's state and nothing of the failure. Liveness (<c>/health</c>)
/// stays a bare 200: a process that cannot reach its database is alive and recovers by itself when the database is back.
/// </summary>
internal static class ReadinessChecks
{
    public const string Route = "/health/ready";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static void AddHotspotIntelReadiness(this IServiceCollection services) => services.AddHealthChecks()
        .AddNpgSql(name: "database", timeout: CheckTimeout)
        .AddCheck<JobStorageCheck>("jobStorage", timeout: CheckTimeout);

    public static void MapHotspotIntelReadiness(this WebApplication app) => app.MapHealthChecks(Route, new HealthCheckOptions
    {
        ResponseWriter = (context, report) =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(entry => entry.Key, entry => entry.Value.Status.ToString()),
            }));
        },
    }).WithName("Readiness").WithSummary("Readiness: the database and the job storage answer.").WithTags("Health").AllowAnonymous();

    /// <summary>Reads Hangfire's storage; the storage is resolved here, as building it reaches the database.</summary>
    private sealed class JobStorageCheck(IServiceProvider services) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                // Hangfire's storage API is synchronous.
                await Task.Run(() => services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers(), cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("Hangfire's job storage cannot be read.", failure);
            }
        }
    }
}
