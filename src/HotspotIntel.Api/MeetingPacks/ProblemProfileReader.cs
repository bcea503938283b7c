using System.Globalization;
using HotspotIntel.Api.Areas;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Core;
using HotspotIntel.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// Reads the board's problem profile (issue 16 §2) on a context that acts as its maker: for each of its areas, the
/// figures <c>GET /api/areas/{id}/profile</c> answers for the same period (<see cref="AreaProfiles"/>), and the impact
/// per tactic <c>GET /api/disruption-actions/impact-by-tactic</c> answers, laid out as the pack's tables, so each
/// number is the API's. Counts only: no child is named, and small counts are withheld as the API withholds them.
/// </summary>
internal static class ProblemProfileReader
{
    public static async Task<MeetingPackContent> ReadAsync(HotspotIntelDbContext db, MeetingPack pack, TimeProvider time, PackProgress progress,
        CancellationToken cancellationToken)
    {
        var ids = pack.AreaIds ?? [];
        var areas = await db.Areas.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        var codes = await db.Areas.AsNoTracking().Where(a => areas.Select(x => x.ParentId).Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, cancellationToken);
        var profiles = new List<AreaProfile>();
        foreach (var area in areas.OrderBy(a => a.Kind).ThenBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id))
        {
            profiles.Add(await AreaProfiles.ProfileAsync(db, area, pack.PeriodFrom, pack.PeriodTo, cancellationToken));
            await progress.DoneAsync($"area {area.Code}", 5 + (75 * profiles.Count / Math.Max(1, areas.Count)));
        }

        var tactics = Ok(await ActionImpactApi.ImpactByTacticAsync(new ActionImpactApi.ImpactParameters(), db, time, cancellationToken));
        await progress.DoneAsync($"impact by tactic ({tactics.Tactics.Count} tactics)", 90);
        var tables = new List<PackTable>
        {
            AreasTable(profiles, codes),
            new("categories", "Reports by category",
                "Reports in each area in the period per category, as GET /api/areas/{id}/profile counts them.",
                ["Area code", "Area", "Category", "Reports"],
                [.. profiles.SelectMany(p => p.Categories.Select(c => Row(p.Code, p.Name, Code(c.Category), Count(c.Reports))))]),
            new("indicators", "Risk indicators",
                "Reports in each area in the period per risk indicator, as GET /api/reports/indicator-counts counts them.",
                ["Area code", "Area", "Indicator code", "Indicator", "Reports"],
                [.. profiles.SelectMany(p => p.Indicators.Select(i => Row(p.Code, p.Name, i.Code, i.Label, i.Suppressed ? "withheld" : Count(i.Reports))))]),
            new("top-hotspots", "Top hotspots",
                $"The {AreaProfiles.TopHotspots} hotspots with most reports touching each area (latest run, as GET /api/hotspots lists them).",
                ["Area code", "Area", "Rank", "Hotspot id", "Trend", "Reports", "Weighted score"],
                [.. profiles.SelectMany(p => p.TopHotspots.Select((h, rank) => Row(p.Code, p.Name, Count(rank + 1), h.HotspotId.ToString(),
                    h.Trend is { } trend ? Code(trend) : "", Count(h.ReportCount), Number(h.WeightedScore))))]),
            new("action-outcomes", "Actions and their outcomes",
                "Actions at places in each area (a hotspot, premises or named place) that started in the period, by tactic and where they are now.",
                ["Area code", "Area", "Tactic", "Status", "Actions"],
                [.. profiles.SelectMany(p => p.Actions.Select(a => Row(p.Code, p.Name, a.TacticCode, Code(a.Status), Count(a.Actions))))]),
            new("impact-by-tactic", "Impact per tactic",
                "Every done action you may read with a place, assessed and pooled per tactic as GET /api/disruption-actions/impact-by-tactic does (ring comparison, 26 weeks).",
                ["Tactic", "Actions", "Reduced", "Increased", "No clear change", "Too uncertain", "Insufficient data", "Too early", "Pooled verdict",
                    "Pooled change (%)", "Change, lower bound (%)", "Change, upper bound (%)"],
                [.. tactics.Tactics.Select(t => Row(t.TacticCode, Count(t.Actions), Count(t.Verdicts.Reduced), Count(t.Verdicts.Increased),
                    Count(t.Verdicts.NoClearChange), Count(t.Verdicts.TooUncertain), Count(t.Verdicts.InsufficientData), Count(t.Verdicts.TooEarly),
                    Code(t.PooledVerdict), Number(t.Pooled?.PercentChange), Number(t.Pooled?.PercentChangeLower), Number(t.Pooled?.PercentChangeUpper)))]),
        };

        var extent = pack.Area.EnvelopeInternal;
        // The profile holds counts over areas, graded as the hotspots and counts they come from.
        return new MeetingPackContent(pack.Title, extent, pack.PeriodFrom, pack.PeriodTo, pack.MadeBy, time.GetUtcNow(), SecurityMarking.OfficialSensitive,
            null, await HotspotRuns.PublishedHotspotRun.IdAsync(db, cancellationToken), null, [], tables, [], MeetingPackKind.ProblemProfile);
    }

    private static PackTable AreasTable(List<AreaProfile> profiles, Dictionary<Guid, string> parentCodes) => new(
        "areas", "Reports per area and per 10,000 children",
        "Reports in each area in the period and the previous period of the same length, per 10,000 children where the partnership loaded a population "
        + "figure, and the Mann-Kendall trend test over weekly bins of both (rising or falling at p < 0.05); missing episodes found in the area that started "
        + "in the period and the children they are of (counts, never who), as GET /api/areas/{id}/profile gives them. Counts from 1 to "
        + $"{profiles.FirstOrDefault()?.SuppressedBelow - 1 ?? 2} are withheld for readers who see masked places.",
        ["Area code", "Area", "Kind", "Parent code", "Children living there", "Population year", "Population source", "Reports", "Reports, previous period",
            "Change (%)", "Rate per 10,000 children", "Rate per 10,000, previous period", "Trend", "Trend S", "Trend z", "Trend p", "Missing episodes",
            "Children missing"],
        [.. profiles.Select(p => Row(p.Code, p.Name, Code(p.Kind), p.ParentId is { } parent ? parentCodes.GetValueOrDefault(parent, "") : "",
            Whole(p.ChildPopulation), Whole(p.PopulationYear), p.PopulationSource ?? "", Count(p.Reports), Count(p.PreviousReports), Number(p.PercentChange),
            Number(p.RatePer10000Children), Number(p.PreviousRatePer10000Children), p.Trend is { } trend ? Code(trend.Direction) : "withheld",
            p.Trend?.S.ToString(CultureInfo.InvariantCulture) ?? "", Number(p.Trend?.ZScore), Number(p.Trend?.PValue), Count(p.MissingEpisodes),
            Count(p.MissingChildren)))]);

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    private static string Code<TEnum>(TEnum value) where TEnum : struct, Enum => EnumCodes<TEnum>.ToCode(value);

    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "withheld";

    private static string Whole(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static T Ok<T>(Results<Ok<T>, ValidationProblem> results) => results.Result is Ok<T> ok
        ? ok.Value!
        : throw new InvalidOperationException($"The profile's read of {typeof(T).Name} was refused: {results.Result.GetType().Name}.");
}
