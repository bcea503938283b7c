using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Json;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Reports;
using HotspotIntel.Core.Hotspots;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Hotspots;

/// <summary>
/// Hotspots for the map and the tasking meeting: those of the published run (or of any run the reader may read) as
/// GeoJSON, and one hotspot with a page of its history and its contents, each as the reader may see it
/// (<see cref="SeenHotspot"/>).
/// </summary>
public static class HotspotsApi
{
    private const string Route = "/api/hotspots";

    public static IEndpointRouteBuilder MapHotspotsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Hotspots").RequireAuthorization(Policies.ReadRecords).ReadsFromReplica();
        api.MapGet("/", ListHotspotsAsync).WithName("ListHotspots")
            .WithSummary("Hotspots as a GeoJSON FeatureCollection, highest weighted score first: those of the latest succeeded run, "
                + "or of runId; filtered by trend, minimum score and bounding box. Readers see the previous run until a new one commits.");
        api.MapGet("/{id}", GetHotspotAsync).WithName("GetHotspot")
            .WithSummary("One hotspot as a GeoJSON Feature with its history over runs (a page of the newest, oldest first; nextCursor pages on to "
                + "older runs), the premises and named places near it and its splits and merges.");
        api.MapGet("/{id}/indicator-counts", GetHotspotIndicatorCountsAsync).WithName("GetHotspotIndicatorCounts")
            .WithSummary("A hotspot's reports per risk indicator, in the run GetHotspot shows (or runId), counting only the reports your agency may read "
                + "and, for tasking members and licensing officers, child-linked ones only where their cell is shown, with counts from 1 to 2 withheld.")
            .WithResponseExample(IndicatorCounts.HotspotExample);
        return app;
    }

    public static async Task<Results<Ok<FeatureCollection<HotspotProperties>>, ValidationProblem, ProblemHttpResult>> ListHotspotsAsync(
        HotspotIntelDbContext db,
        [Description("Trends: new, intensifying, persistent, diminishing, historical, sporadic; repeated or comma-separated")] string[]? trend,
        [Description("Smallest weighted score (sum of report weights) to include")] double? minScore,
        [Description("minLon,minLat,maxLon,maxLat in WGS84 degrees: hotspots that intersect it")] string? bbox,
        [Description("The run whose hotspots to list (default: the latest succeeded run)")] Guid? runId,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var trends = CodeListInput.Read<HotspotTrend>(trend, "trend", errors);
        var area = BoundingBox.Read(bbox, errors);
        if (minScore is { } score && (!double.IsFinite(score) || score < 0))
        {
            errors.Add("minScore", "Must be a number of at least 0.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (runId is { } requested && await CheckRunAsync(db, requested, errors, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var run = runId ?? await PublishedHotspotRun.IdAsync(db, cancellationToken);
        var found = run is null
            ? []
            : await Filter(db.HotspotsSeen(run, null), trends, minScore, area)
                .OrderByDescending(entry => entry.WeightedScore ?? 0).ThenBy(entry => entry.HotspotId).ToListAsync(cancellationToken);
        return TypedResults.Ok(new FeatureCollection<HotspotProperties>([.. found.Select(HotspotProperties.FeatureOf)], null));
    }

    /// <summary>Whether <paramref name="runId"/> has hotspots to list: a 404 when there is no such run, an error in <paramref name="errors"/> when it did not succeed.</summary>
    internal static async Task<ProblemHttpResult?> CheckRunAsync(HotspotIntelDbContext db, Guid runId, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var status = await db.HotspotRuns.Where(r => r.Id == runId).Select(r => (HotspotRunStatus?)r.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null)
        {
            return Problems.NotFound("hotspot run", runId);
        }

        if (status != HotspotRunStatus.Succeeded)
        {
            errors.Add("runId", $"The run {runId} is {Core.EnumCodes<HotspotRunStatus>.ToCode(status.Value)}; only a succeeded run has hotspots.");
        }

        return null;
    }

    /// <summary>The list filter: trends, smallest weighted score and the area hotspots intersect (a run's hotspots are few: no index needed).</summary>
    internal static IQueryable<SeenHotspot> Filter(IQueryable<SeenHotspot> entries, List<HotspotTrend> trends, double? minScore, Polygon? area)
    {
        if (trends.Count > 0)
        {
            entries = entries.Where(entry => entry.Trend != null && trends.Contains(entry.Trend.Value));
        }

        if (minScore is not null)
        {
            entries = entries.Where(entry => entry.WeightedScore >= minScore);
        }

        if (area is not null)
        {
            entries = entries.Where(entry => entry.Area.Intersects(area));
        }

        return entries;
    }

    public static async Task<Results<Ok<HotspotIndicatorCounts>, ProblemHttpResult>> GetHotspotIndicatorCountsAsync(
        [Description("Hotspot id")] Guid id,
        [Description("The run whose member reports to count (default: the run GetHotspot shows)")] Guid? runId,
        HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var seen = runId is { } requested
            ? await db.HotspotsSeen(requested, id).SingleOrDefaultAsync(cancellationToken)
            : await ShownEntryAsync(db, id, await PublishedHotspotRun.IdAsync(db, cancellationToken), null, cancellationToken);
        if (seen is null)
        {
            return Problems.NotFound("hotspot", id);
        }

        var shown = seen.RunId;

        // hotspot_indicator_counts (migrations/0042) counts as hotspot figures are counted and withholds small counts itself.
        var counted = await db.Database.SqlQuery<CodeCount>(
                $"""SELECT indicator_code AS "Code", reports AS "Reports" FROM hotspot_indicator_counts({shown}, {id})""")
            .ToListAsync(cancellationToken);
        var indicators = await RiskIndicatorList.LoadAsync(db, cancellationToken);
        return TypedResults.Ok(new HotspotIndicatorCounts(id, shown, HotspotPrivacyFloors.MaskingMinimumCount,
            IndicatorCount.ListOf(indicators, counted.ToDictionary(c => c.Code, c => c.Reports))));
    }

    private sealed class CodeCount
    {
        public string Code { get; init; } = "";

        public int? Reports { get; init; }
    }

    public static async Task<Results<Ok<Feature<HotspotDetail>>, ValidationProblem, ProblemHttpResult>> GetHotspotAsync(
        [Description("Hotspot id")] Guid id,
        [Description("How many runs of its history to show, newest first (1-1000, default 100)")] int? limit,
        [Description("nextCursor from the previous answer: the history's older runs")] string? cursor,
        HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var pageLimit = KeysetCursor.ReadPaging(limit, cursor, errors, out var below);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (history, nextCursor) = await HistoryAsync(db, id, pageLimit, below, cancellationToken);
        var published = await PublishedHotspotRun.IdAsync(db, cancellationToken);
        var latest = await ShownEntryAsync(db, id, published, below is null ? history : null, cancellationToken);
        if (latest is null)
        {
            return Problems.NotFound("hotspot", id);
        }

        // Through row-level security: premises and places of other agencies that are not shared with yours stay out.
        var premises = await db.Premises.AsNoTracking().Where(p => latest.PremisesIds.Contains(p.Id)).OrderBy(p => p.Name)
            .Select(p => new NearbyPremises(p.Id, p.Name, p.PremisesType)).ToListAsync(cancellationToken);
        var locations = await db.Locations.AsNoTracking().Where(l => latest.LocationIds.Contains(l.Id)).OrderBy(l => l.Name)
            .Select(l => new NearbyLocation(l.Id, l.Name, l.LocationType)).ToListAsync(cancellationToken);
        var lineage = await db.HotspotLineage.AsNoTracking().Where(l => l.FromHotspotId == id || l.ToHotspotId == id)
            .OrderBy(l => l.RunId).ThenBy(l => l.Kind).ThenBy(l => l.FromHotspotId).ThenBy(l => l.ToHotspotId)
            .Select(l => new HotspotLineageView(l.RunId, l.Kind, l.FromHotspotId, l.ToHotspotId)).ToListAsync(cancellationToken);
        var current = latest.RunId == published;
        var detail = new HotspotDetail(
            HotspotProperties.FeatureOf(latest).Properties,
            current,
            [.. history.Select(row => new HotspotHistoryView(row.Entry.RunId, row.FinishedAt, row.Entry.AreaSquareMeters, row.Entry.ReportCount,
                row.Entry.WeightedScore, row.Entry.ZScore, row.Entry.ConfidencePercent, row.Entry.Trend))],
            nextCursor,
            premises,
            locations,
            lineage);
        return TypedResults.Ok(new Feature<HotspotDetail>(latest.HotspotId, latest.Area, detail));
    }

    private sealed record HistoryRow(SeenHotspot Entry, DateTimeOffset? FinishedAt);

    /// <summary>
    /// The hotspot as GetHotspot shows it: in the <paramref name="published"/> run, or else in the newest run the reader
    /// may see it in; from <paramref name="newestPage"/>, the history's first page, when the caller has read it (the
    /// published run is among the newest), and asked for otherwise. Null when none.
    /// </summary>
    private static async Task<SeenHotspot?> ShownEntryAsync(HotspotIntelDbContext db, Guid id, Guid? published, List<HistoryRow>? newestPage,
        CancellationToken cancellationToken)
    {
        if (published is { } run
            && (newestPage?.Find(row => row.Entry.RunId == run)?.Entry ?? await db.HotspotsSeen(run, id).SingleOrDefaultAsync(cancellationToken)) is { } entry)
        {
            return entry;
        }

        newestPage ??= (await HistoryAsync(db, id, KeysetCursor.DefaultLimit, null, cancellationToken)).Entries;
        return newestPage.LastOrDefault()?.Entry;
    }

    /// <summary>
    /// A page of the hotspot's history as the reader may see it (<c>hotspot_history_runs</c>, migration 0068): up to
    /// <paramref name="limit"/> runs below <paramref name="below"/>, newest first by id, counted for the reader and
    /// returned oldest first; with the cursor of the next page, if there is one.
    /// </summary>
    private static async Task<(List<HistoryRow> Entries, string? NextCursor)> HistoryAsync(HotspotIntelDbContext db, Guid id, int limit, Guid? below,
        CancellationToken cancellationToken)
    {
        var runs = await db.Database.SqlQuery<Guid>($"""SELECT run_id AS "Value" FROM hotspot_history_runs({id}, {below}, {limit + 1})""")
            .ToListAsync(cancellationToken);
        var nextCursor = KeysetCursor.Next(runs, limit, run => run);
        if (runs.Count == 0)
        {
            return ([], nextCursor);
        }

        var runIds = runs.ToArray();
        var entries = await db.HotspotsSeen(null, id, runIds)
            .Join(db.HotspotRuns, entry => entry.RunId, run => run.Id, (entry, run) => new HistoryRow(entry, run.FinishedAt))
            .ToListAsync(cancellationToken);
        return ([.. entries.OrderBy(row => row.FinishedAt).ThenBy(row => row.Entry.RunId)], nextCursor);
    }
}
