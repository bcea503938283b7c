using System.Globalization;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Hotspots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HotspotIntel.Api.Tests.Hotspots;

/// <summary>
/// Reports placed in British National Grid metres for hotspot tests, and the job run as the scheduler runs it. A hotspot
/// run reads every agency's reports, so each test starts from an empty set of reports and runs.
/// </summary>
internal sealed class HotspotScenario(DatabaseFixture database)
{
    // A 4 km square whose south-west corner is near Birmingham city centre (BNG metres); no real premises or persons.
    public const double West = 405000;
    public const double South = 285000;

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Removes every report, hotspot and run, and makes an agency to record new reports.</summary>
    public async Task<Guid> StartAsync(string agencyCode)
    {
        await database.ExecuteAsync("TRUNCATE intelligence_reports, hotspot_lineage, hotspot_history, hotspots, hotspot_runs CASCADE");
        return await TestData.CreateAgencyAsync(database.Application, agencyCode);
    }

    /// <summary>Reports spread evenly over the 4 km square and over the last year.</summary>
    public Task AddUniformAsync(Guid agencyId, int count, double seed) => AddAsync(agencyId, count, seed,
        $"{Number(West)} + random() * 4000", $"{Number(South)} + random() * 4000", maxDaysAgo: 360);

    /// <summary>Reports spread evenly over a disc of <paramref name="radiusMeters"/> round a point east and north of the square's corner.</summary>
    public Task AddClusterAsync(Guid agencyId, double east, double north, double radiusMeters, int count, double seed, int maxDaysAgo = 60) =>
        AddAsync(agencyId, count, seed,
            $"{Number(West + east)} + {Number(radiusMeters)} * sqrt(s.r) * cos(s.a)",
            $"{Number(South + north)} + {Number(radiusMeters)} * sqrt(s.r) * sin(s.a)", maxDaysAgo);

    /// <summary>Reports evenly along the straight line between two points east and north of the square's corner.</summary>
    public Task AddLineAsync(Guid agencyId, (double East, double North) from, (double East, double North) to, int count, double seed) =>
        AddAsync(agencyId, count, seed,
            $"{Number(West + from.East)} + s.r * {Number(to.East - from.East)}",
            $"{Number(South + from.North)} + s.r * {Number(to.North - from.North)}", maxDaysAgo: 60);

    /// <summary>
    /// Missing episodes of one new child of <paramref name="agencyId"/>, each found at a place spread evenly over a disc of
    /// <paramref name="radiusMeters"/> round a point east and north of the square's corner, in the last 60 days; their ids.
    /// </summary>
    public async Task<List<Guid>> AddFoundLocationsAsync(Guid agencyId, double east, double north, double radiusMeters, int count, double seed)
    {
        var childId = Guid.CreateVersion7();
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await database.ExecuteAsync($"""
            INSERT INTO persons (id, agency_id, role, family_name, given_names, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
            VALUES ('{childId}', '{agencyId}', 'child_at_risk', 'Synthetic-Found', 'Testchild', 'P', 'OFFICIAL-SENSITIVE', 'law_enforcement', current_date + 365, now(), now());
            SELECT setseed({Number(seed)});
            INSERT INTO missing_episodes (id, agency_id, person_id, missing_from, returned_at, found_location, from_care, handling_code,
                security_marking, lawful_basis, review_on, created_at, updated_at)
            SELECT e.id, '{agencyId}', '{childId}', now() - (s.days + 1) * interval '1 day', now() - s.days * interval '1 day',
                   ST_Transform(ST_SetSRID(ST_MakePoint({Number(West + east)} + {Number(radiusMeters)} * sqrt(s.r) * cos(s.a),
                                                        {Number(South + north)} + {Number(radiusMeters)} * sqrt(s.r) * sin(s.a)), 27700), 4326),
                   false, 'P', 'OFFICIAL-SENSITIVE', 'law_enforcement', current_date + 365, now(), now()
            FROM unnest(ARRAY[{string.Join(", ", ids.Select(id => $"'{id}'::uuid"))}]::uuid[]) AS e (id),
                 LATERAL (SELECT random() AS r, 2 * pi() * random() AS a, random() * 60 AS days, e.id AS episode) s;
            """);
        return ids;
    }

    /// <summary>
    /// Gi* on 60 m cells, the default before local excess: for tests whose clusters were laid out for its
    /// neighbourhood-smoothed areas (a line of reports bridging two clusters, a disc counted whole).
    /// </summary>
    public static readonly Analysis.HotspotParameters GiStar = new() { Method = HotspotMethod.GiStar, CellSizeMeters = 60 };

    /// <summary>A scheduled full run, with the configured parameters or with <paramref name="parameters"/>.</summary>
    public async Task<(Guid RunId, HotspotRunStatus? Status)> RunFullAsync(Analysis.HotspotParameters? parameters = null)
    {
        using var scope = database.Application.Services.CreateScope();
        var runId = await scope.ServiceProvider.GetRequiredService<StartFullHotspotRunJob>().RunAsync(CancellationToken.None);
        if (parameters is not null)
        {
            await database.ExecuteAsync($"""
                UPDATE hotspot_runs SET method = '{Core.EnumCodes<HotspotMethod>.ToCode(parameters.Method)}',
                    parameters = '{HotspotParametersJson.Write(parameters)}' WHERE id = '{runId}'
                """);
        }

        await scope.ServiceProvider.GetRequiredService<RunHotspotAnalysisJob>().RunAsync(runId, CancellationToken.None);
        return (runId, await StatusAsync(runId));
    }

    public async Task<HotspotRunStatus?> RunAsync(Guid runId)
    {
        using var scope = database.Application.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RunHotspotAnalysisJob>().RunAsync(runId, CancellationToken.None);
    }

    public async Task<HotspotRunStatus?> StatusAsync(Guid runId) =>
        await database.ScalarAsync<string>($"SELECT status FROM hotspot_runs WHERE id = '{runId}'") is { } status
            ? Core.EnumCodes<HotspotRunStatus>.Parse(status)
            : null;

    /// <summary>The ids of the hotspots the published run found, in id order.</summary>
    public async Task<List<Guid>> CurrentHotspotIdsAsync()
    {
        await using var db = database.CreateDbContext();
        var latest = await PublishedHotspotRun.IdAsync(db, CancellationToken.None);
        return await db.Hotspots.Where(h => h.LatestRunId == latest).Select(h => h.Id).OrderBy(id => id).ToListAsync();
    }

    /// <summary>The ids of the hotspots the run <paramref name="runId"/> found (published or a trial), in id order.</summary>
    public async Task<List<Guid>> HotspotIdsOfRunAsync(Guid runId)
    {
        await using var db = database.CreateDbContext();
        return await db.HotspotHistory.Where(h => h.RunId == runId).Select(h => h.HotspotId).OrderBy(id => id).ToListAsync();
    }

    /// <summary>The WGS84 point <paramref name="east"/>, <paramref name="north"/> metres from the square's corner, as SQL.</summary>
    public static string PointSql(double east, double north) =>
        $"ST_Transform(ST_SetSRID(ST_MakePoint({Number(West + east)}, {Number(South + north)}), 27700), 4326)";

    private Task AddAsync(Guid agencyId, int count, double seed, string eastingSql, string northingSql, int maxDaysAgo) =>
        database.ExecuteAsync($"""
            SELECT setseed({Number(seed)});
            INSERT INTO intelligence_reports (id, agency_id, category, narrative, occurred_at, recorded_at, location,
                location_precision_meters, source_evaluation, intelligence_assessment, handling_code, security_marking,
                lawful_basis, review_on, created_at, updated_at)
            SELECT gen_random_uuid(), '{agencyId}', 'child_with_adults', 'Synthetic: hotspot test report',
                   now() - s.days * interval '1 day', now(),
                   ST_Transform(ST_SetSRID(ST_MakePoint({eastingSql}, {northingSql}), 27700), 4326),
                   25, '1', 'A', 'P', 'OFFICIAL', 'law_enforcement', current_date + 365, now(), now()
            FROM (SELECT random() AS r, 2 * pi() * random() AS a, random() * {maxDaysAgo} AS days FROM generate_series(1, {count})) s;
            """);
}
