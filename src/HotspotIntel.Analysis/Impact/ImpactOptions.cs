namespace HotspotIntel.Analysis.Impact;

/// <summary>
/// How impact is judged: the interval's confidence, the fewest reports that make an estimate worth stating, and how
/// wide an interval may be and still say something.
/// </summary>
public sealed record ImpactOptions
{
    /// <summary>Confidence of every interval, in percent (90, 95 or 99).</summary>
    public int ConfidencePercent { get; init; } = 95;

    /// <summary>
    /// Fewest reports the comparison area must hold in each window, and the target and the ring in both windows
    /// together, for an estimate to be stated at all (below it: <see cref="ImpactVerdict.InsufficientData"/>).
    /// </summary>
    /// <remarks>
    /// The comparison is the baseline of the trend, so each of its windows needs reports; the target and the ring may
    /// fall to none after an action, which is the hoped-for result, not a lack of data. 10 reports give a log-rate
    /// standard error near 1/√10 ≈ 0.32 per window: below that no change short of total could be told from chance.
    /// </remarks>
    public int MinimumReports { get; init; } = 10;

    /// <summary>
    /// An interval that includes no change and whose upper bound is more than this many times its lower bound says
    /// nothing (<see cref="ImpactVerdict.TooUncertain"/>): at 4, an interval that allows both halving and doubling.
    /// </summary>
    public double WidestInformativeRatio { get; init; } = 4;

    /// <summary>The problems with these options, each naming the option (camelCase, as in JSON); none when valid.</summary>
    public IReadOnlyList<(string Option, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        if (ConfidencePercent is not (90 or 95 or 99))
        {
            problems.Add(("confidencePercent", "Must be 90, 95 or 99."));
        }

        if (MinimumReports is < 1 or > 100_000)
        {
            problems.Add(("minimumReports", "Must be from 1 to 100000."));
        }

        if (!double.IsFinite(WidestInformativeRatio) || WidestInformativeRatio <= 1 || WidestInformativeRatio > 1000)
        {
            problems.Add(("widestInformativeRatio", "Must be above 1 and at most 1000."));
        }

        return problems;
    }
}
