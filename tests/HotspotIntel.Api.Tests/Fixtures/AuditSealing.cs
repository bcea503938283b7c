using HotspotIntel.Api.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>Runs the audit sealing job as Hangfire would: tests run jobs themselves.</summary>
public static class AuditSealing
{
    /// <summary>Seals every audit entry not sealed yet and writes a checkpoint; returns how many it sealed.</summary>
    public static async Task<long> SealAuditLogAsync(this HotspotIntelApplication application)
    {
        await using var scope = application.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SealAuditLogJob>().RunAsync(CancellationToken.None);
    }
}
