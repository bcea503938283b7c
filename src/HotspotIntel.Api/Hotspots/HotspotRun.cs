using HotspotIntel.Analysis;

namespace HotspotIntel.Api.Hotspots;

/// <summary>
/// One hotspot analysis run: what asked for it, the method and parameters it used, the data it saw (watermark and
/// report count), what it found, how long it took and how it ended.
/// </summary>
public sealed class HotspotRun
{
    public Guid Id { get; set; }

    public HotspotRunKind Kind { get; set; }

    public HotspotMethod Method { get; set; }

    /// <summary>The full <c>HotspotParameters</c> the run used, as JSON.</summary>
    public required string Parameters { get; set; }

    public HotspotRunStatus Status { get; set; }

    /// <summary>The user who asked for the run, or <c>system</c> for scheduled runs.</summary>
    public required string RequestedBy { get; set; }

    public DateTimeOffset RequestedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public double? DurationSeconds { get; set; }

    /// <summary>The latest creation or change among the reports the run read.</summary>
    public DateTimeOffset? DataWatermark { get; set; }

    public int? ReportCount { get; set; }

    public int? HotspotCount { get; set; }

    public int? NewCount { get; set; }

    public int? GoneCount { get; set; }

    /// <summary>Why a run failed or was skipped.</summary>
    public string? Error { get; set; }
}

/// <summary>What started a run: the nightly schedule, new reports (debounced), or an analyst.</summary>
public enum HotspotRunKind
{
    Full,
    Incremental,
    Requested,
}

/// <summary>Where a run is: queued, running, then succeeded, failed, or skipped (another run held the lock, or nothing changed).</summary>
public enum HotspotRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
