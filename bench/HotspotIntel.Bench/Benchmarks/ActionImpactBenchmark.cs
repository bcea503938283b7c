using System.Diagnostics;
using System.Globalization;
using HotspotIntel.Analysis.Impact;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.DisruptionActions;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.MapClient;
using HotspotIntel.Core.Tasking;
using Npgsql;

namespace HotspotIntel.Bench.Benchmarks;

/// <summary>
/// <c>action-impact</c>: the impact of every done disruption action (issue 15 §3) at a city's scale, as the action board
/// (one action's impact) and the meeting pack (every done action, per tactic) ask for it. Done actions against the city's
/// premises and named places are recorded as the schema owner, started at dates spread over the city's reports; then
/// each action's impact is timed through the API's own code path (<see cref="ActionImpactApi.AssessAsync"/>: one counting
/// query under an analyst's row-level security and <c>reports_for_role</c>, then the assessment), against the read floor
/// measured in the same run: bare SQL as the schema owner counting the same areas and windows straight from
/// <c>intelligence_reports</c>, with no row-level security and no view.
/// </summary>
internal static class ActionImpactBenchmark
{
    public static async Task<int> RunAsync(CommandOptions options, CancellationToken cancellationToken)
    {
        var server = options.Text("server") ?? Environment.GetEnvironmentVariable("HOTSPOTINTEL_BENCH_SERVER") ?? BenchDatabase.DefaultServer;
        var city = new SyntheticCity(options.Scale("50000"), options.Seed);
        var actionCount = options.Number("actions", 500);
        var windowDays = options.Number("window-days", 182);
        var matched = options.Text("comparison") == "matched";
        var areas = new ImpactAreas(150, 250, 1000, matched ? ImpactComparison.Matched : ImpactComparison.Ring, options.Number("matched-areas", 5));
        var database = await MapBenchmark.PrepareDatabaseAsync(server, city, options.Flag("reuse"), cancellationToken);
        var agencyId = city.Agencies.Police.Id;

        await using var owner = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 0 }.ConnectionString);
        await RecordActionsAsync(owner, agencyId, actionCount, windowDays, cancellationToken);
        await using var application = NpgsqlDataSource.Create(BenchDatabase.AsApplication(database));
        await using var connection = await application.OpenConnectionAsync(cancellationToken);
        await new AccessSession("bench-analyst", agencyId, "analyst").ApplyAsync(connection, cancellationToken);
        await using var ownerConnection = await owner.OpenConnectionAsync(cancellationToken);

        var actions = await DoneActionsAsync(connection, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var impactOptions = new ImpactOptions();
        Console.WriteLine($"Timing the impact of {actions.Count:N0} done actions as an analyst, each against its read floor, after a warm-up of 20…");
        foreach (var action in actions.Take(20))
        {
            var view = await ActionImpactApi.AssessAsync(connection, action, windowDays, areas, now, impactOptions, cancellationToken);
            await FloorAsync(ownerConnection, action, windowDays, areas, now, cancellationToken);
            await MatchedFloorAsync(connection, ownerConnection, action, view, windowDays, areas, now, cancellationToken);
        }

        var (api, floor) = (new List<double>(), new List<double>());
        var verdicts = new List<ActionImpact>();
        var apiReports = 0L;
        var floorReports = 0L;
        var total = Stopwatch.StartNew();
        foreach (var action in actions)
        {
            var watch = Stopwatch.StartNew();
            var view = await ActionImpactApi.AssessAsync(connection, action, windowDays, areas, now, impactOptions, cancellationToken);
            api.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            floorReports += await FloorAsync(ownerConnection, action, windowDays, areas, now, cancellationToken);
            floor.Add(watch.Elapsed.TotalMilliseconds);
            var (matchedMs, matchedReports) = await MatchedFloorAsync(connection, ownerConnection, action, view, windowDays, areas, now, cancellationToken);
            floor[^1] += matchedMs;
            floorReports += matchedReports;
            apiReports += view.Series.Sum(bin => (long)bin.Target + bin.Ring + bin.Comparison);
            if (view.Assessment is { } assessment)
            {
                verdicts.Add(new ActionImpact(action.TacticCode, assessment));
            }
        }

        total.Stop();
        var pack = Stopwatch.StartNew();
        var tactics = TacticImpactSummaries.Summarise(verdicts, impactOptions);
        pack.Stop();

        var invariant = CultureInfo.InvariantCulture;
        var counts = VerdictCounts.Of(verdicts.Select(v => v.Assessment.Verdict));
        Console.WriteLine();
        Console.WriteLine(string.Create(invariant, $"Action impact, city of {city.Scale.Reports:N0} reports, {actions.Count:N0} done actions (premises and named places), windows up to {windowDays} days in weeks,"));
        Console.WriteLine(matched
            ? string.Create(invariant, $"target 150 m, ring to 250 m beyond it, compared with {areas.MatchedAreas} matched areas within {areas.MatchRadiusMetres:N0} m; one connection, one action at a time")
            : string.Create(invariant, $"target 150 m, ring to 250 m and comparison to 1,000 m beyond it; one connection, one action at a time:"));
        if (matched)
        {
            Console.WriteLine("(the floor counts the rings bare, then the same candidates bare by the same two-step queries; finding the candidates is the API's own work, in its time only)");
        }

        Console.WriteLine(string.Create(invariant, $"API code path (RLS + reports_for_role + assessment)  total {api.Sum() / 1000,8:F2} s   p50 {Percentiles.Of(api, 0.5),7:F2} ms   p95 {Percentiles.Of(api, 0.95),7:F2} ms   max {api.Max(),7:F1} ms"));
        Console.WriteLine(string.Create(invariant, $"read floor (bare SQL as owner, same areas/windows)   total {floor.Sum() / 1000,8:F2} s   p50 {Percentiles.Of(floor, 0.5),7:F2} ms   p95 {Percentiles.Of(floor, 0.95),7:F2} ms   max {floor.Max(),7:F1} ms"));
        Console.WriteLine(string.Create(invariant, $"API / floor: total {api.Sum() / floor.Sum():F2}, p50 {Percentiles.Of(api, 0.5) / Percentiles.Of(floor, 0.5):F2}, p95 {Percentiles.Of(api, 0.95) / Percentiles.Of(floor, 0.95):F2}"));
        Console.WriteLine(string.Create(invariant, $"reports counted in all areas: API {apiReports:N0}, floor {floorReports:N0} (the analyst reads fewer than the owner when others' reports are not shared{(matched ? "; both count the chosen matched areas, and the floor also the comparison ring" : "")})"));
        Console.WriteLine(string.Create(invariant, $"per-tactic pooling of {verdicts.Count:N0} assessments into {tactics.Count} tactics: {pack.Elapsed.TotalMilliseconds:F1} ms"));
        Console.WriteLine(string.Create(invariant, $"not assessable (a target the analyst may not see): {actions.Count - verdicts.Count}"));
        Console.WriteLine(string.Create(invariant, $"verdicts: too early {counts.TooEarly}, insufficient data {counts.InsufficientData}, too uncertain {counts.TooUncertain}, no clear change {counts.NoClearChange}, reduced {counts.Reduced}, increased {counts.Increased}"));
        Console.WriteLine(string.Create(invariant, $"wall time of the measured loop (API and floor interleaved): {total.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>
    /// <paramref name="count"/> done actions of <paramref name="agencyId"/> against the city's premises and named places
    /// (repeating them when asked for more than there are), started on days spread from a window after the first
    /// report to the last report's day; replaces any the benchmark recorded before.
    /// </summary>
    internal static async Task RecordActionsAsync(NpgsqlDataSource owner, Guid agencyId, int count, int windowDays, CancellationToken cancellationToken)
    {
        await using (var delete = owner.CreateCommand("DELETE FROM disruption_actions WHERE outcome = 'Synthetic: benchmark action'"))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = owner.CreateCommand("""
            WITH targets AS (
                SELECT row_number() OVER (ORDER BY md5(id::text)) - 1 AS n, kind, id FROM (
                    SELECT 'premises' AS kind, id FROM premises UNION ALL SELECT 'location', id FROM locations) t),
            span AS (SELECT min(occurred_at)::date + $3 AS first_day, max(occurred_at)::date AS last_day FROM intelligence_reports),
            picked AS (
                SELECT i, t.kind, t.id, s.first_day + ((s.last_day - s.first_day) * ((i * 7919) % $2) / $2) AS start_on
                FROM generate_series(0, $2 - 1) i
                CROSS JOIN span s
                JOIN targets t ON t.n = i % (SELECT count(*) FROM targets))
            INSERT INTO disruption_actions (id, agency_id, tactic_code, target_kind, premises_id, location_id, owner_agency_id, status,
                start_on, due_on, done_on, outcome, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
            SELECT gen_random_uuid(), $1,
                   CASE WHEN kind = 'location' THEN 'patrols' ELSE (ARRAY['patrols', 'premises_licence_review', 'closure_notice_and_order'])[1 + i % 3] END,
                   kind, CASE WHEN kind = 'premises' THEN id END, CASE WHEN kind = 'location' THEN id END, $1, 'done',
                   start_on, start_on + 28, start_on + 28, 'Synthetic: benchmark action', 'P', 'OFFICIAL', 'law_enforcement',
                   current_date + 365, now(), now()
            FROM picked
            """);
        command.Parameters.Add(new() { Value = agencyId });
        command.Parameters.Add(new() { Value = count });
        command.Parameters.Add(new() { Value = windowDays });
        await command.ExecuteNonQueryAsync(cancellationToken);
        await using var analyze = owner.CreateCommand("ANALYZE disruption_actions");
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The done actions the analyst reads, as the per-tactic endpoint loads them.</summary>
    private static async Task<List<DisruptionAction>> DoneActionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT id, tactic_code, target_kind, premises_id, location_id, start_on FROM disruption_actions
            WHERE status = 'done' AND target_kind IN ('hotspot', 'premises', 'location') ORDER BY id
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var actions = new List<DisruptionAction>();
        while (await reader.ReadAsync(cancellationToken))
        {
            actions.Add(new DisruptionAction
            {
                Id = reader.GetGuid(0),
                TacticCode = reader.GetString(1),
                TargetKind = reader.GetString(2) == "premises" ? ActionTargetKind.Premises : ActionTargetKind.Location,
                PremisesId = reader.IsDBNull(3) ? null : reader.GetGuid(3),
                LocationId = reader.IsDBNull(4) ? null : reader.GetGuid(4),
                Status = ActionStatus.Done,
                StartOn = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
            });
        }

        return actions;
    }

    /// <summary>
    /// With matched comparison, the read floor's second part: the candidate areas the API found (found here untimed, on
    /// the analyst's connection) matched to the target's counts as the API read them and counted by the same queries
    /// as the schema owner straight from the table (every candidate's before window, then each chosen one's after
    /// window); (0, 0) for the ring or an action the API could not assess.
    /// </summary>
    private static async Task<(double Milliseconds, long Reports)> MatchedFloorAsync(NpgsqlConnection analyst, NpgsqlConnection owner,
        DisruptionAction action, ActionImpactView view, int windowDays, ImpactAreas areas, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (areas.Comparison != ImpactComparison.Matched || !view.Assessable)
        {
            return (0, 0);
        }

        var start = new DateTimeOffset(action.StartOn!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var windows = ImpactWindows.Plan(start, now, ActionImpactApi.BinDays, windowDays / ActionImpactApi.BinDays);
        var targetId = action.TargetKind == ActionTargetKind.Premises ? action.PremisesId!.Value : action.LocationId!.Value;
        var grid = await MatchedAreaCounter.FindCandidatesAsync(analyst, action.Id, action.TargetKind, targetId, windows, areas, cancellationToken);
        if (grid is null)
        {
            return (0, 0);
        }

        var target = new AreaCounts([.. view.Series.Where(bin => bin.Window == ImpactWindow.Before).Select(bin => bin.Target)],
            [.. view.Series.Where(bin => bin.Window == ImpactWindow.After).Select(bin => bin.Target)]);
        var watch = Stopwatch.StartNew();
        var matches = await MatchedAreaCounter.MatchInGridAsync(owner, MatchedAreaCounter.CountSql("intelligence_reports"), grid, windows, target,
            areas.MatchedAreas, cancellationToken);
        return (watch.Elapsed.TotalMilliseconds, matches.Sum(match => (long)match.Counts.Total));
    }

    /// <summary>
    /// The read floor: the same areas' reports in the same bins, counted as the schema owner straight from the table
    /// (no row-level security, no view, no assessment), with the target's geometry read and its zones drawn in the same
    /// query, as <see cref="ImpactAreaCounter"/> draws them.
    /// </summary>
    private static async Task<long> FloorAsync(NpgsqlConnection owner, DisruptionAction action, int windowDays, ImpactAreas areas, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(action.StartOn!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var windows = ImpactWindows.Plan(start, now, ActionImpactApi.BinDays, windowDays / ActionImpactApi.BinDays);
        var target = action.TargetKind == ActionTargetKind.Premises
            ? "SELECT ST_Transform(location, 27700) AS geom FROM premises WHERE id = $1"
            : "SELECT ST_Transform(geometry, 27700) AS geom FROM locations WHERE id = $1";
        await using var command = new NpgsqlCommand($"""
            WITH t AS ({target}),
            a AS MATERIALIZED (SELECT {ImpactAreaCounter.Zone("radius")} AS inner_zone, {ImpactAreaCounter.Zone("radius + $3")} AS ring_zone,
                         {ImpactAreaCounter.Zone("radius + $4")} AS outer_zone
                  FROM (SELECT geom, $2::float8 AS radius FROM t) g),
            p AS MATERIALIZED (
                SELECT floor(extract(epoch FROM r.occurred_at - $5)::float8 / $6)::int AS bin,
                       CASE WHEN ST_Intersects(a.inner_zone, r.location) THEN 0 WHEN ST_Intersects(a.ring_zone, r.location) THEN 1 ELSE 2 END AS zone
                FROM a JOIN intelligence_reports r ON ST_Intersects(r.location, a.outer_zone)
                WHERE r.occurred_at >= $7 AND r.occurred_at < $8)
            SELECT coalesce(sum(n), 0)::bigint FROM (
                SELECT bin, count(*) FILTER (WHERE zone = 0) + count(*) FILTER (WHERE zone = 1) + count(*) FILTER (WHERE zone = 2) AS n
                FROM p GROUP BY bin) c
            """, owner);
        command.Parameters.Add(new() { Value = action.TargetKind == ActionTargetKind.Premises ? action.PremisesId!.Value : action.LocationId!.Value });
        command.Parameters.Add(new() { Value = areas.TargetRadiusMetres });
        command.Parameters.Add(new() { Value = areas.RingMetres });
        command.Parameters.Add(new() { Value = areas.CountedMetres });
        command.Parameters.Add(new() { Value = windows.ActionStart.UtcDateTime });
        command.Parameters.Add(new() { Value = windows.BinDays * 86400.0 });
        command.Parameters.Add(new() { Value = windows.BeforeStart.UtcDateTime });
        command.Parameters.Add(new() { Value = windows.AfterEnd.UtcDateTime });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
