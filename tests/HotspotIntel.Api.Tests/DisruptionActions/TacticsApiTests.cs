using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Tasking;

namespace HotspotIntel.Api.Tests.DisruptionActions;

/// <summary>The tactic list administrators maintain (issue 15 §1): seeded with the built-ins, added to, changed and retired, never deleted.</summary>
public sealed class TacticsApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Route = "/api/disruption-tactics";

    [Fact]
    public async Task The_list_starts_as_the_built_in_tactics_in_their_order_with_their_legal_bases()
    {
        var (_, taskingMember) = await database.SignInAsync("TAC1", UserRole.TaskingMember);

        var tactics = (await ListAsync(taskingMember)).Where(t => t["builtIn"]!.GetValue<bool>()).ToList();

        Assert.Equal(BuiltInTactics.All.Select(t => $"{t.Code} | {t.Name} | {t.LegalBasis} | {string.Join(",", t.TargetKinds.Select(EnumCodes<ActionTargetKind>.ToCode))}"),
            tactics.Select(t => $"{t["code"]} | {t["name"]} | {t["legalBasis"]} | {string.Join(",", t["targetKinds"]!.AsArray().Select(k => k!.GetValue<string>()))}"));
        Assert.All(tactics, t => Assert.False(t["retired"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task An_administrator_adds_a_tactic_that_actions_may_then_take_and_the_addition_is_audited()
    {
        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);
        var (agencyId, analyst) = await database.SignInAsync("TAC2");
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());

        var created = await administrator.PostAsJsonAsync(Route, Tactic("door_staff_briefing", "premises"));
        var action = await analyst.PostAsJsonAsync("/api/disruption-actions", EntityTestData.DisruptionAction("premises", premises, agencyId, "door_staff_briefing"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, action.StatusCode);
        var list = await ListAsync(analyst);
        var position = list.FindIndex(t => t["code"]!.GetValue<string>() == "door_staff_briefing");
        Assert.False(list[position]["builtIn"]!.GetValue<bool>());
        Assert.True(position >= BuiltInTactics.All.Count, "An added tactic is listed after the built-in ones.");
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log a JOIN tactics t ON t.id = a.entity_id WHERE a.entity_kind = 'tactics' AND a.action = 'collection' AND t.code = 'door_staff_briefing'"));
    }

    [Fact]
    public async Task Only_administrators_change_the_list()
    {
        var (_, supervisor) = await database.SignInAsync("TAC3", UserRole.Supervisor);

        var added = await supervisor.PostAsJsonAsync(Route, Tactic("supervisor_special", "person"));
        var changed = await supervisor.PutAsJsonAsync($"{Route}/patrols", Tactic("patrols", "hotspot"));

        Assert.Equal(HttpStatusCode.Forbidden, added.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM tactics WHERE code = 'supervisor_special'"));
    }

    [Fact]
    public async Task A_code_in_use_is_a_409_and_a_bad_tactic_a_400_naming_the_field()
    {
        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);

        var duplicate = await administrator.PostAsJsonAsync(Route, Tactic("cctv", "hotspot"));
        var badCode = await administrator.PostAsJsonAsync(Route, Tactic("Bad Code!", "hotspot"));
        var noTargets = await administrator.PostAsJsonAsync(Route, new JsonObject { ["code"] = "no_targets", ["name"] = "No targets", ["targetKinds"] = new JsonArray() });
        var renamedCode = await administrator.PutAsJsonAsync($"{Route}/cctv", Tactic("cctv_renamed", "hotspot"));
        var unknown = await administrator.PutAsJsonAsync($"{Route}/no_such_tactic", Tactic("no_such_tactic", "hotspot"));

        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        await badCode.AssertFieldErrorAsync("code");
        await noTargets.AssertFieldErrorAsync("targetKinds");
        await renamedCode.AssertFieldErrorAsync("code");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("CCTV", await database.ScalarAsync<string>("SELECT name FROM tactics WHERE code = 'cctv'"));
    }

    [Fact]
    public async Task A_retired_tactic_takes_no_new_action_but_the_actions_that_have_it_keep_working()
    {
        using var administrator = database.Application.CreateClient(UserRole.Administrator, null);
        (await administrator.PostAsJsonAsync(Route, Tactic("leaflet_drop", "premises"))).EnsureSuccessStatusCode();
        var (agencyId, analyst) = await database.SignInAsync("TAC5");
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var action = EntityTestData.DisruptionAction("premises", premises, agencyId, "leaflet_drop");
        var existing = await analyst.CreateAsync("/api/disruption-actions", action);
        var other = await analyst.CreateAsync("/api/disruption-actions", EntityTestData.DisruptionAction("premises", premises, agencyId, "test_purchase"));

        var retire = Tactic("leaflet_drop", "premises");
        retire["retired"] = true;
        var retired = await administrator.PutAsJsonAsync($"{Route}/leaflet_drop", retire);
        var newAction = await analyst.PostAsJsonAsync("/api/disruption-actions", action);
        action["status"] = "in_progress";
        var moved = await analyst.PutAsJsonAsync($"/api/disruption-actions/{existing}", action);
        var switched = await analyst.PutAsJsonAsync($"/api/disruption-actions/{other}", EntityTestData.DisruptionAction("premises", premises, agencyId, "leaflet_drop"));

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Contains("retired", await newAction.AssertFieldErrorAsync("tacticCode"));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await switched.AssertFieldErrorAsync("tacticCode");
        Assert.True((await ListAsync(analyst)).Single(t => t["code"]!.GetValue<string>() == "leaflet_drop")["retired"]!.GetValue<bool>());
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM audit_log a JOIN tactics t ON t.id = a.entity_id WHERE a.entity_kind = 'tactics' AND a.action = 'alteration' AND t.code = 'leaflet_drop'"));
    }

    private static JsonObject Tactic(string code, string targetKind) => new()
    {
        ["code"] = code,
        ["name"] = $"Synthetic {code.Replace('_', ' ')}",
        ["targetKinds"] = new JsonArray(targetKind),
    };

    private static async Task<List<JsonNode>> ListAsync(HttpClient client)
    {
        var response = await client.GetAsync(Route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(t => t!)];
    }
}
