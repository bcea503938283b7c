using Hangfire;
using HotspotIntel.Api.Data;
using HotspotIntel.Core.Hotspots;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// A full run at once when no run has ever succeeded, so a new installation (or a freshly loaded city) shows hotspots
/// before the first nightly run. Every server asks at start (<see cref="HotspotOptions.FullRunWhenNoneSucceeded"/>);
/// after the first run succeeds the others do nothing.
/// </summary>
public sealed class StartFirstHotspotRunJob(SystemDatabase database, StartFullHotspotRunJob fullRun)
{
    /// <summary>Returns the id of the run it recorded, or null when a run had succeeded already.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<Guid?> RunAsync(CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            if (await db.HotspotRuns.AnyAsync(r => r.Status == HotspotRunStatus.Succeeded, cancellationToken))
            {
                return null;
            }
        }

        return await fullRun.RunAsync(cancellationToken);
    }
}
