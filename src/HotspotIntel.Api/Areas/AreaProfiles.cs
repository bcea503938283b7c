using System.ComponentModel;
using HotspotIntel.Analysis;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Reports;
using HotspotIntel.Core;
using HotspotIntel.Core.Hotspots;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Spatial;
using HotspotIntel.Core.Tasking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Areas;

/// <summary>
/// An area's problem profile figures for a period (<c>GET /api/areas/{id}/profile</c>), each counted as the reader may
/// count it: the reports the report list would return in the area (row-level security, masking and small-count
/// suppression, <see cref="ReportsApi.Filter"/>), per category and risk indicator (<see cref="IndicatorCounts"/>); the
/// previous period of the same length; the rate per 10,000 children where the partnership loaded a population figure;
/// the Mann-Kendall trend test (the test hotspot trends use) over equal bins of both periods; missing episodes found in
/// the area (counts only, <c>area_missing_episode_counts</c>, migrations/0050); the published hotspots it holds most
/// reports in; and the actions at places in it that started in the period, by tactic and status.
/// </summary>
public static class AreaProfiles
{
    /// <summary>The longest period a profile covers: a board looks at a quarter or a year.</summary>
    public const int MostDays = 366 * 2;

    /// <summary>The hotspots a profile lists per area.</summary>
    public const int TopHotspots = 5;

    /// <summary>Significance of the trend test, as hotspot trends use it.</summary>
    public const double TrendAlpha = 0.05;

    public static async Task<Results<Ok<AreaProfile>, ValidationProblem, ProblemHttpResult>> GetAreaProfileAsync(
        [Description("Area id")] Guid id,
        [Description("The period's start, inclusive (ISO 8601)")] DateTimeOffset? from,
        [Description("The period's end, exclusive (ISO 8601)")] DateTimeOffset? to,
        HotspotIntelDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var area = await db.Areas.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (area is null)
        {
            return Problems.NotFound("area", id);
        }

        var errors = new ValidationErrors();
        ReadPeriod(from, to, time.GetUtcNow(), errors);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await ProfileAsync(db, area, from!.Value, to!.Value, cancellationToken));
    }

    /// <summary>Checks a profile's period into <paramref name="errors"/>: both ends, from before to, to not after now, at most <see cref="MostDays"/>.</summary>
    public static void ReadPeriod(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, ValidationErrors errors)
    {
        if (from is null)
        {
            errors.Add("from", "Give the period's start (ISO 8601).");
        }

        if (to is null)
        {
            errors.Add("to", "Give the period's end (ISO 8601).");
        }
        else if (to > now)
        {
            errors.Add("to", $"Must not be after now ({now:O}).");
        }
        else if (from >= to)
        {
            errors.Add("from", "Must be before to.");
        }
        else if (from < to.Value.AddDays(-MostDays))
        {
            errors.Add("from", $"The period may cover at most {MostDays} days.");
        }
    }

    internal static async Task<AreaProfile> ProfileAsync(HotspotIntelDbContext db, Area area, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var length = to - from;
        var previousFrom = from - length;
        var masked = await IndicatorCounts.ReaderSeesMaskedAsync(db, cancellationToken);
        var filter = ReportFilter.None with { From = from, To = to };
        var previousFilter = ReportFilter.None with { From = previousFrom, To = from };

        // Equal bins of about a week in each period (one bin for a period under a week), as impact counts weeks.
        var binsPerPeriod = Math.Max(1, (int)Math.Floor(length.TotalDays / 7));
        var binTicks = length.Ticks / binsPerPeriod;
        var bins = new double[binsPerPeriod * 2];
        // Each period's reports are read once: for its bins and, this period's, for its categories.
        var categories = new List<(ReportCategory Category, int Reports)>();
        foreach (var (periodFilter, offset) in new[] { (previousFilter, 0), (filter, binsPerPeriod) })
        {
            var start = periodFilter.From!.Value;
            var reports = await ReportsApi.Filter(db, area.Geom, periodFilter).Select(r => new { r.OccurredAt, r.Category }).ToListAsync(cancellationToken);
            foreach (var report in reports)
            {
                bins[offset + Math.Min(binsPerPeriod - 1, (int)((report.OccurredAt - start).Ticks / binTicks))]++;
            }

            if (offset == binsPerPeriod)
            {
                categories = [.. reports.CountBy(r => r.Category).Select(c => (c.Key, c.Value))];
            }
        }

        var (previous, current) = ((int)bins.Take(binsPerPeriod).Sum(), (int)bins.Skip(binsPerPeriod).Sum());
        var (shownPrevious, shownCurrent) = (IndicatorCounts.Shown(masked, previous), IndicatorCounts.Shown(masked, current));
        // Withheld with the counts it is made of: a trend over a handful of reports would say where they are.
        AreaTrend? trend = null;
        if (shownPrevious is not null && shownCurrent is not null)
        {
            var test = MannKendall.Test(bins);
            trend = new AreaTrend(bins.Length, Math.Round(binTicks / (double)TimeSpan.TicksPerDay, 3), test.S, Math.Round(test.ZScore, 4), Math.Round(test.PValue, 4),
                test.PValue >= TrendAlpha || test.S == 0 ? AreaTrendDirection.NoClearTrend : test.S > 0 ? AreaTrendDirection.Rising : AreaTrendDirection.Falling);
        }

        var indicators = await IndicatorCounts.CountAsync(db, area.Geom, filter, cancellationToken);
        var missing = await db.Database.SqlQuery<MissingCounts>(
            $"SELECT episodes, children FROM area_missing_episode_counts({area.Id}, {from}, {to})").SingleAsync(cancellationToken);

        var envelope = area.Geom.EnvelopeInternal;
        var bbox = FormattableString.Invariant($"{envelope.MinX},{envelope.MinY},{envelope.MaxX},{envelope.MaxY}");
        var hotspots = HotspotsApiResult(await HotspotsApi.ListHotspotsAsync(db, null, null, bbox, null, cancellationToken));
        var top = hotspots.Where(h => h.Geometry is { } shape && shape.Intersects(area.Geom))
            .OrderByDescending(h => h.Properties.ReportCount ?? 0).ThenBy(h => h.Id).Take(TopHotspots)
            .Select(h => new AreaHotspot(h.Id, h.Properties.Trend, h.Properties.ReportCount, h.Properties.WeightedScore)).ToList();

        var (firstDay, lastDay) = (DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime));
        var actions = await DisruptionActionsApi.AtPlacesIn(db, db.DisruptionActions.AsNoTracking(), area.Geom)
            .Where(a => a.StartOn >= firstDay && a.StartOn < lastDay)
            .GroupBy(a => new { a.TacticCode, a.Status }).Select(g => new { g.Key.TacticCode, g.Key.Status, Actions = g.Count() })
            .ToListAsync(cancellationToken);

        double? Rate(int? count) => count is { } n && area.ChildPopulation is { } children && children > 0 ? Math.Round(n * 10_000.0 / children, 2) : null;
        return new AreaProfile(area.Id, area.Code, area.Name, area.Kind, area.ParentId, from, to, previousFrom,
            area.ChildPopulation, area.PopulationYear, area.PopulationSource,
            shownCurrent, shownPrevious, Rate(shownCurrent), Rate(shownPrevious),
            shownCurrent is { } now && shownPrevious is { } before && before > 0 ? Math.Round(100.0 * (now - before) / before, 1) : null,
            trend,
            [.. categories.OrderByDescending(c => c.Reports).ThenBy(c => EnumCodes<ReportCategory>.ToCode(c.Category), StringComparer.Ordinal)
                .Select(c => new AreaCategoryCount(c.Category, IndicatorCounts.Shown(masked, c.Reports)))],
            indicators.Indicators, missing.Episodes, missing.Children, top,
            [.. actions.OrderBy(a => a.TacticCode, StringComparer.Ordinal).ThenBy(a => a.Status).Select(a => new AreaActionCount(a.TacticCode, a.Status, a.Actions))],
            HotspotPrivacyFloors.MaskingMinimumCount);
    }

    private static IReadOnlyList<Json.Feature<HotspotProperties>> HotspotsApiResult(
        Results<Ok<Json.FeatureCollection<HotspotProperties>>, ValidationProblem, ProblemHttpResult> result) =>
        result.Result is Ok<Json.FeatureCollection<HotspotProperties>> ok ? ok.Value!.Features
            : throw new InvalidOperationException($"The profile's read of hotspots was refused: {result.Result.GetType().Name}.");

    private sealed record MissingCounts(int? Episodes, int? Children);
}

/// <summary>What the trend test says over both periods.</summary>
public enum AreaTrendDirection
{
    [System.Text.Json.Serialization.JsonStringEnumMemberName("rising")] Rising,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("falling")] Falling,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("no_clear_trend")] NoClearTrend,
}

/// <summary>The Mann-Kendall test over equal bins of the previous period and this one, oldest first.</summary>
/// <param name="Bins">How many bins, half in each period.</param>
/// <param name="BinDays">Each bin's length in days.</param>
/// <param name="S">Mann-Kendall S: positive rising, negative falling.</param>
/// <param name="ZScore">S's normal score (continuity corrected).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Direction">rising or falling when p is below 0.05, else no_clear_trend.</param>
public sealed record AreaTrend(int Bins, double BinDays, long S, double ZScore, double PValue, AreaTrendDirection Direction);

/// <summary>Reports of one category; null when withheld for being small.</summary>
public sealed record AreaCategoryCount(ReportCategory Category, int? Reports);

/// <summary>One of an area's top hotspots (the latest run's, as the hotspot list gives them).</summary>
public sealed record AreaHotspot(Guid HotspotId, HotspotTrend? Trend, int? ReportCount, double? WeightedScore);

/// <summary>Actions of one tactic in one status that started in the period at places in the area.</summary>
public sealed record AreaActionCount(string TacticCode, ActionStatus Status, int Actions);

/// <summary>An area's problem profile figures for a period, as the reader may count them.</summary>
/// <param name="AreaId">The area.</param>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">ward or council_area.</param>
/// <param name="ParentId">The area it lies in.</param>
/// <param name="From">The period's start (inclusive).</param>
/// <param name="To">The period's end (exclusive).</param>
/// <param name="PreviousFrom">The previous period's start: it ends at <paramref name="From"/> and is as long.</param>
/// <param name="ChildPopulation">Children living in the area, when loaded.</param>
/// <param name="PopulationYear">The year of that figure.</param>
/// <param name="PopulationSource">Where it comes from.</param>
/// <param name="Reports">Reports in the area in the period; null when withheld for being small.</param>
/// <param name="PreviousReports">Reports in the previous period.</param>
/// <param name="RatePer10000Children">Reports per 10,000 children living there; null without a population figure.</param>
/// <param name="PreviousRatePer10000Children">The same for the previous period.</param>
/// <param name="PercentChange">Change from the previous period, percent; null when it had none.</param>
/// <param name="Trend">The trend test over both periods; null when the counts are withheld.</param>
/// <param name="Categories">Reports per category, most first.</param>
/// <param name="Indicators">Reports per risk indicator, as GET /api/reports/indicator-counts counts them.</param>
/// <param name="MissingEpisodes">Missing episodes found in the area that started in the period; null when withheld.</param>
/// <param name="MissingChildren">The children those episodes are of (a count, never who).</param>
/// <param name="TopHotspots">The hotspots with most reports that touch the area.</param>
/// <param name="Actions">Actions at places in the area that started in the period, by tactic and status.</param>
/// <param name="SuppressedBelow">For tasking members and licensing officers, counts from 1 to this less one are withheld.</param>
public sealed record AreaProfile(
    Guid AreaId,
    string Code,
    string Name,
    AreaKind Kind,
    Guid? ParentId,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset PreviousFrom,
    int? ChildPopulation,
    int? PopulationYear,
    string? PopulationSource,
    int? Reports,
    int? PreviousReports,
    double? RatePer10000Children,
    double? PreviousRatePer10000Children,
    double? PercentChange,
    AreaTrend? Trend,
    IReadOnlyList<AreaCategoryCount> Categories,
    IReadOnlyList<IndicatorCount> Indicators,
    int? MissingEpisodes,
    int? MissingChildren,
    IReadOnlyList<AreaHotspot> TopHotspots,
    IReadOnlyList<AreaActionCount> Actions,
    int SuppressedBelow);
