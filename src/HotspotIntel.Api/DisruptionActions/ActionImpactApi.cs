using System.ComponentModel;
using System.Globalization;
using HotspotIntel.Analysis.Impact;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Json;
using HotspotIntel.Api.Network;
using HotspotIntel.Core;
using HotspotIntel.Core.Tasking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>
/// The impact of disruption actions (issue 15 §3): for one action, reports in its target area before and after it against
/// a comparison ring or matched areas without action (<see cref="MatchedAreaCounter"/>), with displacement into the ring around it (<see cref="ImpactAssessor"/>); and per tactic, over
/// every done action the caller may read (<see cref="TacticImpactSummaries"/>). Reports are counted under the caller's
/// row-level security (<see cref="ImpactAreaCounter"/>).
/// </summary>
public static class ActionImpactApi
{
    /// <summary>Days in each bin: weeks, so that each bin holds every day of the week once.</summary>
    public const int BinDays = 7;

    public static IEndpointRouteBuilder MapActionImpactApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(DisruptionActionsApi.Kind.Route).WithTags("Disruption actions");
        api.MapGet("/impact-by-tactic", ImpactByTacticAsync).WithName("GetDisruptionImpactByTactic").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("The impact summary per tactic across the done actions you may read that have a place (hotspot, premises, named place): "
                + "how many got each verdict and their estimates pooled (random effects), from the reports you may read.");
        api.MapGet("/{id}/impact", ImpactAsync).WithName("GetDisruptionActionImpact").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("The impact of one action: reports in its target area over equal weekly windows before and after its start against a "
                + "comparison ring, or matched areas without action (comparison=matched), by difference in differences with its interval; "
                + "displacement into the ring around the target, and a plain verdict, "
                + "including when there are too few reports to say anything. Counts only the reports you may read.")
            .WithResponseExample(ImpactExample);
        return app;
    }

    // A closure notice at a premises, four weeks on: the target halved against a steady comparison, nothing moved into the ring.
    private const string ImpactExample = """
        {
          "actionId": "01938a5e-7c40-7d2a-9b1e-3f6a2c8d4e10", "tacticCode": "closure_notice_and_order", "targetKind": "premises",
          "assessable": true,
          "reason": "Reports at the target fell by 51 % against the comparison area (95 % interval: 21 % to 70 % fewer).",
          "binDays": 7, "windowDays": 182,
          "before": { "from": "2026-08-10T00:00:00Z", "to": "2026-09-07T00:00:00Z" },
          "after": { "from": "2026-09-07T00:00:00Z", "to": "2026-10-05T00:00:00Z" },
          "targetRadiusMetres": 150, "ringMetres": 250, "comparison": "ring", "comparisonMetres": 1000, "matchRadiusMetres": null, "matchedAreas": [],
          "assessment": {
            "verdict": "reduced",
            "reason": "Reports at the target fell by 51 % against the comparison area (95 % interval: 21 % to 70 % fewer).",
            "estimate": {
              "model": "poisson", "dispersion": 0.82, "dispersionPValue": 0.64, "degreesOfFreedom": 14, "continuityCorrected": false,
              "logRateRatio": -0.719, "standardError": 0.2468, "lower": 0.300, "upper": 0.790, "confidencePercent": 95,
              "rateRatio": 0.487, "percentChange": -51.3, "percentChangeLower": -70.0, "percentChangeUpper": -21.0
            },
            "displacement": {
              "verdict": "no_clear_displacement",
              "reason": "Reports in the ring did not change clearly against the comparison area (95 % interval: 32 % fewer to 94 % more).",
              "estimate": {
                "model": "poisson", "dispersion": 0.91, "dispersionPValue": 0.55, "degreesOfFreedom": 14, "continuityCorrected": false,
                "logRateRatio": 0.138, "standardError": 0.2686, "lower": 0.685, "upper": 1.94, "confidencePercent": 95,
                "rateRatio": 1.148, "percentChange": 14.8, "percentChangeLower": -31.5, "percentChangeUpper": 94.0
              },
              "weightedDisplacementQuotient": -0.144, "ringBefore": 30, "ringAfter": 33
            },
            "binsPerWindow": 4, "targetBefore": 60, "targetAfter": 28, "comparisonBefore": 240, "comparisonAfter": 230
          },
          "series": [
            { "periodStart": "2026-08-10T00:00:00Z", "window": "before", "target": 16, "ring": 7, "comparison": 60 },
            { "periodStart": "2026-08-17T00:00:00Z", "window": "before", "target": 14, "ring": 8, "comparison": 58 },
            { "periodStart": "2026-08-24T00:00:00Z", "window": "before", "target": 15, "ring": 7, "comparison": 62 },
            { "periodStart": "2026-08-31T00:00:00Z", "window": "before", "target": 15, "ring": 8, "comparison": 60 },
            { "periodStart": "2026-09-07T00:00:00Z", "window": "after", "target": 8, "ring": 9, "comparison": 57 },
            { "periodStart": "2026-09-14T00:00:00Z", "window": "after", "target": 7, "ring": 8, "comparison": 59 },
            { "periodStart": "2026-09-21T00:00:00Z", "window": "after", "target": 6, "ring": 8, "comparison": 56 },
            { "periodStart": "2026-09-28T00:00:00Z", "window": "after", "target": 7, "ring": 8, "comparison": 58 }
          ]
        }
        """;

    /// <summary>The query parameters both endpoints take.</summary>
    public sealed class ImpactParameters
    {
        [Description("Longest window on each side of the action's start, in days (7 to 730, default 182); counted in whole weeks that have passed")]
        public int? WindowDays { get; init; }

        [Description("Outer edge of the displacement ring, metres beyond the target's edge (10 to 5000, default 250)")]
        public double? RingMetres { get; init; }

        [Description("Outer edge of the comparison area, metres beyond the target's edge; beyond ringMetres, at most 20000 (default 1000)")]
        public double? ComparisonMetres { get; init; }

        [Description("The target area round a premises or named place, metres (10 to 2000, default 150); a hotspot's own area is its target")]
        public double? TargetRadiusMetres { get; init; }

        [Description("What the target is compared against: ring (default), the ring from ringMetres to comparisonMetres beyond its edge; or matched, "
            + "the matchedAreas areas without action within matchRadiusMetres whose reports before the action were most like the target's in level and trend")]
        public string? Comparison { get; init; }

        [Description("How many matched areas make the comparison when comparison=matched (1 to 20, default 5)")]
        public int? MatchedAreas { get; init; }

        [Description("How far from the target's centre matched areas are looked for, metres (1000 to 20000, default 5000); "
            + "they are copies of the target area moved by whole steps of the larger of its width, its height and 1/25 of this radius")]
        public double? MatchRadiusMetres { get; init; }

        /// <summary>The window and areas asked for, each problem added to <paramref name="errors"/> under its parameter's name.</summary>
        internal (int WindowDays, ImpactAreas Areas) Read(ValidationErrors errors)
        {
            var windowDays = WindowDays ?? 182;
            if (windowDays is < 7 or > 730)
            {
                errors.Add("windowDays", "Must be from 7 to 730 days.");
            }

            var ring = RingMetres ?? 250;
            if (!double.IsFinite(ring) || ring is < 10 or > 5000)
            {
                errors.Add("ringMetres", "Must be from 10 to 5000 metres.");
            }

            var comparison = ComparisonMetres ?? 1000;
            if (!double.IsFinite(comparison) || comparison > 20_000 || comparison <= ring)
            {
                errors.Add("comparisonMetres", "Must be beyond ringMetres and at most 20000 metres.");
            }

            var radius = TargetRadiusMetres ?? 150;
            if (!double.IsFinite(radius) || radius is < 10 or > 2000)
            {
                errors.Add("targetRadiusMetres", "Must be from 10 to 2000 metres.");
            }

            var kind = ImpactComparison.Ring;
            if (Comparison is not null && !EnumCodes<ImpactComparison>.TryParse(Comparison, out kind))
            {
                errors.Add("comparison", $"Must be one of: {string.Join(", ", EnumCodes<ImpactComparison>.All)}.");
            }

            var matchedAreas = MatchedAreas ?? 5;
            if (matchedAreas is < 1 or > 20)
            {
                errors.Add("matchedAreas", "Must be from 1 to 20.");
            }

            var matchRadius = MatchRadiusMetres ?? 5000;
            if (!double.IsFinite(matchRadius) || matchRadius is < 1000 or > 20_000)
            {
                errors.Add("matchRadiusMetres", "Must be from 1000 to 20000 metres.");
            }

            return (windowDays, new ImpactAreas(radius, ring, comparison, kind, matchedAreas, matchRadius));
        }
    }

    public static async Task<Results<Ok<ActionImpactView>, ValidationProblem, ProblemHttpResult>> ImpactAsync(
        [Description("Disruption action id")] Guid id, [AsParameters] ImpactParameters parameters, HotspotIntelDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (windowDays, areas) = parameters.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var action = await db.DisruptionActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (action is null)
        {
            return Problems.NotFound(DisruptionActionsApi.Kind.Noun, id);
        }

        var connection = await NetworkStore.OpenAsync(db, cancellationToken);
        return TypedResults.Ok(await AssessAsync(connection, action, windowDays, areas, time.GetUtcNow(), new ImpactOptions(), cancellationToken));
    }

    public static async Task<Results<Ok<TacticImpactView>, ValidationProblem>> ImpactByTacticAsync(
        [AsParameters] ImpactParameters parameters, HotspotIntelDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var (windowDays, areas) = parameters.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var placed = new[] { ActionTargetKind.Hotspot, ActionTargetKind.Premises, ActionTargetKind.Location };
        var actions = await db.DisruptionActions.AsNoTracking()
            .Where(a => a.Status == ActionStatus.Done && placed.Contains(a.TargetKind))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var connection = await NetworkStore.OpenAsync(db, cancellationToken);
        var (now, options) = (time.GetUtcNow(), new ImpactOptions());
        var impacts = new List<ActionImpact>();
        foreach (var action in actions)
        {
            var view = await AssessAsync(connection, action, windowDays, areas, now, options, cancellationToken);
            if (view.Assessment is { } assessment)
            {
                impacts.Add(new ActionImpact(action.TacticCode, assessment));
            }
        }

        return TypedResults.Ok(new TacticImpactView(TacticImpactSummaries.Summarise(impacts, options)));
    }

    /// <summary>
    /// The impact of <paramref name="action"/> as its reports are counted on <paramref name="connection"/> (under its
    /// session's row-level security) at <paramref name="now"/>: the code path of both endpoints, and of the benchmark.
    /// </summary>
    public static async Task<ActionImpactView> AssessAsync(NpgsqlConnection connection, DisruptionAction action, int windowDays, ImpactAreas areas,
        DateTimeOffset now, ImpactOptions options, CancellationToken cancellationToken)
    {
        double? radius = action.TargetKind is ActionTargetKind.Premises or ActionTargetKind.Location ? areas.TargetRadiusMetres : null;
        var matched = areas.Comparison == ImpactComparison.Matched;
        ActionImpactView View(bool assessable, string reason, ImpactPeriod? before = null, ImpactPeriod? after = null, ImpactAssessment? assessment = null,
            IReadOnlyList<ImpactBin>? series = null, IReadOnlyList<MatchedArea>? matchedAreas = null) =>
            new(action.Id, action.TacticCode, action.TargetKind, assessable, reason, BinDays, windowDays, before, after, radius, areas.RingMetres,
                areas.Comparison, matched ? null : areas.ComparisonMetres, matched ? areas.MatchRadiusMetres : null, matchedAreas ?? [], assessment, series ?? []);
        ActionImpactView NotAssessable(string reason) => View(false, reason);

        if (action.TargetKind is ActionTargetKind.Person or ActionTargetKind.Vehicle)
        {
            return NotAssessable(action.TargetKind == ActionTargetKind.Person
                ? "An action against a person has no place whose reports could show its effect."
                : "An action against a vehicle has no fixed place whose reports could show its effect.");
        }

        if (action.StartOn is not { } startOn)
        {
            return NotAssessable("The action has no start date, so there are no windows to compare.");
        }

        var start = new DateTimeOffset(startOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var windows = ImpactWindows.Plan(start, now, BinDays, windowDays / BinDays);
        var targetId = action.TargetKind switch
        {
            ActionTargetKind.Hotspot => action.HotspotId,
            ActionTargetKind.Premises => action.PremisesId,
            _ => action.LocationId,
        };
        var counted = await ImpactAreaCounter.CountAsync(connection, action.TargetKind, targetId!.Value, windows, areas, cancellationToken);
        if (counted is null)
        {
            return NotAssessable(action.TargetKind == ActionTargetKind.Hotspot
                ? "The hotspot has no area you may see: neither it nor what it was split or merged into is in a run you may read."
                : "Its target is not one you may see, so its place is unknown to you.");
        }

        var counts = counted.Counts;
        IReadOnlyList<MatchedArea>? matchedAreas = null;
        if (matched)
        {
            var matches = await MatchedAreaCounter.MatchAsync(connection, action.Id, action.TargetKind, targetId.Value, windows, areas, counts.Target,
                cancellationToken) ?? [];
            matchedAreas = [.. matches.Select(match => match.Area)];
            counts = counts with { Comparison = MatchedComparison.Sum([.. matches.Select(match => match.Counts)], windows.BinsPerWindow) };
            if (matches.Count == 0 && windows.BinsPerWindow > 0)
            {
                return View(true, string.Create(CultureInfo.InvariantCulture,
                    $"No area without action within {areas.MatchRadiusMetres:0} m held a report you may read in the before window, so there is nothing to match the target with."),
                    matchedAreas: matchedAreas, assessment: new ImpactAssessment(ImpactVerdict.InsufficientData,
                        "No area without action near the target held reports before the action, so there is no comparison to measure a change against.",
                        null, null, windows.BinsPerWindow, counts.Target.Before, counts.Target.After, 0, 0));
            }
        }

        var assessment = ImpactAssessor.Assess(counts, options);
        var bins = windows.BinsPerWindow;
        var (target, ring, comparison) = (counts.Target, counts.Ring!, counts.Comparison);
        var series = Enumerable.Range(-bins, 2 * bins).Select(bin => bin < 0
                ? new ImpactBin(windows.BinStart(bin), ImpactWindow.Before, target.BeforeBins[bin + bins], ring.BeforeBins[bin + bins], comparison.BeforeBins[bin + bins])
                : new ImpactBin(windows.BinStart(bin), ImpactWindow.After, target.AfterBins[bin], ring.AfterBins[bin], comparison.AfterBins[bin]))
            .ToList();
        var (before, after) = bins == 0
            ? (null, null)
            : (new ImpactPeriod(windows.BeforeStart, start), new ImpactPeriod(start, windows.AfterEnd));
        return View(true, assessment.Reason, before, after, assessment, series, matchedAreas);
    }
}
