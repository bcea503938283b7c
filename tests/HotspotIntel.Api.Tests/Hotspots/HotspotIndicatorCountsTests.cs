using System.Net;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.Hotspots;

/// <summary>
/// A hotspot's reports per risk indicator (issue 16 §4), counted as its figures are: only reports the reader's agency
/// may read, small counts withheld from masked readers, nothing for a hotspot the reader may not see.
/// </summary>
public sealed class HotspotIndicatorCountsTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private readonly HotspotScenario _scenario = new(database);

    [Fact]
    public async Task An_agency_without_a_sharing_agreement_counts_only_its_own_reports_indicators()
    {
        var owner = await _scenario.StartAsync("HIC1");
        var unshared = await TestData.CreateAgencyAsync(database.Application, "HIC2");
        await _scenario.AddUniformAsync(owner, 400, 0.31);
        await _scenario.AddClusterAsync(owner, 2210, 1630, 100, 40, 0.32);
        await _scenario.AddClusterAsync(unshared, 2210, 1630, 30, 6, 0.33);
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET indicator_codes = ARRAY['going_missing', 'gifts_or_money']
            WHERE agency_id = '{unshared}' AND ctid IN (SELECT ctid FROM intelligence_reports WHERE agency_id = '{unshared}' LIMIT 4);
            UPDATE intelligence_reports SET indicator_codes = ARRAY['going_missing']
            WHERE agency_id = '{owner}' AND ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700), 100);
            """);
        var (runId, _) = await _scenario.RunFullAsync();
        var hotspot = await HotspotAtClusterAsync(runId);
        var expected = await MemberCountsAsync(runId, hotspot);
        using var reader = database.Application.CreateClient(UserRole.Analyst, unshared);
        using var ownerAnalyst = database.Application.CreateClient(UserRole.Analyst, owner);

        var unsharedCounts = await CountsAsync(reader, hotspot);
        var ownerCounts = await CountsAsync(ownerAnalyst, hotspot);
        await TestData.ShareAsync(database.Application, owner, unshared);
        var sharedCounts = await CountsAsync(reader, hotspot);
        var unknown = await reader.GetAsync($"/api/hotspots/{Guid.NewGuid()}/indicator-counts");

        Assert.True(expected[(unshared, "going_missing")] > 0 && expected[(owner, "going_missing")] > 0, "Both agencies have members with the indicator.");
        Assert.Equal(expected[(unshared, "going_missing")], unsharedCounts["going_missing"]);
        Assert.Equal(expected[(unshared, "gifts_or_money")], unsharedCounts["gifts_or_money"]);
        Assert.Equal(expected[(owner, "going_missing")], ownerCounts["going_missing"]);
        Assert.Equal(0, ownerCounts["gifts_or_money"]);
        Assert.Equal(expected[(owner, "going_missing")] + expected[(unshared, "going_missing")], sharedCounts["going_missing"]);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_masked_reader_gets_a_hotspot_s_small_indicator_counts_withheld()
    {
        var agencyId = await _scenario.StartAsync("HIC3");
        await _scenario.AddUniformAsync(agencyId, 400, 0.41);
        await _scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.42);
        // Two members with one indicator, every member of the cluster with another.
        await database.ExecuteAsync($"""
            UPDATE intelligence_reports SET indicator_codes = ARRAY['absent_from_school']
            WHERE ST_DWithin(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700), 100);
            UPDATE intelligence_reports SET indicator_codes = ARRAY['absent_from_school', 'exploited_peers']
            WHERE id IN (SELECT id FROM intelligence_reports
                         ORDER BY ST_Distance(ST_Transform(location, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700)) LIMIT 2);
            """);
        var (runId, _) = await _scenario.RunFullAsync();
        var hotspot = await HotspotAtClusterAsync(runId);
        using var analyst = database.Application.CreateClient(UserRole.Analyst, agencyId);
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        var exact = await CountsAsync(analyst, hotspot);
        var masked = await (await taskingMember.GetAsync($"/api/hotspots/{hotspot}/indicator-counts")).ReadObjectAsync();

        Assert.Equal(2, exact["exploited_peers"]);
        var peers = masked["indicators"]!.AsArray().Single(i => i!["code"]!.GetValue<string>() == "exploited_peers")!;
        Assert.Null(peers["reports"]);
        Assert.True(peers["suppressed"]!.GetValue<bool>());
        Assert.Equal(exact["absent_from_school"], masked["indicators"]!.AsArray()
            .Single(i => i!["code"]!.GetValue<string>() == "absent_from_school")!["reports"]!.GetValue<int>());
        Assert.Equal(runId, masked["runId"]!.GetValue<Guid>());
    }

    /// <summary>The hotspot the run found at the cluster both tests plant (2210 m east, 1630 m north of the square's corner).</summary>
    private async Task<Guid> HotspotAtClusterAsync(Guid runId) =>
        await database.ScalarAsync<Guid>($"""
            SELECT h.hotspot_id FROM hotspot_history h
            WHERE h.run_id = '{runId}' AND ST_DWithin(ST_Transform(h.area, 27700), ST_Transform({HotspotScenario.PointSql(2210, 1630)}, 27700), 60)
            LIMIT 1
            """);

    /// <summary>The run's members of <paramref name="hotspot"/> per recording agency and indicator, read as the schema owner.</summary>
    private async Task<Dictionary<(Guid Agency, string Code), int>> MemberCountsAsync(Guid runId, Guid hotspot)
    {
        var rows = await database.ScalarAsync<string[]>($"""
            SELECT array_agg(r.agency_id || '|' || c || '|' || n) FROM (
                SELECT r.agency_id, c, count(*) AS n
                FROM hotspot_members m JOIN intelligence_reports r ON r.id = m.report_id, unnest(r.indicator_codes) c
                WHERE m.run_id = '{runId}' AND m.hotspot_id = '{hotspot}'
                GROUP BY r.agency_id, c) r
            """) ?? [];
        var counts = rows.Select(row => row.Split('|')).ToDictionary(p => (Guid.Parse(p[0]), p[1]), p => int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture));
        foreach (var code in new[] { "going_missing", "gifts_or_money" })
        {
            foreach (var agency in counts.Keys.Select(k => k.Item1).Distinct().ToList())
            {
                counts.TryAdd((agency, code), 0);
            }
        }

        return counts;
    }

    private static async Task<Dictionary<string, int?>> CountsAsync(HttpClient client, Guid hotspot)
    {
        var counts = await (await client.GetAsync($"/api/hotspots/{hotspot}/indicator-counts")).ReadObjectAsync();
        return counts["indicators"]!.AsArray().ToDictionary(i => i!["code"]!.GetValue<string>(), i => i!["reports"]?.GetValue<int?>());
    }
}
