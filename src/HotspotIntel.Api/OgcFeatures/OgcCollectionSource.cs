using HotspotIntel.Core.Hotspots;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Exports;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Lists;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.OgcFeatures;

/// <summary>
/// A feature collection: a spatial list (<see cref="IListTable"/>), possibly narrowed to one hotspot run, with the
/// filters it takes as query parameters. The hotspot lists are a collection for the published run and one per
/// succeeded run (<c>hotspot-run-{runId}</c>); neither takes <c>runId</c>.
/// </summary>
internal sealed record OgcCollectionSource(string Id, string Title, string Description, IListTable Table,
    IReadOnlyList<ListParameter> Parameters, Func<ListQuery, ValidationErrors, object> ReadFilter)
{
    private const string RunCollectionPrefix = "hotspot-run-";

    /// <summary>The collections that are always there: one per spatial list, the hotspots being the published run's.</summary>
    public static IReadOnlyList<OgcCollectionSource> Fixed { get; } =
        [.. ListTables.Spatial.Select(table => table == HotspotsTable.Table ? ForRun(null, table.Title, table.Description) : Whole(table))];

    /// <summary>The collection named <paramref name="id"/>, or null: a fixed one, or a succeeded run's hotspots.</summary>
    public static async Task<OgcCollectionSource?> FindAsync(HotspotIntelDbContext db, string id, CancellationToken cancellationToken)
    {
        if (Fixed.FirstOrDefault(source => source.Id == id) is { } found)
        {
            return found;
        }

        if (!id.StartsWith(RunCollectionPrefix, StringComparison.Ordinal) || !Guid.TryParse(id[RunCollectionPrefix.Length..], out var runId))
        {
            return null;
        }

        var run = await SucceededRunsNewestFirst(db).AsNoTracking().Where(r => r.Id == runId).FirstOrDefaultAsync(cancellationToken);
        return run is null ? null : ForRun(run);
    }

    /// <summary>Succeeded runs' collections, newest first, after the run <paramref name="after"/>; one more than <paramref name="limit"/> tells whether more follow.</summary>
    public static async Task<List<OgcCollectionSource>> RunsAsync(HotspotIntelDbContext db, Guid? after, int limit, CancellationToken cancellationToken)
    {
        var runs = SucceededRunsNewestFirst(db).AsNoTracking();
        if (after is { } last)
        {
            var cursor = await runs.Where(r => r.Id == last).Select(r => new { r.FinishedAt, r.Id }).FirstOrDefaultAsync(cancellationToken);
            runs = cursor is null ? runs.Where(_ => false)
                : runs.Where(r => r.FinishedAt < cursor.FinishedAt || (r.FinishedAt == cursor.FinishedAt && r.Id.CompareTo(cursor.Id) < 0));
        }

        return [.. (await runs.Take(limit + 1).ToListAsync(cancellationToken)).Select(ForRun)];
    }

    private static IQueryable<HotspotRun> SucceededRunsNewestFirst(HotspotIntelDbContext db) => db.HotspotRuns
        .Where(run => run.Status == HotspotRunStatus.Succeeded)
        .OrderByDescending(run => run.FinishedAt).ThenByDescending(run => run.Id);

    /// <summary>The run a run collection shows, or null for the others.</summary>
    public Guid? RunId => Id.StartsWith(RunCollectionPrefix, StringComparison.Ordinal) ? Guid.Parse(Id[RunCollectionPrefix.Length..]) : null;

    private static OgcCollectionSource Whole(IListTable table) => new(table.Id, table.Title, table.Description, table, table.Parameters, table.ReadFilter);

    private static OgcCollectionSource ForRun(HotspotRun run) => ForRun(run.Id,
        $"Hotspots of run {run.Id} ({Core.EnumCodes<HotspotMethod>.ToCode(run.Method)}, {run.FinishedAt:yyyy-MM-dd HH:mm} UTC)",
        $"The hotspots the {Core.EnumCodes<HotspotRunKind>.ToCode(run.Kind)} run {run.Id} found, with their score, significance and trend then.");

    private static OgcCollectionSource ForRun(Guid? runId, string title, string description)
    {
        var table = HotspotsTable.Table;
        return new(runId is null ? table.Id : $"{RunCollectionPrefix}{runId}", title, description, table,
            [.. table.Parameters.Where(parameter => parameter.Name != "runId")],
            (query, errors) => table.Filter(query, errors) with { RunId = runId });
    }
}
