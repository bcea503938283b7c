using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Hotspots;

/// <summary>
/// A hotspot's figures as each reader sees them come from summaries made when the run is written (migration 0039), and
/// from the member reports themselves once a member changed since: both must say exactly what the rules of issue 18 §4
/// say, for every kind of reader, before and after a change.
/// </summary>
public sealed class HotspotFiguresMadeAheadTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly HotspotScenario _scenario = new(database);

    // Everything a reader is told about each hotspot of the published run, as one string.
    private const string SeenSql = """
        SELECT coalesce(string_agg(concat_ws(' ', hotspot_id, report_count, round(weighted_score::numeric, 6), top_categories,
                   linked_vehicle_count, linked_person_count, first_report_at, last_report_at, premises_ids, ST_AsText(ST_SnapToGrid(area, 1e-9))),
                   ' | ' ORDER BY hotspot_id), '')
        FROM hotspots_seen(NULL, NULL)
        """;

    [Fact]
    public async Task Figures_made_ahead_are_those_counted_from_the_member_reports_for_every_kind_of_reader()
    {
        var (owner, partner, unshared) = await CityAsync("HFA");
        var readers = Readers(owner, partner, unshared);
        var ahead = await SeenByAsync(readers);
        await database.ExecuteAsync("INSERT INTO hotspot_stale (run_id, hotspot_id) SELECT run_id, hotspot_id FROM hotspot_history ON CONFLICT DO NOTHING");

        var counted = await SeenByAsync(readers);

        Assert.Equal(counted, ahead);
        // The comparison means something: readers are told different things, persons included.
        Assert.True(ahead.Distinct().Count() >= 4, string.Join("\n", ahead));
        Assert.True(await database.CountAsSessionAsync(owner, "analyst", "SELECT count(*) FROM hotspots_seen(NULL, NULL) WHERE linked_person_count > 0") > 0);
    }

    [Fact]
    public async Task A_change_to_a_member_report_or_its_mentions_shows_at_once_without_a_new_run()
    {
        var (owner, partner, unshared) = await CityAsync("HFC");
        var readers = Readers(owner, partner, unshared);
        var before = await SeenByAsync(readers);

        // The owner restricts its cluster's reports (the partner may no longer count them), deletes one and names a person in another.
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET handling_code = 'C', handling_conditions = 'Synthetic: owner only'
            WHERE agency_id = '{owner}' AND id IN (SELECT report_id FROM hotspot_members);
            DELETE FROM intelligence_reports WHERE id = (SELECT report_id FROM hotspot_members m JOIN intelligence_reports r ON r.id = m.report_id
                                                        WHERE r.agency_id = '{unshared}' ORDER BY r.id LIMIT 1);
            INSERT INTO report_persons (report_id, person_id)
            SELECT r.report_id, p.id
            FROM (SELECT m.report_id FROM hotspot_members m JOIN intelligence_reports r ON r.id = m.report_id
                  WHERE r.agency_id = '{unshared}' AND NOT r.mentions_child ORDER BY r.id LIMIT 1) r
            CROSS JOIN persons p
            WHERE p.agency_id = '{unshared}'
              AND NOT EXISTS (SELECT 1 FROM report_persons x WHERE x.report_id = r.report_id AND x.person_id = p.id)
            ORDER BY p.id LIMIT 1;
            """);
        var afterChange = await SeenByAsync(readers);
        await database.ExecuteAsync("INSERT INTO hotspot_stale (run_id, hotspot_id) SELECT run_id, hotspot_id FROM hotspot_history ON CONFLICT DO NOTHING");
        var countedNow = await SeenByAsync(readers);
        await database.ExecuteAsync("SELECT summarise_hotspot_members(run_id) FROM (SELECT DISTINCT run_id FROM hotspot_history) r");
        var summarisedAgain = await SeenByAsync(readers);

        Assert.Equal(countedNow, afterChange);
        Assert.Equal(countedNow, summarisedAgain);
        Assert.NotEqual(before[2], afterChange[2]);
        Assert.NotEqual(before[4], afterChange[4]);
    }

    /// <summary>
    /// Three agencies' reports in two clusters over a uniform background, the owner sharing with the partner only; some
    /// reports child-linked, and persons of each agency named in reports of the clusters; then a published full run.
    /// </summary>
    private async Task<(Guid Owner, Guid Partner, Guid Unshared)> CityAsync(string code)
    {
        var owner = await _scenario.StartAsync(code + "1");
        var partner = await TestData.CreateAgencyAsync(database.Application, code + "2");
        var unshared = await TestData.CreateAgencyAsync(database.Application, code + "3");
        await TestData.ShareAsync(database.Application, owner, partner);
        await _scenario.AddUniformAsync(owner, 400, 0.31);
        await _scenario.AddClusterAsync(owner, 2210, 1630, 100, 40, 0.32);
        await _scenario.AddClusterAsync(partner, 2210, 1630, 60, 10, 0.33);
        await _scenario.AddClusterAsync(unshared, 2210, 1630, 60, 10, 0.34);
        await _scenario.AddClusterAsync(owner, 800, 800, 100, 40, 0.35);
        await _scenario.AddClusterAsync(unshared, 800, 800, 60, 8, 0.36);
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET mentions_child = true
            WHERE id IN (SELECT id FROM intelligence_reports
                         ORDER BY ST_Distance(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700)) LIMIT 6);
            """);
        foreach (var agency in new[] { owner, partner, unshared })
        {
            using var analyst = database.Application.CreateClient(UserRole.Analyst, agency);
            for (var i = 0; i < 3; i++)
            {
                await analyst.CreateAsync("/api/persons", EntityTestData.Person(givenNames: $"Example {i}"));
            }
        }

        // Each person named in four reports near the clusters, of any agency: so persons span agencies, handling and child-linked reports.
        await database.ExecuteAsync($"""
            INSERT INTO report_persons (report_id, person_id)
            SELECT r.id, p.id
            FROM persons p
            CROSS JOIN LATERAL (SELECT id FROM intelligence_reports
                                WHERE ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700), 120)
                                   OR ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(800, 800)}, 27700), 120)
                                ORDER BY md5(p.id::text || id::text) LIMIT 4) r
            WHERE p.agency_id IN ('{owner}', '{partner}', '{unshared}')
            ON CONFLICT DO NOTHING;
            """);
        var (_, status) = await _scenario.RunFullAsync();
        Assert.Equal(Core.Hotspots.HotspotRunStatus.Succeeded, status);
        return (owner, partner, unshared);
    }

    private static (Guid Agency, string Role)[] Readers(Guid owner, Guid partner, Guid unshared) =>
    [
        (owner, "analyst"), (owner, "tasking_member"), (partner, "analyst"), (partner, "licensing_officer"), (unshared, "analyst"),
        (unshared, "tasking_member"),
    ];

    private async Task<List<string>> SeenByAsync((Guid Agency, string Role)[] readers)
    {
        var seen = new List<string>();
        foreach (var (agency, role) in readers)
        {
            seen.Add($"{role}@{agency}: " + await database.ScalarAsSessionAsync<string>(agency, role, SeenSql));
        }

        return seen;
    }
}
