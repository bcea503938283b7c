using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Hotspots;
using HotspotIntel.Core.Access;

namespace HotspotIntel.Api.Tests.DisruptionActions;

/// <summary>Disruption actions' own rules (issue 15 §1): the workflow and its validation, who sees an action against a person, the board's filters, and following a hotspot.</summary>
public sealed class DisruptionActionsApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static string Day(int daysFromToday) => DateTime.UtcNow.AddDays(daysFromToday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_rule_of_an_action_is_a_400_naming_its_field_and_the_workflow_moves_only_forward()
    {
        var (agencyId, analyst) = await database.SignInAsync("DAV1");
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var action = EntityTestData.DisruptionAction("premises", premises, agencyId, "premises_licence_review");

        var doneWithoutOutcome = action.DeepClone().AsObject();
        doneWithoutOutcome["status"] = "done";
        doneWithoutOutcome["doneOn"] = Day(-1);
        await (await analyst.PostAsJsonAsync("/api/disruption-actions", doneWithoutOutcome)).AssertFieldErrorAsync("outcome");
        var dueBeforeStart = action.DeepClone().AsObject();
        dueBeforeStart["dueOn"] = Day(-20);
        await (await analyst.PostAsJsonAsync("/api/disruption-actions", dueBeforeStart)).AssertFieldErrorAsync("dueOn");
        var wrongTarget = action.DeepClone().AsObject();
        wrongTarget["tacticCode"] = "sexual_risk_order";
        await (await analyst.PostAsJsonAsync("/api/disruption-actions", wrongTarget)).AssertFieldErrorAsync("targetKind");
        var unknownTactic = action.DeepClone().AsObject();
        unknownTactic["tacticCode"] = "stern_look";
        await (await analyst.PostAsJsonAsync("/api/disruption-actions", unknownTactic)).AssertFieldErrorAsync("tacticCode");
        var missingTarget = action.DeepClone().AsObject();
        missingTarget["premisesId"] = Guid.NewGuid();
        await (await analyst.PostAsJsonAsync("/api/disruption-actions", missingTarget)).AssertFieldErrorAsync("premisesId");
        var startsCancelled = action.DeepClone().AsObject();
        startsCancelled["status"] = "cancelled";
        await (await analyst.PostAsJsonAsync("/api/disruption-actions", startsCancelled)).AssertFieldErrorAsync("status");
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM disruption_actions WHERE agency_id = '{agencyId}'"));

        var id = await analyst.CreateAsync("/api/disruption-actions", action);
        var done = action.DeepClone().AsObject();
        (done["status"], done["doneOn"], done["outcome"]) = ("done", Day(0), "Licence review heard; conditions added on door staff and CCTV.");
        var moved = await (await analyst.PutAsJsonAsync($"/api/disruption-actions/{id}", done)).ReadObjectAsync();
        var reopened = action.DeepClone().AsObject();
        reopened["status"] = "in_progress";

        Assert.Equal("done", moved["status"]!.GetValue<string>());
        Assert.False(moved["overdue"]!.GetValue<bool>());
        await (await analyst.PutAsJsonAsync($"/api/disruption-actions/{id}", reopened)).AssertFieldErrorAsync("status");
    }

    [Fact]
    public async Task An_action_against_a_person_is_seen_only_where_the_person_may_be_read_in_the_API_and_under_row_level_security()
    {
        var (agencyId, analyst) = await database.SignInAsync("DAP1");
        var (unsharedId, unshared) = await database.SignInAsync("DAP2");
        var child = await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk"));
        var adult = await analyst.CreateAsync("/api/persons", EntityTestData.Person(givenNames: "Beta Example"));
        var cawn = await analyst.CreateAsync("/api/disruption-actions",
            EntityTestData.DisruptionAction("person", adult, agencyId, "child_abduction_warning_notice_under_16"));
        var aboutChild = await analyst.CreateAsync("/api/disruption-actions",
            EntityTestData.DisruptionAction("person", child, agencyId, "letter_to_person_of_concern"));
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);

        await (await unshared.GetAsync($"/api/disruption-actions/{cawn}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await unshared.GetAsync("/api/disruption-actions")).ReadObjectAsync())["items"]!.AsArray());
        Assert.Equal(0L, await database.CountAsSessionAsync(unsharedId, "analyst", "SELECT count(*) FROM disruption_actions WHERE person_id IS NOT NULL"));
        // A tasking member of the same agency reads adults, never children: so the action on the adult, not the one on the child.
        Assert.Equal(HttpStatusCode.OK, (await taskingMember.GetAsync($"/api/disruption-actions/{cawn}")).StatusCode);
        await (await taskingMember.GetAsync($"/api/disruption-actions/{aboutChild}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1L, await database.CountAsSessionAsync(agencyId, "tasking_member", "SELECT count(*) FROM disruption_actions WHERE person_id IS NOT NULL"));
        // Nor may a tasking member record one against the child.
        await (await taskingMember.PostAsJsonAsync("/api/disruption-actions",
            EntityTestData.DisruptionAction("person", child, agencyId, "letter_to_person_of_concern"))).AssertFieldErrorAsync("personId");
    }

    [Fact]
    public async Task Linked_intelligence_is_checked_audited_replaced_and_shown_only_where_the_reader_may_read_the_report()
    {
        var (agencyId, analyst) = await database.SignInAsync("DAL1");
        var (partnerId, partner) = await database.SignInAsync("DAL2");
        var (_, stranger) = await database.SignInAsync("DAL3");
        await TestData.ShareAsync(database.Application, agencyId, partnerId);
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var shared = await analyst.CreateAsync("/api/reports", TestData.Report(category: "premises_concern"));
        var notForPartners = TestData.Report(category: "premises_concern");
        (notForPartners["handlingCode"], notForPartners["handlingConditions"]) = ("C", "Synthetic: not for partners");
        var restricted = await analyst.CreateAsync("/api/reports", notForPartners);
        var child = await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk"));
        var aboutChild = TestData.Report();
        aboutChild["personIds"] = new JsonArray(child);
        var childLinked = await analyst.CreateAsync("/api/reports", aboutChild);
        var strangers = await stranger.CreateAsync("/api/reports", TestData.Report(category: "premises_concern"));
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var action = EntityTestData.DisruptionAction("premises", premises, agencyId, "premises_licence_review");

        action["reportIds"] = new JsonArray(shared, strangers);
        await (await analyst.PostAsJsonAsync("/api/disruption-actions", action)).AssertFieldErrorAsync("reportIds");
        action["reportIds"] = new JsonArray(shared, restricted, childLinked);
        var id = await analyst.CreateAsync("/api/disruption-actions", action);
        var own = await (await analyst.GetAsync($"/api/disruption-actions/{id}")).ReadObjectAsync();
        var partners = await (await partner.GetAsync($"/api/disruption-actions/{id}")).ReadObjectAsync();
        var masked = await (await taskingMember.GetAsync($"/api/disruption-actions/{id}")).ReadObjectAsync();
        var onTheBoard = (await (await partner.GetAsync($"/api/disruption-actions?premisesId={premises}")).ReadObjectAsync())["items"]!.AsArray();

        Assert.Equal(Ids(shared, restricted, childLinked), Ids(own));
        // The partner's analyst reads the P-coded reports (the child-linked one too), not the C-coded one.
        Assert.Equal(Ids(shared, childLinked), Ids(partners));
        Assert.Equal(Ids(shared, childLinked), Ids(Assert.Single(onTheBoard)!));
        Assert.Equal(Ids(shared, restricted), Ids(masked));
        Assert.Equal(0L, await database.CountAsSessionAsync(partnerId, "analyst", $"SELECT count(*) FROM disruption_action_reports WHERE report_id = '{restricted}'"));
        // Each link is audited, naming its report.
        Assert.Equal(3L, await database.ScalarAsync<long>(
            $"SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity_kind = 'disruption_action_reports' AND action = 'collection' AND entity_id IN ('{shared}', '{restricted}', '{childLinked}')"));

        // A tasking member may not link what they may not see located: the child-linked report.
        var byTaskingMember = EntityTestData.DisruptionAction("premises", premises, agencyId);
        byTaskingMember["reportIds"] = new JsonArray(childLinked);
        await (await taskingMember.PostAsJsonAsync("/api/disruption-actions", byTaskingMember)).AssertFieldErrorAsync("reportIds");

        // A replace replaces the links, and the removal is audited.
        action["reportIds"] = new JsonArray(restricted);
        var replaced = await (await analyst.PutAsJsonAsync($"/api/disruption-actions/{id}", action)).ReadObjectAsync();
        Assert.Equal(Ids(restricted), Ids(replaced));
        Assert.Equal(2L, await database.ScalarAsync<long>(
            $"SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity_kind = 'disruption_action_reports' AND action = 'erasure' AND entity_id IN ('{shared}', '{childLinked}')"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM disruption_action_reports WHERE action_id = '{id}'"));
    }

    private static string[] Ids(params Guid[] ids) => [.. ids.Select(id => id.ToString()).Order()];

    private static string[] Ids(JsonNode action) => [.. action["reportIds"]!.AsArray().Select(id => id!.GetValue<string>()).Order()];

    [Fact]
    public async Task The_board_filters_by_status_owner_overdue_and_target()
    {
        var (agencyId, analyst) = await database.SignInAsync("DAB1");
        var council = await TestData.CreateAgencyAsync(database.Application, "DAB2", Core.Agencies.AgencyKind.Council);
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var late = EntityTestData.DisruptionAction("premises", premises, council, status: "in_progress");
        late["dueOn"] = Day(-2);
        var lateId = await analyst.CreateAsync("/api/disruption-actions", late);
        var onTime = await analyst.CreateAsync("/api/disruption-actions", EntityTestData.DisruptionAction("premises", premises, agencyId));

        Assert.Equal([lateId], await IdsAsync(analyst, "/api/disruption-actions?overdue=true"));
        Assert.Equal([lateId], await IdsAsync(analyst, $"/api/disruption-actions?ownerAgencyId={council}"));
        Assert.Equal([onTime], await IdsAsync(analyst, "/api/disruption-actions?status=agreed"));
        Assert.Equal(new[] { lateId, onTime }.Order(), (await IdsAsync(analyst, $"/api/disruption-actions?premisesId={premises}&targetKind=premises")).Order());
        Assert.Empty(await IdsAsync(analyst, "/api/disruption-actions?targetKind=vehicle"));
        await (await analyst.GetAsync("/api/disruption-actions?status=finished")).AssertFieldErrorAsync("status");
        var tactics = await (await analyst.GetAsync("/api/disruption-tactics")).Content.ReadFromJsonAsync<JsonArray>();
        Assert.Contains(tactics!, t => t!["code"]!.GetValue<string>() == "closure_notice_and_order" && t["legalBasis"] is not null);
    }

    [Fact]
    public async Task An_action_on_a_published_hotspot_stays_with_it_through_a_re_run_and_follows_it_through_a_split()
    {
        var scenario = new HotspotScenario(database);
        var agencyId = await scenario.StartAsync("DAH1");
        await scenario.AddUniformAsync(agencyId, 400, 0.31);
        await scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 40, 0.32);
        await scenario.RunFullAsync();
        var hotspot = Assert.Single(await scenario.CurrentHotspotIdsAsync());
        using var taskingMember = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var action = await taskingMember.CreateAsync("/api/disruption-actions", EntityTestData.DisruptionAction("hotspot", hotspot, agencyId));
        await (await taskingMember.PostAsJsonAsync("/api/disruption-actions", EntityTestData.DisruptionAction("hotspot", Guid.NewGuid(), agencyId)))
            .AssertFieldErrorAsync("hotspotId");

        await scenario.AddClusterAsync(agencyId, 2210, 1630, 100, 10, 0.33);
        var (rerun, _) = await scenario.RunFullAsync();
        var kept = Assert.Single(await scenario.CurrentHotspotIdsAsync());
        // A split as the run records it: the hotspot becomes two new ones; the action follows to each.
        var (left, right) = (Guid.NewGuid(), Guid.NewGuid());
        await database.ExecuteAsync($"""
            INSERT INTO hotspots (id, first_run_id, latest_run_id, method, area, centroid, area_square_meters, report_count, weighted_score,
                                  top_categories, premises_ids, location_ids, linked_vehicle_count, linked_person_count, first_seen_at, last_seen_at)
            SELECT x.id, first_run_id, latest_run_id, method, area, centroid, area_square_meters, report_count, weighted_score,
                   top_categories, premises_ids, location_ids, 0, 0, now(), now()
            FROM hotspots h, (VALUES ('{left}'::uuid), ('{right}'::uuid)) x (id) WHERE h.id = '{hotspot}';
            INSERT INTO hotspot_lineage (run_id, kind, from_hotspot_id, to_hotspot_id)
            VALUES ('{rerun}', 'split', '{hotspot}', '{left}'), ('{rerun}', 'split', '{hotspot}', '{right}');
            """);

        Assert.Equal(hotspot, kept);
        Assert.Equal([action], await IdsAsync(taskingMember, $"/api/disruption-actions?hotspotId={hotspot}"));
        Assert.Equal([action], await IdsAsync(taskingMember, $"/api/disruption-actions?hotspotId={left}"));
        Assert.Equal([action], await IdsAsync(taskingMember, $"/api/disruption-actions?hotspotId={right}"));
        Assert.Empty(await IdsAsync(taskingMember, $"/api/disruption-actions?hotspotId={Guid.NewGuid()}"));
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string url) =>
        [.. (await (await client.GetAsync(url)).ReadObjectAsync())["items"]!.AsArray().Select(a => a!["id"]!.GetValue<Guid>())];
}
