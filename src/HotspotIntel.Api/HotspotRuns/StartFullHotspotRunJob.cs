using Hangfire;
using HotspotIntel.Api.Data;
using HotspotIntel.Core.Hotspots;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// The nightly full run (<see cref="HotspotOptions.FullRunCron"/>): records a run with the configured parameters and
/// enqueues <see cref="RunHotspotAnalysisJob"/> to carry it out, so that every run, scheduled or asked for, is carried
/// out by the one job and followed the same way.
/// </summary>
public sealed class StartFullHotspotRunJob(SystemDatabase database, TimeProvider time, IOptions<HotspotOptions> options, IBackgroundJobClient jobs)
{
    /// <summary>The recurring job's id in Hangfire.</summary>
    public const string Id = "run-full-hotspot-analysis";

    /// <summary>Returns the id of the run it recorded.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<Guid> RunAsync(CancellationToken cancellationToken)
    {
        var parameters = options.Value.Parameters;
        var run = new HotspotRun
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Kind = HotspotRunKind.Full,
            Method = parameters.Method,
            Parameters = HotspotParametersJson.Write(parameters),
            Status = HotspotRunStatus.Queued,
            RequestedBy = AccessSession.System.UserId,
            RequestedAt = time.GetUtcNow(),
        };
        await using (var db = database.CreateContext())
        {
            db.HotspotRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }

        jobs.Enqueue<RunHotspotAnalysisJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        return run.Id;
    }
}
