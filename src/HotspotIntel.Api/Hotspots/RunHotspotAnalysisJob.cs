using Hangfire;
using HotspotIntel.Analysis;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Tiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotspotIntel.Api.Hotspots;

/// <summary>
/// Carries out one hotspot run, as <see cref="AccessSession.System"/>: reads every report (in British National Grid),
/// runs <see cref="HotspotPipeline"/>, carries identities over from the previous run, and commits all hotspots, their
/// history and lineage and the run's record in one transaction, so readers see the previous run until this one commits.
/// </summary>
/// <remarks>
/// Safe on several servers: the transaction first takes <c>pg_try_advisory_xact_lock</c> on <see cref="LockKey"/>; a
/// run that cannot is recorded as skipped (the one holding it reads the same data), and an incremental one asks for
/// another incremental run so later reports are not missed. Retry-safe: a run is claimed (queued or failed to running)
/// in one statement, so a run already running, succeeded or skipped is left as it is; a failed one runs again from the
/// start, and nothing of a failed attempt was committed.
/// </remarks>
public sealed class RunHotspotAnalysisJob(
    SystemDatabase database, TimeProvider time, IOptions<HotspotOptions> options, HotspotRunRequests requests, ReportSnapshotCache snapshots,
    ILogger<RunHotspotAnalysisJob> logger)
{
    /// <summary>The recurring full run's id in Hangfire.</summary>
    public const string FullRunId = "run-full-hotspot-analysis";

    /// <summary>How long one statement of a run may take: a regional run reads a million reports in one query.</summary>
    public const int CommandTimeoutSeconds = 600;

    /// <summary>A run still marked running this long after it started was left by a server that stopped; it may be claimed again.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(30);

    /// <summary>The advisory lock every run holds while it executes: "Hotspot" in ASCII.</summary>
    public const long LockKey = 0x486F7473706F74;

    /// <summary>The scheduled full run: records a run with the configured parameters and carries it out.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<Guid> RunFullAsync(CancellationToken cancellationToken)
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

        await RunAsync(run.Id, cancellationToken);
        return run.Id;
    }

    /// <summary>
    /// A full run now when no run has ever succeeded, so a new installation (or a freshly loaded city) shows hotspots
    /// before the first nightly run. Every server asks at start; after the first run succeeds the others do nothing.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<Guid?> RunFirstFullAsync(CancellationToken cancellationToken)
    {
        await using (var db = database.CreateContext())
        {
            if (await db.HotspotRuns.AnyAsync(r => r.Status == HotspotRunStatus.Succeeded, cancellationToken))
            {
                // A database migrated to the report density has its hotspots but not yet the counts city-wide tiles use.
                if (!await ReportDensity.ExistAsync(database, cancellationToken))
                {
                    await RefreshDensityAsync(cancellationToken);
                }

                return null;
            }
        }

        return await RunFullAsync(cancellationToken);
    }

    /// <summary>Carries out the queued run <paramref name="runId"/>; returns its status afterwards.</summary>
    [AutomaticRetry(Attempts = 2)]
    public async Task<HotspotRunStatus?> RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        // Claimed in one statement, so two executions of the same job (a retry racing a slow first attempt) never
        // both carry it out; a run left running by a crashed server is claimable again after a while.
        var startedAt = time.GetUtcNow();
        var abandonedBefore = startedAt - AbandonedAfter;
        var claimed = await db.HotspotRuns
            .Where(r => r.Id == runId && (r.Status == HotspotRunStatus.Queued || r.Status == HotspotRunStatus.Failed
                || (r.Status == HotspotRunStatus.Running && r.StartedAt < abandonedBefore)))
            .ExecuteUpdateAsync(update => update
                .SetProperty(r => r.Status, HotspotRunStatus.Running)
                .SetProperty(r => r.StartedAt, startedAt)
                .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.Error, (string?)null), cancellationToken);
        var run = await db.HotspotRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (claimed == 0 || run is null)
        {
            return run?.Status;
        }

        try
        {
            await ExecuteAsync(db, run, cancellationToken);
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "Hotspot run {RunId} failed", runId);
            await RecordFailureAsync(runId, startedAt, failure);
            throw;
        }

        if (run.Status == HotspotRunStatus.Succeeded)
        {
            await RefreshDensityAsync(cancellationToken);
        }

        return run.Status;
    }

    /// <summary>
    /// Recounts the report density for city-wide tiles after the run that saw the same reports. A failure is logged, not
    /// the run's: tiles keep the previous counts, and the next run tries again.
    /// </summary>
    private async Task RefreshDensityAsync(CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await ReportDensity.RefreshAsync(database, cancellationToken);
            logger.LogInformation("Report density for city-wide tiles recounted in {Seconds:F1} s", watch.Elapsed.TotalSeconds);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "Recounting the report density for city-wide tiles failed");
        }
    }

    private async Task ExecuteAsync(HotspotIntelDbContext db, HotspotRun run, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(CommandTimeoutSeconds);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var sql = (NpgsqlTransaction)transaction.GetDbTransaction();
        if (!await TryLockAsync(connection, sql, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            await SkipAsync(db, run, "Another hotspot run was in progress; it reads the same reports.", cancellationToken);
            if (run.Kind == HotspotRunKind.Incremental)
            {
                // Reports saved while the other run was reading may not be in it.
                await requests.RequestIncrementalRunAsync(db, cancellationToken);
            }

            return;
        }

        // Measured once, inside the run's transaction: what an incremental run compares with the last run and with its cache.
        var incremental = run.Kind == HotspotRunKind.Incremental;
        var (reportCount, watermark) = incremental ? await ReportSnapshot.MeasureAsync(connection, sql, cancellationToken) : default;
        if (incremental && await UnchangedSinceAsync(db, reportCount, watermark, cancellationToken) is { } unchangedSince)
        {
            await transaction.RollbackAsync(cancellationToken);
            await SkipAsync(db, run, $"No report changed since run {unchangedSince}.", cancellationToken);
            return;
        }

        var parameters = HotspotParametersJson.Read(run.Parameters);
        var phase = System.Diagnostics.Stopwatch.StartNew();
        // A full run reads everything, so that whatever a cached copy might have missed is put right nightly.
        var changesOnly = incremental && snapshots.Latest is { } cached
            ? await ReportSnapshot.LoadChangesAsync(connection, sql, cached, reportCount, cancellationToken)
            : null;
        var snapshot = changesOnly ?? await ReportSnapshot.LoadAsync(connection, sql, cancellationToken);
        var loading = phase.Elapsed;
        var analysis = HotspotPipeline.Run(snapshot.Reports, parameters, run.StartedAt!.Value);
        var analysing = phase.Elapsed - loading;
        var (_, previous) = await PreviousHotspots.LoadAsync(connection, sql, analysis.Grid, cancellationToken);
        var matching = new HotspotIdentityMatcher(parameters.MinimumOverlapShare)
            .Match(previous, [.. analysis.Hotspots.Select(h => (IReadOnlyCollection<HexCell>)h.Area.Cells)]);
        var identified = analysis.Hotspots
            .Select((hotspot, i) => new HotspotRunWriter.Identified(matching.KeptIds[i] ?? Guid.CreateVersion7(run.StartedAt.Value), hotspot))
            .ToList();
        var lineage = matching.Splits
            .SelectMany(split => split.Into.Select(i => Lineage(run, HotspotLineageKind.Split, split.PreviousId, identified[i].Id)))
            .Concat(matching.Merges.SelectMany(merge => merge.PreviousIds.Select(from => Lineage(run, HotspotLineageKind.Merge, from, identified[merge.Into].Id))))
            .ToList();
        await HotspotRunWriter.WriteAsync(connection, sql, run, parameters, snapshot, identified, lineage, cancellationToken);
        var writing = phase.Elapsed - loading - analysing;

        var finished = time.GetUtcNow();
        run.Status = HotspotRunStatus.Succeeded;
        run.FinishedAt = finished;
        run.DurationSeconds = (finished - run.StartedAt.Value).TotalSeconds;
        run.DataWatermark = snapshot.Watermark;
        run.ReportCount = snapshot.Reports.Count;
        run.HotspotCount = identified.Count;
        run.NewCount = matching.KeptIds.Count(id => id is null);
        run.GoneCount = matching.Gone.Count;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        snapshots.Latest = snapshot;
        logger.LogInformation(
            "Hotspot run {RunId} found {Hotspots} hotspots in {Reports} reports in {Seconds:F1} s (reading {Reading:F1} s{ChangesOnly}, analysing {Analysing:F1} s, matching and writing {Writing:F1} s)",
            run.Id, run.HotspotCount, run.ReportCount, run.DurationSeconds, loading.TotalSeconds, changesOnly is null ? "" : " of changes only",
            analysing.TotalSeconds, writing.TotalSeconds);
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1)", connection, transaction) { Parameters = { new() { Value = LockKey } } };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The latest succeeded run when it saw exactly the reports there are now (same count, same latest change), else null.</summary>
    private static async Task<Guid?> UnchangedSinceAsync(HotspotIntelDbContext db, int reportCount, DateTimeOffset? watermark, CancellationToken cancellationToken)
    {
        var latest = await HotspotRunQueries.SucceededNewestFirst(db).FirstOrDefaultAsync(cancellationToken);
        return latest is not null && reportCount == latest.ReportCount && watermark == latest.DataWatermark ? latest.Id : null;
    }

    private async Task SkipAsync(HotspotIntelDbContext db, HotspotRun run, string reason, CancellationToken cancellationToken)
    {
        var finished = time.GetUtcNow();
        run.Status = HotspotRunStatus.Skipped;
        run.FinishedAt = finished;
        run.DurationSeconds = (finished - run.StartedAt!.Value).TotalSeconds;
        run.Error = reason;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Hotspot run {RunId} skipped: {Reason}", run.Id, reason);
    }

    /// <summary>On a fresh connection: the run's own transaction is rolled back and its connection may be broken.</summary>
    private async Task RecordFailureAsync(Guid runId, DateTimeOffset startedAt, Exception failure)
    {
        var finished = time.GetUtcNow();
        var error = failure.Message.Length > 4000 ? failure.Message[..4000] : failure.Message;
        await using var db = database.CreateContext();
        await db.HotspotRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(update => update
            .SetProperty(r => r.Status, HotspotRunStatus.Failed)
            .SetProperty(r => r.FinishedAt, finished)
            .SetProperty(r => r.DurationSeconds, (finished - startedAt).TotalSeconds)
            .SetProperty(r => r.Error, error));
    }

    private static HotspotLineage Lineage(HotspotRun run, HotspotLineageKind kind, Guid from, Guid to) =>
        new() { RunId = run.Id, Kind = kind, FromHotspotId = from, ToHotspotId = to };
}
