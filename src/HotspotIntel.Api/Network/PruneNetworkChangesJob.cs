using Hangfire;
using HotspotIntel.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Deletes the link network's change log (<c>network_changes</c>) older than <c>Network:ChangesKeptDays</c> (default 7),
/// as the system, daily (<c>Network:ChangesPruneCron</c>): each instance's copy reads the log before every question, and
/// an instance that last looked before what was deleted reads the whole network again (migration 0064).
/// </summary>
public sealed class PruneNetworkChangesJob(SystemDatabase database, IConfiguration configuration, ILogger<PruneNetworkChangesJob> logger)
{
    public const string Id = "prune-network-changes";

    public const int DefaultKeptDays = 7;

    [AutomaticRetry(Attempts = 0)]
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var kept = TimeSpan.FromDays(configuration.GetValue("Network:ChangesKeptDays", DefaultKeptDays));
        await using var db = database.CreateContext();
        var pruned = await db.Database.SqlQuery<long>($"SELECT prune_network_changes({kept}) AS \"Value\"").SingleAsync(cancellationToken);
        logger.LogInformation("Pruned {Changes} network changes older than {Days} days", pruned, kept.TotalDays);
        return pruned;
    }
}
