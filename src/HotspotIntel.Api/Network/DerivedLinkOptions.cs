namespace HotspotIntel.Api.Network;

/// <summary>
/// How links are derived from reports (configuration section <c>DerivedLinks</c>): the distance and time within which
/// two entities named in different reports count as seen together, and when the passes run. Changing the distance or
/// the time makes the next pass derive every link again.
/// </summary>
public sealed class DerivedLinkOptions
{
    public const string Section = "DerivedLinks";

    /// <summary>Two sightings at most this far apart (metres, on the sphere) may make a co-location link; 0 to 5000.</summary>
    public double CoLocationMeters { get; set; } = 100;

    /// <summary>Two sightings at most this far apart in time (minutes) may make a co-location link; 0 to 1440.</summary>
    public double CoLocationMinutes { get; set; } = 30;

    /// <summary>When the incremental pass runs (Hangfire cron, UTC): the reports changed since the last pass. Every two minutes by default.</summary>
    public string IncrementalCron { get; set; } = "*/2 * * * *";

    /// <summary>When every link is derived again from every report (Hangfire cron, UTC); nightly at 03:00 by default.</summary>
    public string FullPassCron { get; set; } = "0 3 * * *";

    public bool IsValid => CoLocationMeters is >= 0 and <= 5000 && CoLocationMinutes is >= 0 and <= 1440;
}
