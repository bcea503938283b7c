using System.Globalization;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Concerns;
using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Api.EntityResolution;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Api.Json;
using HotspotIntel.Api.MissingEpisodes;
using HotspotIntel.Api.Network;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Premises;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Reports;
using HotspotIntel.Core;
using HotspotIntel.Core.Hotspots;
using HotspotIntel.Core.Records;
using HotspotIntel.Core.Tasking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;
using Npgsql;

namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// Reads a pack's content on a context that acts as its maker (<see cref="AccessSession"/>), through the same handlers
/// that answer the API (hotspots, their history, the action board, frequently-missing counts, action impact) and, for
/// premises and vehicle concerns, the queries their checks ask, asked once of every premises or vehicle the pack lists
/// rather than once each, so that the pack's numbers are the API's for the same area, period and filters.
/// </summary>
internal static class MeetingPackReader
{
    /// <summary>The trends a meeting looks at: what is new, getting worse or not going away.</summary>
    public static readonly string[] MeetingTrends = ["new", "intensifying", "persistent"];

    private static readonly string[] OpenStatuses = ["proposed", "agreed", "in_progress"];

    public static async Task<MeetingPackContent> ReadAsync(HotspotIntelDbContext db, MeetingPack pack, TimeProvider time, PartnershipOptions partnership,
        PackProgress progress, CancellationToken cancellationToken)
    {
        var area = pack.Area.EnvelopeInternal;
        var bbox = string.Create(CultureInfo.InvariantCulture, $"{area.MinX},{area.MinY},{area.MaxX},{area.MaxY}");
        var markings = new List<SecurityMarking>();
        var conditions = new SortedSet<string>(StringComparer.Ordinal);

        var current = Ok(await HotspotsApi.ListHotspotsAsync(db, MeetingTrends, null, bbox, null, cancellationToken)).Features;
        var hotspots = new List<PackHotspot>();
        foreach (var feature in current)
        {
            // The longest page of its history the API gives: the trend over the runs before the meeting.
            var detail = Ok(await HotspotsApi.GetHotspotAsync(feature.Id, Paging.KeysetCursor.MaxLimit, null, db, cancellationToken)).Properties;
            hotspots.Add(new PackHotspot(feature.Id, feature.Properties.Trend, feature.Properties.ReportCount, feature.Properties.WeightedScore,
                feature.Geometry!, [.. detail.History.Where(h => h.RunFinishedAt is not null)
                    .Select(h => new PackTrendPoint(h.RunFinishedAt!.Value, h.ReportCount, h.WeightedScore))]));
        }

        if (hotspots.Count > 0)
        {
            markings.Add(HotspotsTable.Marking);
        }

        await progress.DoneAsync($"hotspots and their history ({hotspots.Count})", 25);
        var published = await HotspotRuns.PublishedHotspotRun.IdAsync(db, cancellationToken);
        var previous = await db.HotspotRuns.AsNoTracking()
            .Where(r => r.Status == HotspotRunStatus.Succeeded && r.PublishedAt != null && r.PublishedAt < pack.PeriodFrom)
            .OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        var changes = await ChangesAsync(db, bbox, previous, cancellationToken);
        await progress.DoneAsync("changes since the last meeting", 40);

        var premises = await PremisesTableAsync(db, pack, markings, conditions, cancellationToken);
        await progress.DoneAsync($"premises ({premises.Rows.Count})", 50);
        var vehicles = await VehiclesTableAsync(db, pack, markings, conditions, cancellationToken);
        await progress.DoneAsync($"vehicles ({vehicles.Rows.Count})", 60);

        var open = await BoardAsync(db, time, OpenStatuses, bbox, cancellationToken);
        var done = (await BoardAsync(db, time, ["done"], bbox, cancellationToken))
            .Where(a => a.DoneOn is { } on && on >= DateOnly.FromDateTime(pack.PeriodFrom.UtcDateTime) && on < DateOnly.FromDateTime(pack.PeriodTo.UtcDateTime))
            .ToList();
        foreach (var action in open.Concat(done))
        {
            markings.Add(action.Restrictions.SecurityMarking);
            if (action.Restrictions.HandlingConditions is { } condition)
            {
                conditions.Add(condition);
            }
        }

        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var actions = ActionsTable(open, agencies);
        await progress.DoneAsync($"action board ({open.Count} open, {done.Count} done)", 70);
        var missing = await FrequentlyMissingTableAsync(db, time, partnership, pack, cancellationToken);
        await progress.DoneAsync("frequently missing", 75);
        var impacts = new List<ActionImpactView>();
        foreach (var action in done)
        {
            impacts.Add(Ok(await ActionImpactApi.ImpactAsync(action.Id, new ActionImpactApi.ImpactParameters(), db, time, cancellationToken)));
        }

        await progress.DoneAsync($"impact ({impacts.Count} actions)", 78);
        var indicators = await IndicatorsTableAsync(db, pack, current, cancellationToken);
        await progress.DoneAsync("indicators", 82);
        var basemap = await BasemapAsync(db, area, cancellationToken);
        await progress.DoneAsync($"basemap ({basemap.Count} features)", 85);

        var tables = new List<PackTable>
        {
            HotspotsTableOf(current),
            changes,
            premises,
            vehicles,
            actions,
            missing,
            ImpactTable(impacts, done),
            indicators,
        };
        var marking = markings.Count == 0 ? SecurityMarking.Official : markings.Max();
        return new MeetingPackContent(pack.Title, area, pack.PeriodFrom, pack.PeriodTo, pack.MadeBy, time.GetUtcNow(), marking,
            conditions.Count == 0 ? null : string.Join("; ", conditions), published, previous, hotspots, tables, basemap);
    }

    private static T Ok<T>(IResult result) => result is Ok<T> ok
        ? ok.Value!
        : throw new InvalidOperationException($"The pack's read of {typeof(T).Name} was refused: {result.GetType().Name}.");

    private static T Ok<T>(Results<Ok<T>, ValidationProblem, ProblemHttpResult> results) => Ok<T>(results.Result);

    private static T Ok<T>(Results<Ok<T>, ProblemHttpResult> results) => Ok<T>(results.Result);

    private static T Ok<T>(Results<Ok<T>, ValidationProblem> results) => Ok<T>(results.Result);

    private static string Code<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? EnumCodes<TEnum>.ToCode(v) : "";

    private static string Code<TEnum>(TEnum value) where TEnum : struct, Enum => EnumCodes<TEnum>.ToCode(value);

    private static string Number(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";

    private static string Day(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static PackTable HotspotsTableOf(IReadOnlyList<Feature<HotspotProperties>> features) => new(
        "hotspots", "New, intensifying and persistent hotspots",
        "Hotspots of the published run in the area with these trends, as GET /api/hotspots?trend=new,intensifying,persistent&bbox= lists them: counts only.",
        ["Hotspot id", "Trend", "Reports", "Weighted score", "Area (m²)", "Confidence (%)", "First seen", "Latest report"],
        [.. features.Select(f => (IReadOnlyList<string>)[f.Id.ToString(), Code(f.Properties.Trend), Number(f.Properties.ReportCount),
            Number(f.Properties.WeightedScore), Number(f.Properties.AreaSquareMeters), Number(f.Properties.ConfidencePercent),
            Time(f.Properties.FirstSeenAt), Time(f.Properties.LastReportAt)])]);

    /// <summary>What changed between the run the last meeting saw and the published run: hotspots that appeared, went, or changed trend.</summary>
    private static async Task<PackTable> ChangesAsync(HotspotIntelDbContext db, string bbox, Guid? previousRun, CancellationToken cancellationToken)
    {
        var now = Ok(await HotspotsApi.ListHotspotsAsync(db, null, null, bbox, null, cancellationToken)).Features;
        var before = previousRun is { } run ? Ok(await HotspotsApi.ListHotspotsAsync(db, null, null, bbox, run, cancellationToken)).Features : [];
        var beforeById = before.ToDictionary(f => f.Id);
        var nowById = now.ToDictionary(f => f.Id);
        var gone = before.Where(f => !nowById.ContainsKey(f.Id)).Select(f => f.Id).ToList();
        var lineage = await db.HotspotLineage.AsNoTracking().Where(l => gone.Contains(l.FromHotspotId))
            .Select(l => new { l.FromHotspotId, l.Kind, l.ToHotspotId }).ToListAsync(cancellationToken);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var f in now)
        {
            var was = beforeById.GetValueOrDefault(f.Id);
            var change = was is null ? "appeared" : was.Properties.Trend != f.Properties.Trend ? "trend_changed"
                : was.Properties.ReportCount != f.Properties.ReportCount ? "count_changed" : null;
            if (change is not null)
            {
                rows.Add([f.Id.ToString(), change, Code(was?.Properties.Trend), Code(f.Properties.Trend), Number(was?.Properties.ReportCount),
                    Number(f.Properties.ReportCount), ""]);
            }
        }

        foreach (var f in before.Where(f => !nowById.ContainsKey(f.Id)))
        {
            var into = lineage.Where(l => l.FromHotspotId == f.Id).ToList();
            rows.Add([f.Id.ToString(), into.Count == 0 ? "gone" : Code(into[0].Kind), Code(f.Properties.Trend), "",
                Number(f.Properties.ReportCount), "", string.Join(" ", into.Select(l => l.ToHotspotId))]);
        }

        return new PackTable("changes", "Changes since the last meeting",
            previousRun is null
                ? "No hotspot run was published before the period began: every hotspot in the area is listed as appeared."
                : $"Against run {previousRun}, the last published before the period began (GET /api/hotspots?runId={previousRun}&bbox=).",
            ["Hotspot id", "Change", "Trend before", "Trend now", "Reports before", "Reports now", "Split or merged into"], rows);
    }

    /// <summary>
    /// Premises in the area named by reports of the period, with the reports that name them as their check lists them:
    /// the check's own queries (<see cref="ReportConcerns"/>, <see cref="NearbyHotspots"/>), asked once of every premises.
    /// </summary>
    private static async Task<PackTable> PremisesTableAsync(HotspotIntelDbContext db, MeetingPack pack, List<SecurityMarking> markings,
        SortedSet<string> conditions, CancellationToken cancellationToken)
    {
        var (from, to, area) = (pack.PeriodFrom, pack.PeriodTo, pack.Area);
        var named = await db.Reports.Where(r => r.OccurredAt >= from && r.OccurredAt < to).SelectMany(r => r.Premises)
            .Where(p => p.Location.Intersects(area)).Select(p => new { p.Id, p.Name, p.PremisesType }).Distinct()
            .OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var ids = named.Select(p => p.Id).ToList();
        var checks = await ReportConcerns.ListByKeyAsync(db, MentionedKind.Premises, [.. ids.Select(id => (id, id))], cancellationToken);
        var nearby = await NearbyHotspots.ListAsync(db, PremisesApi.CheckedPlaces(db.Premises.Where(p => ids.Contains(p.Id))),
            NearbyHotspots.DefaultRadiusMeters, cancellationToken);
        var rows = new List<IReadOnlyList<string>>();
        var listed = new List<Guid>();
        foreach (var premises in named)
        {
            var check = checks.GetValueOrDefault(premises.Id, ConcernList.None);
            var inPeriod = check.Concerns.Where(r => r.OccurredAt >= from && r.OccurredAt < to).ToList();
            if (inPeriod.Count == 0)
            {
                continue;
            }

            listed.AddRange(inPeriod.Select(r => r.ReportId));
            rows.Add([premises.Id.ToString(), premises.Name, Code(premises.PremisesType), Number(inPeriod.Count), Number(check.Concerns.Count),
                Time(inPeriod.Max(r => r.OccurredAt)), Number(nearby.GetValueOrDefault(premises.Id)?.Count ?? 0)]);
        }

        await NoteRestrictionsAsync(db, listed, markings, conditions, cancellationToken);
        return new PackTable("premises", "Premises with concerns",
            "Premises in the area named by reports in the period, as GET /api/premises/{id}/concerns lists them (hotspots within 500 m).",
            [PackNamedRecords.PremisesId, "Name", "Type", "Concerns in period", "Concerns in all", "Latest concern", "Hotspots within 500 m"], rows);
    }

    /// <summary>
    /// Vehicles named by reports in the area in the period, with the reports that name them as their check lists them:
    /// each as the vehicle it stands for with those merged into it (<see cref="MergedRecords"/>), asked once of every vehicle.
    /// </summary>
    private static async Task<PackTable> VehiclesTableAsync(HotspotIntelDbContext db, MeetingPack pack, List<SecurityMarking> markings,
        SortedSet<string> conditions, CancellationToken cancellationToken)
    {
        var (from, to, area) = (pack.PeriodFrom, pack.PeriodTo, pack.Area);
        // The period's reports in the area first, kept apart by OFFSET 0, then what they name: under row-level security the
        // planner guesses a few hundred vehicles and a few reports, and joined them the other way round, every vehicle
        // against every mention (over 30 s at 1M reports; under 1 s this way round).
        var namedIds = await db.Database.SqlQuery<Guid>($"""
            SELECT DISTINCT rv.vehicle_id AS "Value"
            FROM (SELECT r.id FROM intelligence_reports r
                  WHERE r.occurred_at >= {from} AND r.occurred_at < {to} AND bbox_overlaps(r.location, {area}) AND ST_Intersects(r.location, {area})
                  OFFSET 0) r
            JOIN report_vehicles rv ON rv.report_id = r.id
            """).ToListAsync(cancellationToken);
        var named = await db.Vehicles.Where(v => namedIds.Contains(v.Id)).Select(v => new { v.Id, v.RegistrationMark })
            .OrderBy(v => v.RegistrationMark).ThenBy(v => v.Id).ToListAsync(cancellationToken);
        var merged = await MergedRecords.OfVehiclesAsync(db, [.. named.Select(v => v.Id)], cancellationToken);
        var checks = await ReportConcerns.ListByKeyAsync(db, MentionedKind.Vehicle,
            [.. merged.SelectMany(vehicle => vehicle.Value.All.Select(id => (vehicle.Key, id)))], cancellationToken);
        var rows = new List<IReadOnlyList<string>>();
        var listed = new List<Guid>();
        foreach (var vehicle in named)
        {
            var check = checks.GetValueOrDefault(vehicle.Id, ConcernList.None);
            var inPeriod = check.Concerns.Where(r => r.OccurredAt >= from && r.OccurredAt < to).ToList();
            if (inPeriod.Count == 0)
            {
                continue;
            }

            listed.AddRange(inPeriod.Select(r => r.ReportId));
            rows.Add([vehicle.Id.ToString(), vehicle.RegistrationMark, Number(inPeriod.Count), Number(check.Concerns.Count), Time(inPeriod.Max(r => r.OccurredAt))]);
        }

        await NoteRestrictionsAsync(db, listed, markings, conditions, cancellationToken);
        return new PackTable("vehicles", "Vehicles with concerns",
            "Vehicles named by reports in the area in the period, as GET /api/vehicles/{id}/concerns lists them (concerns anywhere in the period).",
            [PackNamedRecords.VehicleId, "Registration mark", "Concerns in period", "Concerns in all", "Latest concern"], rows);
    }

    /// <summary>The markings and handling conditions of the reports a table lists: one query for the whole table.</summary>
    private static async Task NoteRestrictionsAsync(HotspotIntelDbContext db, List<Guid> reportIds, List<SecurityMarking> markings,
        SortedSet<string> conditions, CancellationToken cancellationToken)
    {
        var ids = reportIds.Distinct().ToList();
        var restrictions = await db.Reports.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new { r.SecurityMarking, r.HandlingConditions }).Distinct().ToListAsync(cancellationToken);
        markings.AddRange(restrictions.Select(r => r.SecurityMarking));
        conditions.UnionWith(restrictions.Select(r => r.HandlingConditions).OfType<string>());
    }

    /// <summary>Every action of the board with these statuses at places in the area, page by page, as GET /api/disruption-actions?status=&amp;bbox= lists them.</summary>
    internal static async Task<List<DisruptionActionView>> BoardAsync(HotspotIntelDbContext db, TimeProvider time, string[] statuses, string? bbox,
        CancellationToken cancellationToken)
    {
        var all = new List<DisruptionActionView>();
        string? cursor = null;
        do
        {
            var page = Ok(await DisruptionActionsApi.ListDisruptionActionsAsync(db, time, statuses, null, null, null, null, null, null, null, null, bbox,
                new PagingRequest { Limit = 1000, Cursor = cursor }, cancellationToken));
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    private static PackTable ActionsTable(List<DisruptionActionView> open, Dictionary<Guid, string> agencies) => new(
        "actions", "Open and overdue actions by owner agency",
        "Open actions (proposed, agreed, in progress) at places in the area (a hotspot, premises or named place) that you may read, and those past their due date, by the agency that carries them out.",
        ["Owner agency id", "Owner agency", "Open", "Overdue"],
        [.. open.GroupBy(a => a.OwnerAgencyId).OrderBy(g => agencies.GetValueOrDefault(g.Key, ""), StringComparer.Ordinal).ThenBy(g => g.Key)
            .Select(g => (IReadOnlyList<string>)[g.Key.ToString(), agencies.GetValueOrDefault(g.Key, ""), Number(g.Count()), Number(g.Count(a => a.Overdue))])]);

    private static async Task<PackTable> FrequentlyMissingTableAsync(HotspotIntelDbContext db, TimeProvider time, PartnershipOptions partnership,
        MeetingPack pack, CancellationToken cancellationToken)
    {
        var thisMonth = time.GetUtcNow().UtcDateTime;
        var last = pack.PeriodTo.AddTicks(-1).UtcDateTime;
        last = last > thisMonth ? thisMonth : last;
        var first = pack.PeriodFrom.UtcDateTime;
        first = first > last ? last : first;
        if ((last.Year - first.Year) * 12 + last.Month - first.Month >= MissingEpisodesApi.MostMonths)
        {
            first = last.AddMonths(1 - MissingEpisodesApi.MostMonths);
        }

        var (fromMonth, toMonth) = (first.ToString("yyyy-MM", CultureInfo.InvariantCulture), last.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var counts = Ok(await MissingEpisodesApi.CountFrequentlyMissingAsync(db, time, Options.Create(partnership), "ward", fromMonth, toMonth, cancellationToken));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var month in counts.Months)
        {
            rows.Add([month.Month, "all", month.Suppressed ? "withheld" : Number(month.Children)]);
            rows.AddRange(month.Areas.Select(a => (IReadOnlyList<string>)[month.Month, a.Area, a.Suppressed ? "withheld" : Number(a.Children)]));
        }

        return new PackTable("frequently-missing", "Frequently missing children (counts)",
            $"Children with {counts.EpisodeThreshold} or more missing episodes in {counts.WindowDays} days at each month's end, in all and by ward where found, "
            + $"as GET /api/missing-episodes/frequently-missing?from={fromMonth}&to={toMonth} counts them: counts only, counts below {counts.SuppressedBelow} withheld.",
            ["Month", "Ward", "Children"], rows);
    }

    private static PackTable ImpactTable(List<ActionImpactView> impacts, List<DisruptionActionView> done) => new(
        "impact", "Impact of actions completed in the period",
        "Each action done in the period at a place in the area, as GET /api/disruption-actions/{id}/impact assesses it with its defaults (ring comparison, 26 weeks each side).",
        [PackNamedRecords.ActionId, "Tactic", "Target", "Done on", "Verdict", "Change (%)", "Change, lower bound (%)", "Change, upper bound (%)", "Target reports before", "Target reports after"],
        [.. impacts.Zip(done).Select(pair =>
        {
            var (impact, action) = pair;
            var assessment = impact.Assessment;
            var estimate = assessment?.Estimate;
            return (IReadOnlyList<string>)[impact.ActionId.ToString(), impact.TacticCode, Code(impact.TargetKind), Day(action.DoneOn),
                assessment is null ? "not_assessable" : Code(assessment.Verdict), Number(estimate?.PercentChange), Number(estimate?.PercentChangeLower),
                Number(estimate?.PercentChangeUpper), Number(assessment?.TargetBefore), Number(assessment?.TargetAfter)];
        })]);

    /// <summary>
    /// Reports per risk indicator in the area and period (GET /api/reports/indicator-counts?bbox=&amp;from=&amp;to=), and
    /// among each hotspot's member reports (GET /api/hotspots/{id}/indicator-counts): counts only, small ones withheld
    /// for readers who see masked places.
    /// </summary>
    private static async Task<PackTable> IndicatorsTableAsync(HotspotIntelDbContext db, MeetingPack pack, IReadOnlyList<Feature<HotspotProperties>> hotspots,
        CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<string>>();
        var inArea = await IndicatorCounts.CountAsync(db, pack.Area, ReportFilter.None with { From = pack.PeriodFrom, To = pack.PeriodTo }, cancellationToken);
        rows.AddRange(inArea.Indicators.Select(i => (IReadOnlyList<string>)["area, period", i.Code, i.Label, i.Suppressed ? "withheld" : Number(i.Reports)]));
        foreach (var hotspot in hotspots)
        {
            var counts = Ok(await HotspotsApi.GetHotspotIndicatorCountsAsync(hotspot.Id, null, db, cancellationToken));
            rows.AddRange(counts.Indicators.Select(i => (IReadOnlyList<string>)[$"hotspot {hotspot.Id}", i.Code, i.Label, i.Suppressed ? "withheld" : Number(i.Reports)]));
        }

        return new PackTable("indicators", "Risk indicators",
            "Reports per risk indicator in the area in the period (as GET /api/reports/indicator-counts counts them), and among each hotspot's reports "
            + "(GET /api/hotspots/{id}/indicator-counts): counts only.",
            ["Counted in", "Indicator code", "Indicator", "Reports"], rows);
    }

    /// <summary>The basemap's streets and ward boundaries round the area (not personal data: every reader gets all of it).</summary>
    private static async Task<List<BasemapFeature>> BasemapAsync(HotspotIntelDbContext db, Envelope area, CancellationToken cancellationToken)
    {
        var connection = await NetworkStore.OpenAsync(db, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT layer, kind, name, geom FROM basemap_features
            WHERE layer IN ('street', 'ward') AND geom && ST_MakeEnvelope($1, $2, $3, $4, 4326)
            ORDER BY layer DESC, id LIMIT 20000
            """, connection);
        var (dx, dy) = (area.Width * 0.5, area.Height * 0.5);
        foreach (var value in new[] { area.MinX - dx, area.MinY - dy, area.MaxX + dx, area.MaxY + dy })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var features = new List<BasemapFeature>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            features.Add(new BasemapFeature(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetFieldValue<Geometry>(3)));
        }

        return features;
    }
}
