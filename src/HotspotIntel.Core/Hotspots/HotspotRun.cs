
namespace HotspotIntel.Core.Hotspots;

/// <summary>
/// One hotspot analysis run: what asked for it, the method and parameters it used, the data it saw (watermark and
/// report count), what it found, how long it took and how it ended.
/// </summary>
public sealed class HotspotRun
{
    /// <summary>Identity (UUID v7, so runs sort by when they were asked for).</summary>
    public Guid Id { get; set; }

    /// <summary>What asked for it.</summary>
    public HotspotRunKind Kind { get; set; }

    /// <summary>The method it used.</summary>
    public HotspotMethod Method { get; set; }

    /// <summary>The full <c>HotspotParameters</c> the run used, as JSON.</summary>
    public required string Parameters { get; set; }

    /// <summary>Where it is.</summary>
    public HotspotRunStatus Status { get; set; }

    /// <summary>The user who asked for the run, or <c>system</c> for scheduled runs.</summary>
    public required string RequestedBy { get; set; }

    /// <summary>When it was asked for.</summary>
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>
    /// The date it counts from: reports after it are left out and trends end there. An analyst's run is dated as asked
    /// (by default when asked); a scheduled or incremental run when it starts.
    /// </summary>
    public DateTimeOffset AsOf { get; set; }

    /// <summary>What the analysis warned its reader of, as JSON: <c>[{"kind": …, "message": …}]</c>.</summary>
    public string Warnings { get; set; } = "[]";

    /// <summary>When it was last claimed and started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When it succeeded, failed or was skipped.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>From start to finish, seconds.</summary>
    public double? DurationSeconds { get; set; }

    /// <summary>The latest creation or change among the reports the run read.</summary>
    public DateTimeOffset? DataWatermark { get; set; }

    /// <summary>Reports it read.</summary>
    public int? ReportCount { get; set; }

    /// <summary>Hotspots it found.</summary>
    public int? HotspotCount { get; set; }

    /// <summary>Hotspots it found that no earlier run had found.</summary>
    public int? NewCount { get; set; }

    /// <summary>Hotspots of the previous run it no longer found.</summary>
    public int? GoneCount { get; set; }

    /// <summary>When it became the published run that every shared view reads; null for a trial (or a run that did not succeed).</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Who published it: the analyst or supervisor, or <c>system</c> for a scheduled run.</summary>
    public string? PublishedBy { get; set; }

    /// <summary>Why a run failed or was skipped.</summary>
    public string? Error { get; set; }
}

/// <summary>What started a run: the nightly schedule, new reports (debounced), or an analyst.</summary>
public enum HotspotRunKind
{
    /// <summary>The nightly full run, or the first run of a new installation.</summary>
    Full,

    /// <summary>Shortly after reports changed, one run per burst of changes.</summary>
    Incremental,

    /// <summary>An analyst's, with a method and parameters of their choice.</summary>
    Requested,
}

/// <summary>Where a run is: queued, running, then succeeded, failed, or skipped (another run held the lock, or nothing changed).</summary>
public enum HotspotRunStatus
{
    /// <summary>Waiting for its job.</summary>
    Queued,

    /// <summary>Being carried out.</summary>
    Running,

    /// <summary>Committed: its hotspots may be current.</summary>
    Succeeded,

    /// <summary>Ended in an error, or left by a server that stopped.</summary>
    Failed,

    /// <summary>Not carried out: another run was in progress, or nothing changed.</summary>
    Skipped,
}
