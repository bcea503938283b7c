using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Hotspots;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Hotspots;

namespace HotspotIntel.Api.Tests.HotspotRuns;

/// <summary>
/// Missing children's found locations feed the hotspot analysis as points of their own category (issue 15 §2), counted
/// for each reader as they may see them and naming nobody.
/// </summary>
public sealed class FoundLocationHotspotTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly HotspotScenario _scenario = new(database);

    [Fact]
    public async Task A_cluster_of_found_locations_makes_a_hotspot_counted_for_readers_who_may_see_them_only()
    {
        var agencyId = await _scenario.StartAsync("FLH1");
        await database.ExecuteAsync("TRUNCATE missing_episodes CASCADE");
        await _scenario.AddUniformAsync(agencyId, 400, 0.31);
        var childId = Guid.CreateVersion7();
        await database.ExecuteAsync($"""
            INSERT INTO persons (id, agency_id, role, family_name, given_names, handling_code, security_marking, lawful_basis, review_on, created_at, updated_at)
            VALUES ('{childId}', '{agencyId}', 'child_at_risk', 'Synthetic-Found', 'Testchild', 'P', 'OFFICIAL-SENSITIVE', 'law_enforcement', current_date + 365, now(), now());
            SELECT setseed(0.41);
            INSERT INTO missing_episodes (id, agency_id, person_id, missing_from, returned_at, found_location, from_care, handling_code,
                security_marking, lawful_basis, review_on, created_at, updated_at)
            SELECT gen_random_uuid(), '{agencyId}', '{childId}', now() - (s.days + 1) * interval '1 day', now() - s.days * interval '1 day',
                   ST_Transform(ST_SetSRID(ST_MakePoint({HotspotScenario.West + 2210} + 100 * sqrt(s.r) * cos(s.a),
                                                        {HotspotScenario.South + 1630} + 100 * sqrt(s.r) * sin(s.a)), 27700), 4326),
                   false, 'P', 'OFFICIAL-SENSITIVE', 'law_enforcement', current_date + 365, now(), now()
            FROM (SELECT random() AS r, 2 * pi() * random() AS a, random() * 60 AS days FROM generate_series(1, 40)) s;
            """);
        var (runId, status) = await _scenario.RunFullAsync(HotspotScenario.GiStar);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var (_, unshared) = await database.SignInAsync("FLH1U");

        var seenByAnalyst = await HotspotAtClusterAsync(analyst);
        var seenByTaskingMember = await HotspotAtClusterAsync(taskingMember);
        var seenByUnshared = await HotspotAtClusterAsync(unshared);

        Assert.Equal(HotspotRunStatus.Succeeded, status);
        var hotspotId = Assert.Single(await _scenario.CurrentHotspotIdsAsync());
        var foundInIt = await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_episode_members WHERE run_id = '{runId}' AND hotspot_id = '{hotspotId}'");
        var reportsInIt = await database.ScalarAsync<long>($"SELECT count(*) FROM hotspot_members WHERE run_id = '{runId}' AND hotspot_id = '{hotspotId}'");
        Assert.InRange(foundInIt, 35, 40);
        Assert.Equal(440, await database.ScalarAsync<int>($"SELECT report_count FROM hotspot_runs WHERE id = '{runId}'"));
        Assert.Equal(foundInIt, await database.ScalarAsync<int>($"SELECT child_report_count FROM hotspot_history WHERE run_id = '{runId}' AND hotspot_id = '{hotspotId}'"));
        Assert.Equal(foundInIt + reportsInIt, seenByAnalyst!["reportCount"]!.GetValue<int>());
        Assert.Equal("missing_found_location", seenByAnalyst["topCategories"]![0]!["category"]!.GetValue<string>());
        // The child is nobody a hotspot counts: no linked persons come from found locations.
        Assert.Equal(0, seenByAnalyst["linkedPersonCount"]!.GetValue<int>());
        // A masked reader counts found locations only in masking cells shown to them: here, none (no child-linked reports).
        Assert.Equal(reportsInIt, seenByTaskingMember?["reportCount"]?.GetValue<int>() ?? 0);
        Assert.DoesNotContain("missing_found_location", seenByTaskingMember?["topCategories"]?.ToJsonString() ?? "");
        Assert.Null(seenByUnshared);
    }

    /// <summary>The properties of the published hotspot containing the cluster's centre as <paramref name="client"/> sees it, or null.</summary>
    private static async Task<JsonNode?> HotspotAtClusterAsync(HttpClient client)
    {
        var hotspots = await (await client.GetAsync("/api/hotspots")).ReadObjectAsync();
        return hotspots["features"]!.AsArray().Select(feature => feature!["properties"]).SingleOrDefault();
    }
}
