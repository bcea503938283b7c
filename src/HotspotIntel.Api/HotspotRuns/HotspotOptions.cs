using HotspotIntel.Analysis;

namespace HotspotIntel.Api.HotspotRuns;

/// <summary>
/// The hotspot engine's settings (configuration section <c>Hotspots</c>): the parameters scheduled runs use and
/// analysts' runs start from, when the full run is scheduled, and how long new reports wait for an incremental run.
/// </summary>
public sealed class HotspotOptions
{
    public const string Section = "Hotspots";

    /// <summary>Method, grid, eps and min points, half-life, confidence, overlap threshold and the rest (Method by name: GiStar, KernelDensity, Dbscan, LocalExcess).</summary>
    public HotspotParameters Parameters { get; set; } = new();

    /// <summary>The finest parameters a published run may have (<see cref="HotspotPrivacyFloors"/>).</summary>
    public HotspotPrivacyFloors PrivacyFloors { get; set; } = new();

    /// <summary>When the full run happens (Hangfire cron, UTC); nightly at 02:00 by default.</summary>
    public string FullRunCron { get; set; } = "0 2 * * *";

    /// <summary>Whether a server starting on a database where no run has succeeded yet starts a full run at once (benchmarks turn it off to time their own).</summary>
    public bool FullRunWhenNoneSucceeded { get; set; } = true;

    /// <summary>
    /// How long after a new report or import the incremental run starts: reports arriving meanwhile join the same run,
    /// so a busy evening or a large import makes one run, not one per report.
    /// </summary>
    public int IncrementalDelaySeconds { get; set; } = 120;

    /// <summary>How long an analyst's run waits, queued, before trying again when another run is in progress.</summary>
    public int RequestedRunRetrySeconds { get; set; } = 30;

    /// <summary>When runs left running by a server that stopped are marked failed (Hangfire cron, UTC); every minute by default.</summary>
    public string AbandonedRunSweepCron { get; set; } = "* * * * *";
}
