using System.Buffers.Binary;
using Hangfire;
using HotspotIntel.Analysis;
using HotspotIntel.Api.Data;
using HotspotIntel.Core.Hotspots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// Carries out one hotspot run, as <see cref="AccessSession.System"/>: reads every report (in British National Grid),
/// runs <see cref="HotspotPipeline"/>, carries identities over from the previous run, and commits all hotspots, their
/// history and lineage and the run's record in one transaction, so readers see the previous run until this one commits.
/// </summary>
/// <remarks>
/// A run's sign of life is a session-level advisory lock on <see cref="RunLockKey"/>, held on the job's connection for
/// as long as the run is carried out: PostgreSQL drops it when that connection ends, however the server holding it
/// stopped. So a run marked running whose lock is free was left by a server that stopped: a retry of its job carries
/// it out again, and <see cref="FailAbandonedHotspotRunsJob"/> marks it failed if no job comes back for it. Two
/// executions of one run never overlap: the second finds the lock held and leaves the run to the first.
/// Safe on several servers: only one run is carried out at a time, under the session-level lock <see cref="LockKey"/>.
/// A scheduled or incremental run that cannot take it is recorded as skipped (the one holding it reads the same data;
/// an incremental one asks for another incremental run so later reports are not missed); an analyst's run stays queued
/// and its job comes back <see cref="HotspotOptions.RequestedRunRetrySeconds"/> later. A failed run runs again from the
/// start when its job is retried, and nothing of a failed attempt was committed.
/// </remarks>
public sealed class RunHotspotAnalysisJob(
    SystemDatabase database, TimeProvider time, IOptions<HotspotOptions> options, IncrementalHotspotRuns incrementalRuns, ReportSnapshotCache snapshots,
    IBackgroundJobClient jobs, ILogger<RunHotspotAnalysisJob> logger)
{
    /// <summary>How long one statement of a run may take: a regional run reads a million reports in one query.</summary>
    public const int CommandTimeoutSeconds = 600;

    /// <summary>The advisory lock a run holds while it executes, so that one runs at a time: "Hotspot" in ASCII.</summary>
    public const long LockKey = 0x486F7473706F74;

    /// <summary>How long a failure is retried for before it is left to the next retry of the job or to the sweep.</summary>
    public static readonly TimeSpan FailureRecordingPatience = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The advisory lock that shows the run <paramref name="runId"/> is being carried out: the last 8 bytes of its id,
    /// random in a version 7 UUID.
    /// </summary>
    public static long RunLockKey(Guid runId) => BinaryPrimitives.ReadInt64BigEndian(runId.ToByteArray(bigEndian: true).AsSpan(8));

    /// <summary>Carries out the run <paramref name="runId"/> unless it is finished or being carried out; returns its status afterwards.</summary>
    [AutomaticRetry(Attempts = 2)]
    public async Task<HotspotRunStatus?> RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        db.Database.SetCommandTimeout(CommandTimeoutSeconds);
        // One connection for the whole run: the session-level locks live exactly as long as it does.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        HotspotRunStatus outcome;
        try
        {
            if (!await SessionLocks.TryTakeAsync(connection, RunLockKey(runId), cancellationToken))
            {
                return await db.HotspotRuns.Where(r => r.Id == runId).Select(r => (HotspotRunStatus?)r.Status).SingleOrDefaultAsync(cancellationToken);
            }

            // Queued, failed (a retry), or running with its lock free: left by a server that stopped. Carried out again.
            var run = await db.HotspotRuns.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (run is null || run.Status is HotspotRunStatus.Succeeded or HotspotRunStatus.Skipped)
            {
                return run?.Status;
            }

            if (!await SessionLocks.TryTakeAsync(connection, LockKey, cancellationToken))
            {
                await WaitOrSkipAsync(db, run, cancellationToken);
                return run.Status;
            }

            // PostgreSQL keeps microseconds: the claim is found again by its start when a failure is recorded.
            var startedAt = time.GetUtcNow();
            startedAt = new DateTimeOffset(startedAt.UtcTicks - startedAt.UtcTicks % 10, TimeSpan.Zero);
            run.Status = HotspotRunStatus.Running;
            run.StartedAt = startedAt;
            if (run.Kind != HotspotRunKind.Requested)
            {
                // Scheduled and incremental runs show the data as it is when they run, not when they were queued.
                run.AsOf = startedAt;
            }

            run.FinishedAt = null;
            run.DurationSeconds = null;
            run.Error = null;
            try
            {
                var phases = new RunPhases();
                await db.SaveChangesAsync(cancellationToken);
                phases.Mark("claiming");
                await ExecuteAsync(db, connection, run, phases, cancellationToken);
            }
            catch (Exception failure)
            {
                logger.LogError(failure, "Hotspot run {RunId} failed", runId);
                await RecordFailureAsync(runId, startedAt, failure);
                throw;
            }

            outcome = run.Status;
        }
        finally
        {
            await SessionLocks.ReleaseAllAsync(connection);
        }

        return outcome;
    }

    /// <summary>
    /// Another run holds <see cref="LockKey"/>. An analyst's run waits for it, queued, its job scheduled again; a
    /// scheduled or incremental run is skipped, since the one holding the lock reads the same reports.
    /// </summary>
    private async Task WaitOrSkipAsync(HotspotIntelDbContext db, HotspotRun run, CancellationToken cancellationToken)
    {
        if (run.Kind == HotspotRunKind.Requested)
        {
            // Scheduled before the run is set back to queued: if saving fails, the scheduled job finds it anyway.
            jobs.Schedule<RunHotspotAnalysisJob>(job => job.RunAsync(run.Id, CancellationToken.None),
                TimeSpan.FromSeconds(options.Value.RequestedRunRetrySeconds));
            run.Status = HotspotRunStatus.Queued;
            run.StartedAt = null;
            run.FinishedAt = null;
            run.Error = null;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Hotspot run {RunId} waits for the run in progress; it tries again in {Seconds} s", run.Id, options.Value.RequestedRunRetrySeconds);
            return;
        }

        run.StartedAt = time.GetUtcNow();
        await SkipAsync(db, run, "Another hotspot run was in progress; it reads the same reports.", cancellationToken);
        if (run.Kind == HotspotRunKind.Incremental)
        {
            // Reports saved while the other run was reading may not be in it.
            await incrementalRuns.RequestAsync(db, cancellationToken);
        }
    }

    private async Task ExecuteAsync(HotspotIntelDbContext db, NpgsqlConnection connection, HotspotRun run, RunPhases phases, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var sql = (NpgsqlTransaction)transaction.GetDbTransaction();
        // Measured once, inside the run's transaction: what an incremental run compares with the last run and with its cache.
        var incremental = run.Kind == HotspotRunKind.Incremental;
        var (reportCount, watermark) = incremental ? await ReportSnapshot.MeasureAsync(connection, sql, cancellationToken) : default;
        if (incremental && await UnchangedSinceAsync(db, reportCount, watermark, cancellationToken) is { } unchangedSince)
        {
            await transaction.RollbackAsync(cancellationToken);
            await SkipAsync(db, run, $"No report changed since run {unchangedSince}.", cancellationToken);
            return;
        }

        phases.Mark("measuring");
        var parameters = HotspotParametersJson.Read(run.Parameters);
        // What the last run on this server read and counted, taken together: another run may replace them meanwhile.
        var (latest, lineMembers) = (snapshots.Latest, snapshots.LineMembers);
        var (cachedRun, cached, cachedCounts) = (latest?.RunId, latest?.Snapshot, latest?.Counts);
        // A full run reads everything, so that whatever a cached copy might have missed is put right nightly.
        var changesOnly = incremental && cached is not null
            ? await ReportSnapshot.LoadChangesAsync(connection, sql, cached, reportCount, cancellationToken)
            : null;
        var snapshot = changesOnly ?? await ReportSnapshot.LoadAsync(connection, sql, cancellationToken);
        phases.Mark(changesOnly is null ? "reading" : "reading changes");
        // Local excess works on the reports counted per cell: brought forward by what changed when this server counted
        // the reports the changes were read against, else counted afresh. Either gives the same analysis.
        LocalExcessCounts? counts = null;
        HotspotMemberSpans.Moved? moved = null;
        if (parameters.Method == HotspotMethod.LocalExcess)
        {
            counts = changesOnly is not null && cachedCounts is not null
                ? cachedCounts.Advance(snapshot.Reports, snapshot.Changes, parameters, run.AsOf)
                : null;
            if (counts is null)
            {
                counts = LocalExcessCounts.Count(snapshot.Reports, parameters, run.AsOf);
                phases.Mark("counting");
            }
            else
            {
                // Where members may have changed since the line's previous run, if that run is the one these counts follow.
                if (lineMembers is not null && lineMembers.RunId == cachedRun)
                {
                    moved = new HotspotMemberSpans.Moved(counts.Moved.ToHashSet(),
                        counts.Moved.SelectMany(i => new[] { cachedCounts!.CellOf(i), counts.CellOf(i) }).OfType<HexCell>().ToHashSet());
                }

                phases.Mark("counting changes");
            }
        }

        var analysis = counts is null ? HotspotPipeline.Run(snapshot.Reports, parameters, run.AsOf) : HotspotPipeline.Run(counts, snapshot.Reports);
        phases.Mark("analysing");
        var (_, previous) = await PreviousHotspots.LoadAsync(connection, sql, analysis.Grid, cancellationToken);
        phases.Mark("previous hotspots");
        var matching = new HotspotIdentityMatcher(parameters.MinimumOverlapShare)
            .Match(previous, [.. analysis.Hotspots.Select(h => (IReadOnlyCollection<HexCell>)h.Area.Cells)]);
        var identified = analysis.Hotspots
            .Select((hotspot, i) => new HotspotRunWriter.Identified(matching.KeptIds[i] ?? Guid.CreateVersion7(run.StartedAt!.Value), hotspot))
            .ToList();
        var lineage = matching.Splits
            .SelectMany(split => split.Into.Select(i => Lineage(run, HotspotLineageKind.Split, split.PreviousId, identified[i].Id)))
            .Concat(matching.Merges.SelectMany(merge => merge.PreviousIds.Select(from => Lineage(run, HotspotLineageKind.Merge, from, identified[merge.Into].Id))))
            .ToList();
        phases.Mark("matching");
        var (written, areas) = await HotspotRunWriter.WriteAsync(connection, sql, run, parameters, snapshot, identified, lineage, lineMembers, moved,
            snapshots.Areas, database.OpenConnectionAsync, phases, cancellationToken);

        var finished = time.GetUtcNow();
        run.Status = HotspotRunStatus.Succeeded;
        run.FinishedAt = finished;
        run.DurationSeconds = (finished - run.StartedAt!.Value).TotalSeconds;
        run.DataWatermark = snapshot.Watermark;
        run.ReportCount = snapshot.Reports.Count;
        run.Warnings = HotspotWarningsJson.Write(analysis.Warnings);
        if (run.Kind != HotspotRunKind.Requested)
        {
            // Scheduled and incremental runs use the configured parameters: what everyone shares. An analyst's is a trial.
            run.PublishedAt = finished;
            run.PublishedBy = AccessSession.System.UserId;
        }

        run.HotspotCount = identified.Count;
        run.NewCount = matching.KeptIds.Count(id => id is null);
        run.GoneCount = matching.Gone.Count;
        await db.SaveChangesAsync(cancellationToken);
        phases.Mark("recording");
        await transaction.CommitAsync(cancellationToken);
        phases.Mark("commit");
        // What the next incremental run starts from is the published line's latest run: an analyst's trial (its own date
        // and parameters) leaves it, or the next incremental run would bring the trial's counts forward to its date and
        // compare every member again.
        if (run.Kind != HotspotRunKind.Requested)
        {
            snapshots.Keep(run.Id, snapshot, counts);
            snapshots.Areas = areas;
            snapshots.LineMembers = written.Open;
        }
        // A run's recorded duration is all of its work, the commit included: recorded again once it is committed. The
        // run has succeeded whatever happens here; if this fails, the duration recorded before the commit stays.
        try
        {
            run.DurationSeconds = (time.GetUtcNow() - run.StartedAt!.Value).TotalSeconds;
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception failure) when (failure is DbUpdateException or NpgsqlException or InvalidOperationException)
        {
            logger.LogWarning(failure, "Hotspot run {RunId} succeeded but its duration with the commit could not be recorded", run.Id);
        }

        phases.Mark("duration recorded");
        logger.LogInformation(
            "Hotspot run {RunId} ({Kind}) found {Hotspots} hotspots in {Reports} reports in {Seconds:F2} s: "
            + "{Added} member rows added, {Closed} closed; {FoundAdded} found-location rows added, {FoundClosed} closed; "
            + "summaries of {Carried} hotspots carried, {Advanced} brought forward and {Summarised} made. Phases, s: {Phases}",
            run.Id, Core.EnumCodes<HotspotRunKind>.ToCode(run.Kind), run.HotspotCount, run.ReportCount, run.DurationSeconds, written.Added, written.Closed,
            written.FoundAdded, written.FoundClosed, written.Carried, written.Advanced, written.Summarised, phases);
    }

    /// <summary>The current run when it saw exactly the reports there are now (same count, same latest change), else null.</summary>
    private static async Task<Guid?> UnchangedSinceAsync(HotspotIntelDbContext db, int reportCount, DateTimeOffset? watermark, CancellationToken cancellationToken)
    {
        var latest = await db.HotspotRuns.Where(run => PublishedHotspotRun.Id(db).Contains(run.Id)).FirstOrDefaultAsync(cancellationToken);
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

    /// <summary>
    /// On a fresh connection (the run's own transaction is rolled back and its connection may be broken), retried with
    /// growing pauses for <see cref="FailureRecordingPatience"/>: the failure may be the database going away, and
    /// recording it then fails too until it is back. Only the attempt that failed is recorded: if another execution
    /// claimed the run meanwhile (its start differs), the run is left to it. If the database never comes back in time,
    /// the run stays marked running with its lock free, for the job's retry or the sweep to find.
    /// </summary>
    private async Task RecordFailureAsync(Guid runId, DateTimeOffset startedAt, Exception failure)
    {
        var error = failure.Message.Length > 4000 ? failure.Message[..4000] : failure.Message;
        var giveUpAt = time.GetUtcNow() + FailureRecordingPatience;
        var pause = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                var finished = time.GetUtcNow();
                await using var db = database.CreateContext();
                await db.HotspotRuns.Where(r => r.Id == runId && r.Status == HotspotRunStatus.Running && r.StartedAt == startedAt)
                    .ExecuteUpdateAsync(update => update
                        .SetProperty(r => r.Status, HotspotRunStatus.Failed)
                        .SetProperty(r => r.FinishedAt, finished)
                        .SetProperty(r => r.DurationSeconds, (finished - startedAt).TotalSeconds)
                        .SetProperty(r => r.Error, error));
                return;
            }
            catch (Exception recording) when (recording is not OperationCanceledException)
            {
                if (time.GetUtcNow() + pause > giveUpAt)
                {
                    logger.LogError(recording, "Could not record the failure of hotspot run {RunId}; the sweep of abandoned runs will", runId);
                    return;
                }

                logger.LogWarning(recording, "Could not record the failure of hotspot run {RunId}; trying again in {Pause}", runId, pause);
                await Task.Delay(pause, time);
                pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 30));
            }
        }
    }

    private static HotspotLineage Lineage(HotspotRun run, HotspotLineageKind kind, Guid from, Guid to) =>
        new() { RunId = run.Id, Kind = kind, FromHotspotId = from, ToHotspotId = to };
}
