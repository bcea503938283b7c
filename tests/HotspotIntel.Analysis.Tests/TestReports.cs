using HotspotIntel.Core.Grading;

namespace HotspotIntel.Analysis.Tests;

/// <summary>
/// Hand-made reports for pipeline tests in a 4 km square whose south-west corner is near Birmingham city centre, in
/// British National Grid metres; graded 1A unless a test says otherwise.
/// </summary>
internal static class TestReports
{
    public const double West = 405000;
    public const double South = 285000;
    public static readonly DateTimeOffset AsOf = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A report at <paramref name="point"/> an hour before midnight <paramref name="daysAgo"/> days before <paramref name="asOf"/> (default <see cref="AsOf"/>).</summary>
    public static HotspotReport Report(PlanarPoint point, int daysAgo, DateTimeOffset? asOf = null) =>
        new(point, (asOf ?? AsOf).AddDays(-daysAgo).AddHours(-1), SourceEvaluation.Reliable, IntelligenceAssessment.KnownDirectly);

    /// <summary>Reports spread evenly over a square of <paramref name="sideMeters"/> from the corner and over the year before <paramref name="asOf"/>.</summary>
    public static List<HotspotReport> Uniform(Random random, int count, double sideMeters = 4000, DateTimeOffset? asOf = null) =>
        [.. Enumerable.Range(0, count).Select(_ =>
            Report(new PlanarPoint(West + (random.NextDouble() * sideMeters), South + (random.NextDouble() * sideMeters)), random.Next(0, 360), asOf))];

    /// <summary>A point uniformly distributed over the disc of <paramref name="radiusMeters"/> round <paramref name="centre"/>.</summary>
    public static PlanarPoint Near(Random random, PlanarPoint centre, double radiusMeters)
    {
        var distance = radiusMeters * Math.Sqrt(random.NextDouble());
        var angle = random.NextDouble() * 2 * Math.PI;
        return new PlanarPoint(centre.X + (distance * Math.Cos(angle)), centre.Y + (distance * Math.Sin(angle)));
    }
}
