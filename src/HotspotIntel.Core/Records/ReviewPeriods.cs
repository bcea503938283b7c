namespace HotspotIntel.Core.Records;

/// <summary>
/// How long a record may be held before it must be reviewed, in days, by kind of record.
/// In the spirit of the Management of Police Information (MoPI) review groups; each partnership sets its own.
/// </summary>
public sealed class ReviewPeriods
{
    /// <summary>Intelligence reports about children at risk: MoPI group 2-like, reviewed every 6 years by default.</summary>
    public int IntelligenceReportDays { get; set; } = 6 * 365;

    /// <summary>Persons, premises, locations, vehicles and links.</summary>
    public int EntityDays { get; set; } = 6 * 365;

    /// <summary>Missing episodes.</summary>
    public int MissingEpisodeDays { get; set; } = 6 * 365;

    /// <summary>The review date of a record of the given kind recorded on <paramref name="recordedOn"/>.</summary>
    public static DateOnly ReviewDate(DateOnly recordedOn, int periodDays) => recordedOn.AddDays(periodDays);
}
