using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using UglyToad.PdfPig;

namespace HotspotIntel.Api.Tests.Panels;

/// <summary>
/// Panels (issue 16 §3): a list shows each reader only the entries whose records they may read, and no count of the
/// others; children appear only as case references, never on a list and never by name in a pack; a pack carries its
/// marking on every page; reads of a list and downloads of a pack are logged with the persons they name, and changes
/// are audited; every invalid field is a 400 naming it.
/// </summary>
public sealed class PanelsApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // Synthetic children: invented names mentioned beside the listed adults, and agreed actions' targets; never in a pack.
    private static readonly string[][] Children = [["Perpetua", "Wrenfeather"], ["Barnaby", "Quillstone"]];

    private const string Disclosure = "recipient=Synthetic%20MACE%20partners&justification=Synthetic%20test%3A%20panel%20pack%20for%20the%20meeting";

    [Fact]
    public async Task A_panel_list_shows_each_reader_only_the_persons_they_may_see_and_reveals_no_count_of_the_others()
    {
        var world = await ArrangeAsync("PNL1");
        var tasking = database.Application.CreateClient(UserRole.TaskingMember, world.OwnerId).Justified();
        var licensing = database.Application.CreateClient(UserRole.LicensingOfficer, world.OwnerId).Justified();
        var (partnerId, partner) = await database.SignInAsync("PNL1-P");
        await TestData.ShareAsync(database.Application, world.OwnerId, partnerId);
        var (_, outsider) = await database.SignInAsync("PNL1-X");

        var analystList = await ListAsync(world.Analyst, world.PanelId);
        var taskingList = await ListAsync(tasking, world.PanelId);
        var licensingList = await ListAsync(licensing, world.PanelId);
        var partnerList = await ListAsync(partner, world.PanelId);

        // The analyst sees every entry, persons by name, with the intelligence that mentions them and their actions.
        Assert.Equal([world.SharedAdult, world.ConditionalAdult, world.Premises, world.Vehicle], EntityIds(analystList));
        var adult = Entry(analystList, world.SharedAdult);
        Assert.Equal("Hollowmere, Ansel Synthetic", adult["label"]!.GetValue<string>());
        Assert.Equal(2, adult["intelligence"]!["reportCount"]!.GetValue<int>());
        Assert.Equal("3C P", adult["intelligence"]!["latestGrading"]!.GetValue<string>());
        Assert.Equal(world.PremisesAction, Assert.Single(Entry(analystList, world.Premises)["actions"]!.AsArray())!["id"]!.GetValue<Guid>());
        Assert.Equal("LCS-204518", Assert.Single(analystList["caseReferences"]!.AsArray())!["caseReference"]!.GetValue<string>());

        // A tasking member reads adults (row-level security) but not their details (the persons API is not theirs).
        Assert.Equal(EntityIds(analystList), EntityIds(taskingList));
        Assert.Equal("Person (details withheld from your role)", Entry(taskingList, world.SharedAdult)["label"]!.GetValue<string>());

        // A licensing officer reads licence holders only; the partner agency only what is shared with handling code P.
        Assert.Equal([world.Premises, world.Vehicle], EntityIds(licensingList));
        Assert.Equal([world.SharedAdult, world.Premises, world.Vehicle], EntityIds(partnerList));
        foreach (var (list, hidden) in new[] { (licensingList, new[] { world.SharedAdult, world.ConditionalAdult }), (partnerList, [world.ConditionalAdult]) })
        {
            // Absent, not a placeholder, and nothing in the answer counts what was left out.
            Assert.Equal(["panelId", "panelName", "items", "caseReferences"], list.Select(p => p.Key));
            foreach (var id in hidden)
            {
                Assert.DoesNotContain(id.ToString(), list.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.DoesNotContain("Hollowmere", licensingList.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Hollowmere, Ansel Synthetic", Entry(partnerList, world.SharedAdult)["label"]!.GetValue<string>());

        await (await outsider.GetAsync($"/api/panels/{world.PanelId}/list")).AssertProblemAsync(HttpStatusCode.NotFound);

        // Each read was logged as a consultation naming the persons it showed, and only those.
        Assert.Equal(2L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE action = 'consultation' AND entity_kind = 'panel_list_items' AND agency_id = '{world.OwnerId}' "
            + $"AND entity_ids @> ARRAY['{world.SharedAdult}'::uuid, '{world.ConditionalAdult}'::uuid] AND justification = '{SignedInClients.Justification}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE action = 'consultation' AND entity_kind = 'panel_list_items' AND agency_id = '{partnerId}' "
            + $"AND entity_ids @> ARRAY['{world.SharedAdult}'::uuid] AND NOT entity_ids @> ARRAY['{world.ConditionalAdult}'::uuid]"));
    }

    [Fact]
    public async Task Row_level_security_alone_hides_a_list_entry_whose_record_the_reader_may_not_read()
    {
        var world = await ArrangeAsync("PNL2");
        var (partnerId, _) = await database.SignInAsync("PNL2-P");
        await TestData.ShareAsync(database.Application, world.OwnerId, partnerId);
        var sql = $"SELECT count(*) FROM panel_list_items WHERE panel_id = '{world.PanelId}'";

        Assert.Equal(4L, await database.CountAsSessionAsync(world.OwnerId, "analyst", sql));
        Assert.Equal(2L, await database.CountAsSessionAsync(world.OwnerId, "licensing_officer", sql));
        Assert.Equal(3L, await database.CountAsSessionAsync(partnerId, "analyst", sql));
        // Nor can a child be put on a list straight through the database.
        var child = world.ChildIds[0];
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => database.CountAsSessionAsync(world.OwnerId, "analyst",
            $"WITH added AS (INSERT INTO panel_list_items (id, panel_id, entity_kind, person_id, reason, added_at, added_by) "
            + $"VALUES (gen_random_uuid(), '{world.PanelId}', 'person', '{child}', 'x', now(), 'x') RETURNING 1) SELECT count(*) FROM added"));
    }

    [Fact]
    public async Task A_meeting_pack_names_no_child_and_carries_its_marking_on_every_page_and_its_download_is_logged()
    {
        var world = await ArrangeAsync("PNL3");
        var decisions = new JsonArray([.. Enumerable.Range(1, 45).Select(i => (JsonNode)new JsonObject
        {
            ["text"] = $"Synthetic decision {i}: partners to share sightings at the Example Kebab House by the next meeting.",
        })]);
        var meeting = await world.Analyst.PostAsJsonAsync($"/api/panels/{world.PanelId}/meetings", new JsonObject
        {
            ["heldAt"] = DateTimeOffset.UtcNow.AddHours(-2).ToString("O"),
            ["attendees"] = new JsonArray(
                new JsonObject { ["agencyId"] = world.OwnerId, ["role"] = "DS, exploitation team" },
                new JsonObject { ["agencyId"] = world.OwnerId, ["role"] = "Licensing officer", ["name"] = "Synthetic Officer Example" }),
            ["decisions"] = decisions,
            ["actionIds"] = new JsonArray(world.PremisesAction, world.ChildAction),
        });
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
        var meetingId = (await meeting.ReadObjectAsync())["id"]!.GetValue<Guid>();
        var tasking = database.Application.CreateClient(UserRole.TaskingMember, world.OwnerId).Justified();

        foreach (var (client, role) in new[] { (world.Analyst, "analyst"), (tasking, "tasking_member") })
        {
            var pack = await DownloadPackAsync(client, meetingId);
            foreach (var name in Children.SelectMany(child => child))
            {
                Assert.DoesNotContain(name, pack.PdfText, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(name, pack.Html, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(name, pack.Csv, StringComparison.OrdinalIgnoreCase);
            }

            // What a pack should say is found, so the absence of the children's names means something.
            Assert.Contains("LCS-204518", pack.PdfText, StringComparison.Ordinal);
            Assert.Contains("LCS-204518", pack.Csv, StringComparison.Ordinal);
            Assert.Contains("ExampleKebabHouse", pack.PdfText, StringComparison.Ordinal);
            Assert.Contains("Synthetic decision 45", pack.Html, StringComparison.Ordinal);
            // The action on a child is listed by its target's kind and id to the roles that may see it, and not at all to the others.
            Assert.Equal(role == "analyst", pack.Csv.Contains(world.ChildAction.ToString(), StringComparison.Ordinal));
            Assert.Equal(role == "analyst", pack.PdfText.Contains("Hollowmere", StringComparison.Ordinal));

            Assert.True(pack.Pages.Count >= 2, $"{role}: {pack.Pages.Count} page(s)");
            for (var i = 0; i < pack.Pages.Count; i++)
            {
                // Header and footer: "OFFICIAL" alone is also inside "OFFICIAL-SENSITIVE", so count the pack's own marking.
                Assert.True(Occurrences(pack.Pages[i], pack.Marking) >= 2, $"{role} page {i + 1}: {pack.Pages[i]}");
                Assert.Contains($"Page{i + 1}of{pack.Pages.Count}", pack.Pages[i], StringComparison.Ordinal);
            }

            Assert.Equal("OFFICIAL-SENSITIVE", pack.Marking);
            Assert.Contains("<div class=\"marking\">OFFICIAL-SENSITIVE</div>", pack.Html, StringComparison.Ordinal);
        }

        Assert.True(await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND entity_kind = 'panel_meetings' AND entity_id = '{meetingId}' "
            + "AND recipient = 'Synthetic MACE partners'") >= 2);
        Assert.True(await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND entity_kind = 'panel_list_items' "
            + $"AND entity_ids @> ARRAY['{world.SharedAdult}'::uuid] AND recipient = 'Synthetic MACE partners'") >= 2);
        await (await world.Analyst.GetAsync($"/api/panel-meetings/{meetingId}/pack/pack.pdf")).AssertFieldErrorAsync("recipient");
        await (await world.Analyst.GetAsync($"/api/panel-meetings/{meetingId}/pack/unknown.csv?{Disclosure}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Invalid_fields_are_400s_naming_them_and_a_child_goes_on_no_list()
    {
        var world = await ArrangeAsync("PNL4");
        var items = $"/api/panels/{world.PanelId}/list-items";
        var references = $"/api/panels/{world.PanelId}/case-references";
        var meetings = $"/api/panels/{world.PanelId}/meetings";

        var child = await world.Analyst.PostAsJsonAsync(items, new { entityKind = "person", entityId = world.ChildIds[0], reason = "Synthetic" });
        Assert.Contains("case reference", await child.AssertFieldErrorAsync("entityId"), StringComparison.Ordinal);
        await (await world.Analyst.PostAsJsonAsync(items, new { entityKind = "vehicle", entityId = Guid.NewGuid(), reason = "Synthetic" })).AssertFieldErrorAsync("entityId");
        await (await world.Analyst.PostAsJsonAsync(items, new { entityKind = "premises", entityId = world.Premises, reason = " " })).AssertFieldErrorAsync("reason");
        await (await world.Analyst.PostAsJsonAsync(items, new { entityKind = "premises", entityId = world.Premises, reason = "Again" })).AssertProblemAsync(HttpStatusCode.Conflict);
        foreach (var name in new[] { "Perpetua Wrenfeather", "PerpetuaWrenfeather", "Wrenfeather-2014", "" })
        {
            await (await world.Analyst.PostAsJsonAsync(references, new { caseReference = name, holdingAgencyId = world.OwnerId })).AssertFieldErrorAsync("caseReference");
        }

        await (await world.Analyst.PostAsJsonAsync(references, new { caseReference = "CS/2026/00412", holdingAgencyId = Guid.NewGuid() })).AssertFieldErrorAsync("holdingAgencyId");
        Assert.Equal(HttpStatusCode.Created, (await world.Analyst.PostAsJsonAsync(references, new { caseReference = "CS/2026/00412", holdingAgencyId = world.OwnerId })).StatusCode);
        await (await world.Analyst.PostAsJsonAsync(meetings, new { heldAt = DateTimeOffset.UtcNow.AddDays(1) })).AssertFieldErrorAsync("heldAt");
        await (await world.Analyst.PostAsJsonAsync(meetings, new { heldAt = DateTimeOffset.UtcNow.AddDays(-1), attendees = new[] { new { agencyId = world.OwnerId, role = "" } } }))
            .AssertFieldErrorAsync("attendees[0].role");
        await (await world.Analyst.PostAsJsonAsync(meetings, new { heldAt = DateTimeOffset.UtcNow.AddDays(-1), decisions = new[] { new { text = "" } } }))
            .AssertFieldErrorAsync("decisions[0].text");
        await (await world.Analyst.PostAsJsonAsync(meetings, new { heldAt = DateTimeOffset.UtcNow.AddDays(-1), actionIds = new[] { Guid.NewGuid() } }))
            .AssertFieldErrorAsync("actionIds");
        using var unjustified = database.Application.CreateClient(UserRole.Analyst, world.OwnerId);
        await (await unjustified.GetAsync($"/api/panels/{world.PanelId}/list")).AssertFieldErrorAsync("Justification");

        // A panel another agency shares with you is yours to read, not to change.
        var (partnerId, partner) = await database.SignInAsync("PNL4-P");
        await TestData.ShareAsync(database.Application, world.OwnerId, partnerId);
        await (await partner.PostAsJsonAsync(items, new { entityKind = "premises", entityId = world.Premises, reason = "Synthetic" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await partner.DeleteAsync($"/api/panel-list-items/{world.PremisesItem}")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task List_entries_meetings_and_decisions_are_created_once_per_idempotency_key_and_every_change_is_audited()
    {
        var world = await ArrangeAsync("PNL5");
        var location = await world.Analyst.CreateAsync("/api/locations", EntityTestData.Location(EntityTestData.Point(TestData.CentreLongitude, TestData.CentreLatitude)));
        var body = new JsonObject { ["entityKind"] = "location", ["entityId"] = location, ["reason"] = "Synthetic: children seen with older males at night" };

        var (first, second) = await world.Analyst.CreateTwiceWithOneIdempotencyKeyAsync($"/api/panels/{world.PanelId}/list-items", body, "panel-item-once");
        Assert.Equal(first, second);
        Assert.Equal(1L, await database.ScalarAsync<long>($"SELECT count(*) FROM panel_list_items WHERE location_id = '{location}'"));
        var meetingBody = new JsonObject { ["heldAt"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O") };
        var (meeting, again) = await world.Analyst.CreateTwiceWithOneIdempotencyKeyAsync($"/api/panels/{world.PanelId}/meetings", meetingBody, "panel-meeting-once");
        Assert.Equal(meeting, again);
        foreach (var (decisionText, actionIds) in new[] { ("Synthetic: serve CAWNs", new[] { world.PremisesAction }), ("Synthetic: review in a month", []) })
        {
            var replaced = await world.Analyst.PutAsJsonAsync($"/api/panel-meetings/{meeting}", new
            {
                heldAt = DateTimeOffset.UtcNow.AddDays(-1),
                attendees = new[] { new { agencyId = world.OwnerId, role = "Social worker, exploitation hub" } },
                decisions = new[] { new { text = decisionText } },
                actionIds,
            });
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
            var stored = await (await world.Analyst.GetAsync($"/api/panel-meetings/{meeting}")).ReadObjectAsync();
            Assert.Equal("Social worker, exploitation hub", Assert.Single(stored["attendees"]!.AsArray())!["role"]!.GetValue<string>());
            Assert.Equal(decisionText, Assert.Single(stored["decisions"]!.AsArray())!["text"]!.GetValue<string>());
            Assert.Equal(actionIds, stored["actions"]!.AsArray().Select(a => a!["id"]!.GetValue<Guid>()));
        }

        var decision = await world.Analyst.CreateAsync($"/api/panel-meetings/{meeting}/decisions", new JsonObject { ["text"] = "Synthetic: refer to licensing" });

        Assert.Equal(HttpStatusCode.OK, (await world.Analyst.PutAsJsonAsync($"/api/panel-list-items/{first}", new { reason = "Synthetic: still seen" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await world.Analyst.PutAsJsonAsync($"/api/panel-decisions/{decision}", new { text = "Synthetic: refer to licensing today" })).StatusCode);
        var read = await (await world.Analyst.GetAsync($"/api/panel-meetings/{meeting}")).ReadObjectAsync();
        Assert.Contains(read["decisions"]!.AsArray(), d => d!["text"]!.GetValue<string>() == "Synthetic: refer to licensing today");
        Assert.Equal(HttpStatusCode.NoContent, (await world.Analyst.DeleteAsync($"/api/panel-decisions/{decision}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await world.Analyst.DeleteAsync($"/api/panel-list-items/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await world.Analyst.DeleteAsync($"/api/panel-meetings/{meeting}")).StatusCode);
        await (await world.Analyst.GetAsync($"/api/panel-meetings/{meeting}")).AssertProblemAsync(HttpStatusCode.NotFound);

        foreach (var (kind, id, actions) in new[]
        {
            ("panel_list_items", first, new[] { "collection", "alteration", "erasure" }),
            ("panel_meetings", meeting, ["collection", "erasure"]),
            ("panel_decisions", decision, ["collection", "alteration", "erasure"]),
        })
        {
            foreach (var action in actions)
            {
                Assert.True(await database.ScalarAsync<long>(
                    $"SELECT count(*) FROM audit_log WHERE entity_kind = '{kind}' AND entity_id = '{id}' AND action = '{action}'") == 1, $"{kind} {action}");
            }
        }
    }

    private sealed record World(Guid OwnerId, HttpClient Analyst, Guid PanelId, Guid SharedAdult, Guid ConditionalAdult, Guid Premises, Guid Vehicle,
        Guid PremisesItem, Guid PremisesAction, Guid ChildAction, Guid[] ChildIds);

    /// <summary>
    /// An agency's panel listing an adult shared under handling code P, an adult under C (its agency's only), a premises
    /// and a vehicle; two children mentioned beside the adult in reports, one the target of an agreed action; a case reference.
    /// </summary>
    private async Task<World> ArrangeAsync(string code)
    {
        var (ownerId, analyst) = await database.SignInAsync(code);
        var panelId = await analyst.CreateAsync("/api/panels", EntityTestData.Panel());
        var shared = await analyst.CreateAsync("/api/persons", EntityTestData.Person(familyName: "Hollowmere", givenNames: "Ansel Synthetic"));
        var conditional = EntityTestData.Person(familyName: "Drumlin", givenNames: "Oswin Synthetic");
        conditional["handlingCode"] = "C";
        conditional["handlingConditions"] = "Synthetic: not to be shared outside the force";
        var conditionalAdult = await analyst.CreateAsync("/api/persons", conditional);
        var children = new List<Guid>();
        foreach (var child in Children)
        {
            children.Add(await analyst.CreateAsync("/api/persons", EntityTestData.Person(role: "child_at_risk", familyName: child[1], givenNames: child[0])));
        }

        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises());
        var vehicle = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle());
        foreach (var (grading, daysAgo) in new[] { (("2", "B"), 5), (("3", "C"), 1) })
        {
            var report = TestData.Report(occurredAt: DateTimeOffset.UtcNow.AddDays(-daysAgo));
            report["sourceEvaluation"] = grading.Item1;
            report["intelligenceAssessment"] = grading.Item2;
            report["personIds"] = new JsonArray(shared, children[0], children[1]);
            report["premisesIds"] = new JsonArray(premises);
            await analyst.CreateAsync("/api/reports", report);
        }

        var premisesAction = await analyst.CreateAsync("/api/disruption-actions", EntityTestData.DisruptionAction("premises", premises, ownerId, "premises_licence_review"));
        var childAction = await analyst.CreateAsync("/api/disruption-actions", EntityTestData.DisruptionAction("person", children[0], ownerId, "return_home_interview"));
        var items = new List<Guid>();
        foreach (var (kind, id) in new[] { ("person", shared), ("person", conditionalAdult), ("premises", premises), ("vehicle", vehicle) })
        {
            items.Add(await analyst.CreateAsync($"/api/panels/{panelId}/list-items", new JsonObject
            {
                ["entityKind"] = kind,
                ["entityId"] = id,
                ["reason"] = "Synthetic: seen repeatedly with children at the Example Kebab House",
            }));
        }

        Assert.Equal(HttpStatusCode.Created, (await analyst.PostAsJsonAsync($"/api/panels/{panelId}/case-references",
            new { caseReference = "LCS-204518", holdingAgencyId = ownerId })).StatusCode);
        return new World(ownerId, analyst, panelId, shared, conditionalAdult, premises, vehicle, items[2], premisesAction, childAction, [.. children]);
    }

    private static async Task<JsonObject> ListAsync(HttpClient client, Guid panelId)
    {
        var response = await client.GetAsync($"/api/panels/{panelId}/list");
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadObjectAsync();
    }

    private static List<Guid> EntityIds(JsonObject list) => [.. list["items"]!.AsArray().Select(i => i!["entityId"]!.GetValue<Guid>())];

    private static JsonObject Entry(JsonObject list, Guid entityId) =>
        list["items"]!.AsArray().Single(i => i!["entityId"]!.GetValue<Guid>() == entityId)!.AsObject();

    private sealed record Pack(string Marking, string PdfText, IReadOnlyList<string> Pages, string Html, string Csv);

    private static async Task<Pack> DownloadPackAsync(HttpClient client, Guid meetingId)
    {
        var pdf = await client.GetAsync($"/api/panel-meetings/{meetingId}/pack/pack.pdf?{Disclosure}");
        Assert.True(pdf.IsSuccessStatusCode, $"{(int)pdf.StatusCode} {await pdf.Content.ReadAsStringAsync()}");
        var marking = pdf.Headers.GetValues("Security-Marking").Single();
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var pages = document.GetPages().Select(page => NoSpace(page.Text)).ToList();
        var html = await TextAsync(client, meetingId, "pack.html");
        var csv = new StringBuilder();
        foreach (var table in new[] { "list", "list-actions", "case-references", "attendees", "decisions", "new-actions" })
        {
            csv.Append(await TextAsync(client, meetingId, $"{table}.csv"));
        }

        return new Pack(marking, string.Concat(pages), pages, html, csv.ToString());
    }

    private static async Task<string> TextAsync(HttpClient client, Guid meetingId, string file)
    {
        var response = await client.GetAsync($"/api/panel-meetings/{meetingId}/pack/{file}?{Disclosure}");
        Assert.True(response.IsSuccessStatusCode, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    // PdfPig reads laid-out text without the spaces between words.
    private static string NoSpace(string text) => text.Replace(" ", "", StringComparison.Ordinal);

    private static int Occurrences(string text, string value)
    {
        var (count, at) = (0, text.IndexOf(value, StringComparison.Ordinal));
        while (at >= 0)
        {
            count++;
            at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal);
        }

        return count;
    }
}
