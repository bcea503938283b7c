using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using HotspotIntel.Api.MeetingPacks;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UglyToad.PdfPig;

namespace HotspotIntel.Api.Tests.MeetingPacks;

/// <summary>
/// Tasking meeting packs end to end (issue 16 §1): asked for over HTTP, built by the job as its maker, and read back as
/// PDF (PdfPig), HTML and CSV: table by table the API's own numbers for the same area, period and maker; no child's
/// name anywhere; the marking on every page; only what the maker's agency may see; downloads logged as disclosures.
/// </summary>
public sealed class MeetingPacksApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // Synthetic children: invented names that appear in reports, actions and persons, and must appear in no pack.
    private static readonly string[][] Children = [["Zephyrine", "Quillfeather"], ["Ottoline", "Bramblewick"], ["Casimir", "Thistledown"]];

    private const double Lon = TestData.CentreLongitude, Lat = TestData.CentreLatitude;
    private static readonly string Bbox = string.Create(CultureInfo.InvariantCulture, $"{Lon - 0.02},{Lat - 0.02},{Lon + 0.02},{Lat + 0.02}");
    private static readonly DateTimeOffset From = DateTimeOffset.UtcNow.AddDays(-30);

    [Fact]
    public async Task Each_makers_pack_has_the_apis_numbers_table_by_table_no_child_names_and_the_marking_on_every_page()
    {
        var (agencyId, analyst) = await database.SignInAsync("MPK1");
        var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var (outsiderId, outsider) = await database.SignInAsync("MPK2");
        var world = await ArrangeAsync(agencyId, analyst);

        var analystPack = await MakeAsync(analyst, agencyId);
        var taskingPack = await MakeAsync(tasking, agencyId);
        var outsiderPack = await MakeAsync(outsider, outsiderId);

        // Not vacuous: the analyst's pack holds every kind of content.
        Assert.Equal(2, analystPack.Csv["hotspots"].Count);
        Assert.Single(analystPack.Csv["premises"]);
        Assert.Single(analystPack.Csv["vehicles"]);
        Assert.Single(analystPack.Csv["impact"]);
        Assert.Equal("1", Assert.Single(analystPack.Csv["actions"])["Overdue"]);
        Assert.Contains(analystPack.Csv["frequently-missing"], row => row["Ward"] == "all" && row["Children"] == "3");
        Assert.Contains(analystPack.Csv["frequently-missing"], row => row["Ward"] == "Synthetic Ward" && row["Children"] == "3");
        Assert.Contains(analystPack.Csv["changes"], row => row["Hotspot id"] == world.NewHotspot.ToString() && row["Change"] == "appeared");
        Assert.Contains(analystPack.Csv["changes"], row => row["Hotspot id"] == world.OldHotspot.ToString() && row["Change"] == "trend_changed");
        foreach (var (client, pack) in new[] { (analyst, analystPack), (tasking, taskingPack), (outsider, outsiderPack) })
        {
            await AssertSameAsApiAsync(client, pack, world.PreviousRun);
            await AssertIndicatorsSameAsApiAsync(client, pack);
            AssertNoChildNamed(pack);
            AssertMarkedOnEveryPage(pack);
        }

        // The PDF's text is read back: what it should say is found, so the absence of names means something.
        Assert.Contains(NoSpace("Example Kebab House"), analystPack.PdfText, StringComparison.Ordinal);
        Assert.Contains(world.NewHotspot.ToString(), analystPack.PdfText, StringComparison.Ordinal);
        Assert.Equal("OFFICIAL-SENSITIVE", analystPack.Marking);

        // The agency without a sharing agreement sees none of the other's content, in any file.
        Assert.Empty(outsiderPack.Csv["hotspots"]);
        Assert.Empty(outsiderPack.Csv["premises"]);
        Assert.Empty(outsiderPack.Csv["actions"]);
        foreach (var id in new[] { world.NewHotspot, world.OldHotspot, world.PremisesId, world.VehicleId, world.DoneActionId, agencyId })
        {
            Assert.DoesNotContain(id.ToString(), outsiderPack.AllText, StringComparison.OrdinalIgnoreCase);
        }

        // Packs are listed to their maker's agency in the maker's role only.
        var listed = (await (await analyst.GetAsync("/api/meeting-packs")).ReadObjectAsync())["items"]!.AsArray();
        Assert.Equal([analystPack.Id], listed.Select(p => p!["id"]!.GetValue<Guid>()));
        Assert.Equal("succeeded", listed[0]!["status"]!.GetValue<string>());
        Assert.Equal(100, listed[0]!["progressPercent"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/meeting-packs/{analystPack.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tasking.GetAsync($"/api/meeting-packs/{analystPack.Id}")).StatusCode);
    }

    [Fact]
    public async Task Premises_and_vehicles_seen_differently_by_each_maker_have_their_own_checks_numbers_row_by_row()
    {
        var (agencyId, analyst) = await database.SignInAsync("MPK7");
        var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var (outsiderId, outsider) = await database.SignInAsync("MPK8");
        // Away from the other tests' records and hotspots, so this pack holds only what is arranged here.
        const double lon = Lon + 0.3;
        var bbox = string.Create(CultureInfo.InvariantCulture, $"{lon - 0.02},{Lat - 0.02},{lon + 0.02},{Lat + 0.02}");
        var child = await analyst.CreateAsync("/api/persons", EntityTestData.Person("child_at_risk", Children[0][1], Children[0][0]));
        var childOnly = await analyst.CreateAsync("/api/premises", EntityTestData.Premises(lon, Lat));
        var mixed = await analyst.CreateAsync("/api/premises", EntityTestData.Premises(lon + 0.002, Lat));
        var outsiders = await outsider.CreateAsync("/api/premises", EntityTestData.Premises(lon + 0.004, Lat));
        var van = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("ZZ27 MPK"));
        var vanAgain = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("ZZ27 MPL"));
        var car = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("ZZ28 MPK"));
        var merge = await analyst.PostAsJsonAsync("/api/entity-resolution/merges",
            new { kind = "vehicle", survivorId = van, mergedId = vanAgain, justification = "Synthetic: one van recorded twice" });
        Assert.True(merge.IsSuccessStatusCode, await merge.Content.ReadAsStringAsync());

        async Task ReportAsync(HttpClient client, double longitude, int daysAgo, Guid? premises, Guid? vehicle, bool childLinked = false, bool handlingC = false)
        {
            var report = TestData.Report(longitude, Lat, occurredAt: DateTimeOffset.UtcNow.AddDays(-daysAgo));
            report["premisesIds"] = premises is { } p ? new JsonArray(p) : new JsonArray();
            report["vehicleIds"] = vehicle is { } v ? new JsonArray(v) : new JsonArray();
            if (childLinked)
            {
                report["personIds"] = new JsonArray(child);
            }

            if (handlingC)
            {
                report["handlingCode"] = "C";
                report["handlingConditions"] = "Synthetic: not to be passed outside the partnership";
            }

            await client.CreateAsync("/api/reports", report);
        }

        await ReportAsync(analyst, lon, 3, childOnly, vanAgain, childLinked: true);
        await ReportAsync(analyst, lon + 0.002, 4, mixed, van);
        await ReportAsync(analyst, lon + 0.002, 6, mixed, van);
        await ReportAsync(analyst, lon + 0.002, 45, mixed, van);
        await ReportAsync(analyst, lon + 0.002, 5, mixed, car, childLinked: true, handlingC: true);
        await ReportAsync(outsider, lon + 0.004, 2, outsiders, null);

        var request = new { bbox, from = From, to = DateTimeOffset.UtcNow.AddMinutes(-1), title = "Synthetic visibility pack" };
        var expected = new (HttpClient Client, Guid AgencyId, Guid[] Premises, Guid[] Vehicles)[]
        {
            (analyst, agencyId, [childOnly, mixed], [van, vanAgain, car]),
            // A tasking member is listed no child-linked report against a premises or vehicle: what only those name is not in their pack.
            (tasking, agencyId, [mixed], [van]),
            (outsider, outsiderId, [outsiders], []),
        };
        foreach (var (client, makerAgency, premises, vehicles) in expected)
        {
            var pack = await MakeAsync(client, makerAgency, request);
            Assert.Equal(premises.Select(id => id.ToString()).Order(), pack.Csv["premises"].Select(r => r["Premises id"]).Order());
            Assert.Equal(vehicles.Select(id => id.ToString()).Order(), pack.Csv["vehicles"].Select(r => r["Vehicle id"]).Order());
            foreach (var row in pack.Csv["premises"])
            {
                var check = await (await client.GetAsync($"/api/premises/{row["Premises id"]}/concerns")).ReadObjectAsync();
                AssertRowIsCheck(pack, row, check["reports"]!.AsArray());
                Assert.Equal(check["nearbyHotspots"]!.AsArray().Count.ToString(CultureInfo.InvariantCulture), row["Hotspots within 500 m"]);
            }

            foreach (var row in pack.Csv["vehicles"])
            {
                AssertRowIsCheck(pack, row, (await (await client.GetAsync($"/api/vehicles/{row["Vehicle id"]}/concerns")).ReadObjectAsync())["reports"]!.AsArray());
            }

            AssertNoChildNamed(pack);
        }
    }

    /// <summary>A premises or vehicle row against its check as the same maker: concerns in the period and in all, and the latest in the period.</summary>
    private static void AssertRowIsCheck(MadePack pack, Dictionary<string, string> row, JsonArray reports)
    {
        var inPeriod = reports.Select(r => r!["occurredAt"]!.GetValue<DateTimeOffset>()).Where(at => at >= pack.From && at < pack.To).ToList();
        Assert.NotEmpty(inPeriod);
        Assert.True(inPeriod.Count.ToString(CultureInfo.InvariantCulture) == row["Concerns in period"], $"{pack.Role}: {string.Join(",", row)}");
        Assert.Equal(reports.Count.ToString(CultureInfo.InvariantCulture), row["Concerns in all"]);
        Assert.Equal(inPeriod.Max().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), row["Latest concern"]);
    }

    [Fact]
    public async Task A_problem_profile_has_each_areas_api_figures_table_by_table_and_no_child_names()
    {
        var (agencyId, analyst) = await database.SignInAsync("MPK5");
        var tasking = database.Application.CreateClient(UserRole.TaskingMember, agencyId);
        var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        await ArrangeAsync(agencyId, analyst);
        var imported = await (await Areas.AreasApiTests.PostAsync(supervisor, Areas.AreasApiTests.Collection(
            Areas.AreasApiTests.Feature("MPK5-C", "Synthetic Council", "council_area", null, Areas.AreasApiTests.Square(Lon, Lat, 0.05), 12000),
            Areas.AreasApiTests.Feature("MPK5-W1", "Synthetic Ward", "ward", "MPK5-C", Areas.AreasApiTests.Square(Lon, Lat, 0.01), 2000),
            Areas.AreasApiTests.Feature("MPK5-W2", "Synthetic Quiet Ward", "ward", "MPK5-C", Areas.AreasApiTests.Square(Lon + 0.03, Lat, 0.01), null)), "key-mpk5")).ReadObjectAsync();
        var areaIds = imported["areaIds"]!.AsArray().Select(a => a!.GetValue<Guid>()).ToList();
        var request = new { kind = "problem_profile", areaIds, from = From, to = DateTimeOffset.UtcNow.AddMinutes(-1), title = "Synthetic board profile" };

        var analystProfile = await MakeAsync(analyst, agencyId, request);
        var taskingProfile = await MakeAsync(tasking, agencyId, request);

        // Not vacuous: the ward round the reports has them, their rate and its missing episodes; the empty ward none.
        var ward = analystProfile.Csv["areas"].Single(r => r["Area code"] == "MPK5-W1");
        var wardBox = string.Create(CultureInfo.InvariantCulture, $"{Lon - 0.01},{Lat - 0.01},{Lon + 0.01},{Lat + 0.01}");
        var period = $"from={Uri.EscapeDataString(analystProfile.From.ToString("O"))}&to={Uri.EscapeDataString(analystProfile.To.ToString("O"))}";
        var counted = (await (await analyst.GetAsync($"/api/reports/indicator-counts?bbox={wardBox}&{period}")).ReadObjectAsync())["reports"]!.GetValue<int>();
        Assert.True(counted >= 3);
        Assert.Equal(counted.ToString(CultureInfo.InvariantCulture), ward["Reports"]);
        Assert.Equal(Math.Round(counted * 10_000.0 / 2000, 2), double.Parse(ward["Rate per 10,000 children"], CultureInfo.InvariantCulture));
        Assert.Equal("9", ward["Missing episodes"]);
        Assert.Equal("0", analystProfile.Csv["areas"].Single(r => r["Area code"] == "MPK5-W2")["Reports"]);
        Assert.Equal("", analystProfile.Csv["areas"].Single(r => r["Area code"] == "MPK5-W2")["Rate per 10,000 children"]);
        Assert.Contains(analystProfile.Csv["indicators"], r => r["Area code"] == "MPK5-W1" && r["Indicator code"] == "going_missing" && r["Reports"] != "0");
        Assert.NotEmpty(analystProfile.Csv["top-hotspots"]);
        Assert.NotEmpty(analystProfile.Csv["action-outcomes"]);
        foreach (var (client, profile) in new[] { (analyst, analystProfile), (tasking, taskingProfile) })
        {
            await AssertProfileSameAsApiAsync(client, profile, areaIds);
            AssertNoChildNamed(profile);
            AssertMarkedOnEveryPage(profile);
        }
    }

    [Fact]
    public async Task A_pack_is_deleted_by_its_maker_or_a_supervisor_logged_and_a_failed_one_is_retried()
    {
        var (agencyId, analyst) = await database.SignInAsync("MPK6");
        var other = database.Application.CreateClient(UserRole.Analyst, agencyId, "another-analyst");
        var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        var first = await MakeAsync(analyst, agencyId);
        var second = await MakeAsync(analyst, agencyId);

        await (await other.DeleteAsync($"/api/meeting-packs/{first.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await analyst.DeleteAsync($"/api/meeting-packs/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/meeting-packs/{second.Id}")).StatusCode);
        Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM meeting_pack_files WHERE pack_id IN ('{first.Id}', '{second.Id}')"));
        Assert.Equal(2, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM audit_log WHERE action = 'erasure' AND entity_kind = 'meeting_packs' AND entity_id IN ('{first.Id}', '{second.Id}')"));
        await (await analyst.DeleteAsync($"/api/meeting-packs/{first.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var third = await MakeAsync(analyst, agencyId);
        await (await analyst.PostAsync($"/api/meeting-packs/{third.Id}/retry", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await database.ExecuteAsync($"UPDATE meeting_packs SET status = 'failed', failure = 'Synthetic failure' WHERE id = '{third.Id}'");
        var retried = await analyst.PostAsync($"/api/meeting-packs/{third.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal("queued", (await retried.ReadObjectAsync())["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("premises")]
    [InlineData("vehicles")]
    [InlineData("disruption-actions")]
    public async Task Erasing_a_record_a_pack_names_deletes_that_pack_logged_as_an_erasure_and_no_other(string kind)
    {
        var code = "MPE" + kind[..2].ToUpperInvariant();
        var (agencyId, analyst) = await database.SignInAsync(code);
        var world = await ArrangeAsync(agencyId, analyst);
        var naming = await MakeAsync(analyst, agencyId);
        var elsewhere = await MakeAsync(analyst, agencyId, new
        {
            bbox = string.Create(CultureInfo.InvariantCulture, $"{Lon + 0.5},{Lat + 0.5},{Lon + 0.52},{Lat + 0.52}"),
            from = From,
            to = DateTimeOffset.UtcNow.AddMinutes(-1),
            title = "Synthetic pack of an empty area",
        });
        var erased = kind switch { "premises" => world.PremisesId, "vehicles" => world.VehicleId, _ => world.DoneActionId };
        Assert.Equal(3, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM meeting_pack_records WHERE pack_id = '{naming.Id}'
              AND (record_table, record_id) IN (('premises', '{world.PremisesId}'), ('vehicles', '{world.VehicleId}'), ('disruption_actions', '{world.DoneActionId}'))
            """));

        var supervisor = database.Application.CreateClient(UserRole.Supervisor, agencyId);
        var erasure = await supervisor.PostAsJsonAsync($"/api/reviews/{kind}/{erased}/erase", new { justification = "Synthetic: retention period over" });

        Assert.Equal(HttpStatusCode.OK, erasure.StatusCode);
        await (await analyst.GetAsync($"/api/meeting-packs/{naming.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM meeting_pack_files WHERE pack_id = '{naming.Id}'"));
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/meeting-packs/{elsewhere.Id}")).StatusCode);
        Assert.Equal("Synthetic: retention period over", await database.ScalarAsync<string>(
            $"SELECT justification FROM audit_log WHERE action = 'erasure' AND entity_kind = 'meeting_packs' AND entity_id = '{naming.Id}'"));
    }

    [Fact]
    public async Task A_pack_naming_a_record_erased_while_it_was_built_is_told_so_when_stored()
    {
        var (agencyId, analyst) = await database.SignInAsync("MPK9");
        var pack = await MakeAsync(analyst, agencyId);
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises(Lon, Lat));
        await database.ExecuteAsync($"UPDATE meeting_packs SET made_by = 'probe' WHERE id = '{pack.Id}'");

        Assert.Equal(0, await database.ScalarAsSessionAsync<int>(agencyId, pack.Role,
            $"SELECT record_meeting_pack_names('{pack.Id}', ARRAY['premises'], ARRAY['{premises}'::uuid])"));
        Assert.Equal(1, await database.ScalarAsSessionAsync<int>(agencyId, pack.Role,
            $"SELECT record_meeting_pack_names('{pack.Id}', ARRAY['premises', 'premises'], ARRAY['{premises}'::uuid, '{Guid.NewGuid()}'])"));
        await Assert.ThrowsAsync<PostgresException>(() => database.ScalarAsSessionAsync<int>(agencyId, "supervisor",
            $"SELECT record_meeting_pack_names('{pack.Id}', ARRAY['premises'], ARRAY['{premises}'::uuid])"));
    }

    [Fact]
    public void A_csv_writes_numbers_as_numbers_and_escapes_text_that_would_run_as_a_formula()
    {
        var csv = Encoding.UTF8.GetString(MeetingPackCsv.Render(new PackTable("t", "T", "", ["Name", "Change (%)"],
            [["=HYPERLINK(\"x\")", "-51.3"], ["-a dash", "0.50"], ["Plain, with comma", "12"]])));

        Assert.Equal("Name,Change (%)\r\n\"'=HYPERLINK(\"\"x\"\")\",-51.3\r\n\"'-a dash\",0.50\r\n\"Plain, with comma\",12\r\n", csv);
    }

    [Fact]
    public async Task Downloading_a_file_is_a_disclosure_logged_with_its_recipient_and_refused_without_one()
    {
        var (agencyId, analyst) = await database.SignInAsync("MPK3");
        var pack = await MakeAsync(analyst, agencyId);

        var refused = await analyst.GetAsync($"/api/meeting-packs/{pack.Id}/pack.pdf?justification={Uri.EscapeDataString(SignedInClients.Justification)}");
        await refused.AssertFieldErrorAsync("recipient");
        var unknown = await analyst.GetAsync($"/api/meeting-packs/{pack.Id}/nothing.csv?{Disclosure}");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        // Making the pack here downloaded each of its files once.
        var before = await DisclosuresAsync(pack.Id);
        Assert.Equal(pack.Csv.Count + 2, before);

        var response = await analyst.GetAsync($"/api/meeting-packs/{pack.Id}/hotspots.csv?{Disclosure}");
        response.EnsureSuccessStatusCode();

        Assert.Equal(pack.Marking, Assert.Single(response.Headers.GetValues("Security-Marking")));
        Assert.StartsWith(pack.Marking, response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        Assert.Equal(before + 1, await DisclosuresAsync(pack.Id));
        Assert.Equal("Synthetic tasking meeting, Northbrook", await database.ScalarAsync<string>(
            $"SELECT recipient FROM audit_log WHERE action = 'disclosure' AND entity_kind = 'meeting_packs' AND entity_id = '{pack.Id}' ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task A_bad_request_is_a_400_naming_the_field()
    {
        var (agencyId, analyst) = await database.SignInAsync("MPK4");
        var to = DateTimeOffset.UtcNow.AddMinutes(-1);

        await (await analyst.PostAsJsonAsync("/api/meeting-packs", new { from = From, to })).AssertFieldErrorAsync("bbox");
        await (await analyst.PostAsJsonAsync("/api/meeting-packs", new { bbox = "-1.9,52.5,-1.8", from = From, to })).AssertFieldErrorAsync("bbox");
        await (await analyst.PostAsJsonAsync("/api/meeting-packs", new { bbox = "-2.5,52.0,-1.0,53.0", from = From, to })).AssertFieldErrorAsync("bbox");
        await (await analyst.PostAsJsonAsync("/api/meeting-packs", new { bbox = Bbox, to })).AssertFieldErrorAsync("from");
        await (await analyst.PostAsJsonAsync("/api/meeting-packs", new { bbox = Bbox, from = to, to = From })).AssertFieldErrorAsync("from");
        await (await analyst.PostAsJsonAsync("/api/meeting-packs", new { bbox = Bbox, from = From, to = DateTimeOffset.UtcNow.AddDays(1) })).AssertFieldErrorAsync("to");
        await (await analyst.PostAsJsonAsync("/api/meeting-packs", new { bbox = Bbox, from = From, to, title = new string('x', 201) })).AssertFieldErrorAsync("title");
        Assert.Equal(0, await database.ScalarAsync<long>($"SELECT count(*) FROM meeting_packs WHERE agency_id = '{agencyId}'"));
    }

    private static readonly string Disclosure =
        $"recipient={Uri.EscapeDataString("Synthetic tasking meeting, Northbrook")}&justification={Uri.EscapeDataString(SignedInClients.Justification)}";

    private Task<long> DisclosuresAsync(Guid packId) => database.ScalarAsync<long>(
        $"SELECT count(*) FROM audit_log WHERE action = 'disclosure' AND entity_kind = 'meeting_packs' AND entity_id = '{packId}'");

    private sealed record World(Guid PreviousRun, Guid OldHotspot, Guid NewHotspot, Guid PremisesId, Guid VehicleId, Guid DoneActionId);

    /// <summary>
    /// Two runs (the last meeting's, 40 days ago, and the published one), a premises and a vehicle named by reports in
    /// the period, three frequently-missing children named in reports and an action, open, overdue and done actions.
    /// </summary>
    private async Task<World> ArrangeAsync(Guid agencyId, HttpClient analyst)
    {
        var (oldHotspot, newHotspot) = (Guid.NewGuid(), Guid.NewGuid());
        var previous = await database.AddSucceededRunAsync(agencyId, 40 * 24 * 60, new HotspotRows.Disc(oldHotspot, Lon, Lat, 150, "persistent", 20));
        await database.AddSucceededRunAsync(agencyId, 5,
            new HotspotRows.Disc(oldHotspot, Lon, Lat, 150, "intensifying", 30),
            new HotspotRows.Disc(newHotspot, Lon + 0.008, Lat + 0.004, 120, "new", 15));

        // A street through the hotspots and a ward round them, as the demo loader's basemap holds (not personal data).
        await database.ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO basemap_features (layer, kind, name, geom) VALUES
              ('street', 'primary', 'Synthetic Road', ST_GeomFromText('LINESTRING({Lon - 0.03} {Lat - 0.002}, {Lon + 0.03} {Lat + 0.006})', 4326)),
              ('ward', 'ward', 'Synthetic Ward', ST_GeomFromText('POLYGON(({Lon - 0.01} {Lat - 0.01}, {Lon + 0.01} {Lat - 0.01}, {Lon + 0.01} {Lat + 0.01}, {Lon - 0.01} {Lat + 0.01}, {Lon - 0.01} {Lat - 0.01}))', 4326))
            """));
        var premises = await analyst.CreateAsync("/api/premises", EntityTestData.Premises(Lon + 0.001, Lat));
        var vehicle = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("ZZ26 MPK"));
        var children = new List<Guid>();
        foreach (var (name, i) in Children.Select((name, i) => (name, i)))
        {
            var child = await analyst.CreateAsync("/api/persons", EntityTestData.Person("child_at_risk", name[1], name[0]));
            children.Add(child);
            for (var episode = 0; episode < 3; episode++)
            {
                var body = EntityTestData.MissingEpisode(child, DateTimeOffset.UtcNow.AddDays(-5 - 10 * episode - i));
                body["foundLocation"] = EntityTestData.Point(Lon + 0.002, Lat + 0.001);
                await analyst.CreateAsync("/api/missing-episodes", body);
            }

            var report = TestData.Report(Lon + 0.001, Lat, occurredAt: DateTimeOffset.UtcNow.AddDays(-4 - i));
            report["narrative"] = $"Synthetic: {name[0]} {name[1]} seen getting into ZZ26 MPK outside the Example Kebab House.";
            report["personIds"] = new JsonArray(child);
            report["premisesIds"] = new JsonArray(premises);
            report["vehicleIds"] = new JsonArray(vehicle);
            report["indicatorCodes"] = new JsonArray("going_missing");
            await analyst.CreateAsync("/api/reports", report);
        }

        var cawn = EntityTestData.DisruptionAction("person", children[0], agencyId, "child_abduction_warning_notice_under_16");
        cawn["notes"] = $"Synthetic: notice about {Children[0][0]} {Children[0][1]}.";
        await analyst.CreateAsync("/api/disruption-actions", cawn);
        var overdue = EntityTestData.DisruptionAction("premises", premises, agencyId);
        overdue["startOn"] = Day(-20);
        overdue["dueOn"] = Day(-1);
        await analyst.CreateAsync("/api/disruption-actions", overdue);
        var done = EntityTestData.DisruptionAction("premises", premises, agencyId, status: "done");
        done["startOn"] = Day(-15);
        done["dueOn"] = Day(-3);
        done["doneOn"] = Day(-3);
        done["outcome"] = $"Synthetic: patrols done; {Children[1][0]} {Children[1][1]} not seen again.";
        var doneId = await analyst.CreateAsync("/api/disruption-actions", done);
        return new World(previous, oldHotspot, newHotspot, premises, vehicle, doneId);
    }

    private static string Day(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record MadePack(Guid Id, string Role, string Marking, Dictionary<string, List<Dictionary<string, string>>> Csv,
        string PdfText, IReadOnlyList<string> PageTexts, string Html, string AllText, DateTimeOffset From, DateTimeOffset To);

    /// <summary>Asks for a pack as <paramref name="client"/>, runs its job as Hangfire's activator would, downloads every file and renders the PDF's pages to PNG.</summary>
    private Task<MadePack> MakeAsync(HttpClient client, Guid agencyId) =>
        MakeAsync(client, agencyId, new { bbox = Bbox, from = From, to = DateTimeOffset.UtcNow.AddMinutes(-1), title = "Synthetic Northbrook tasking" });

    private async Task<MadePack> MakeAsync(HttpClient client, Guid agencyId, object request)
    {
        var response = await client.PostAsJsonAsync("/api/meeting-packs", request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var asked = await response.ReadObjectAsync();
        var id = asked["id"]!.GetValue<Guid>();
        Assert.Equal("queued", asked["status"]!.GetValue<string>());
        using (var scope = database.Application.Services.CreateScope())
        {
            var userId = asked["madeBy"]!.GetValue<string>();
            var role = asked["madeByRole"]!.GetValue<string>();
            await ActivatorUtilities.GetServiceOrCreateInstance<MakeMeetingPackJob>(scope.ServiceProvider).RunAsync(id, userId, agencyId, role, CancellationToken.None);
        }

        var pack = await (await client.GetAsync($"/api/meeting-packs/{id}")).ReadObjectAsync();
        Assert.True(pack["status"]!.GetValue<string>() == "succeeded", pack.ToJsonString());
        var marking = pack["securityMarking"]!.GetValue<string>();
        var csv = new Dictionary<string, List<Dictionary<string, string>>>();
        var all = new StringBuilder();
        foreach (var file in pack["files"]!.AsArray().Select(f => f!.GetValue<string>()).Where(f => f.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var text = await DownloadTextAsync(client, id, file);
            csv[file[..^4]] = Csv(text);
            all.Append(text);
        }

        var html = await DownloadTextAsync(client, id, "pack.html");
        var pdf = await (await client.GetAsync($"/api/meeting-packs/{id}/pack.pdf?{Disclosure}")).Content.ReadAsByteArrayAsync();
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(page => NoSpace(page.Text)).ToList();
        // Maps and charts are vector paths, never pictures.
        Assert.All(document.GetPages(), page => Assert.Empty(page.GetImages()));
        all.Append(html).Append(string.Concat(pages));
        var name = $"meeting-pack-{pack["madeByRole"]!.GetValue<string>()}-{id.ToString()[^6..]}";
        await RenderPagesAsync(pdf, name, pages.Count);
        await File.WriteAllTextAsync(Path.Combine(RepositoryRoot.Path, "map-client", "screenshots", name + ".html"), html);
        return new MadePack(id, pack["madeByRole"]!.GetValue<string>(), marking, csv, string.Concat(pages), pages, html, all.ToString(),
            pack["from"]!.GetValue<DateTimeOffset>(), pack["to"]!.GetValue<DateTimeOffset>());
    }

    private static async Task<string> DownloadTextAsync(HttpClient client, Guid id, string file)
    {
        var response = await client.GetAsync($"/api/meeting-packs/{id}/{file}?{Disclosure}");
        Assert.True(response.IsSuccessStatusCode, $"{file}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>pdftoppm (Debian's poppler-utils) draws each page as PNG beside the client's screenshots (with the PDF; the HTML goes there too), for a person to look at.</summary>
    private static async Task RenderPagesAsync(byte[] pdf, string name, int pages)
    {
        var folder = Path.Combine(RepositoryRoot.Path, "map-client", "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".pdf");
        await File.WriteAllBytesAsync(file, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", file, Path.Combine(folder, name)]) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        Assert.Equal(pages, Directory.GetFiles(folder, name + "-*.png").Length);
    }

    private static void AssertNoChildNamed(MadePack pack)
    {
        foreach (var name in Children.SelectMany(child => child))
        {
            Assert.DoesNotContain(name, pack.PdfText, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(name, pack.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(name, pack.AllText, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static void AssertMarkedOnEveryPage(MadePack pack)
    {
        Assert.NotEmpty(pack.PageTexts);
        for (var i = 0; i < pack.PageTexts.Count; i++)
        {
            var text = pack.PageTexts[i];
            // Header and footer each: "OFFICIAL" alone is also inside "OFFICIAL-SENSITIVE", so count the pack's own marking.
            Assert.True(Occurrences(text, pack.Marking) >= 2, $"{pack.Role} page {i + 1}: {text}");
            Assert.Contains($"Page{i + 1}of{pack.PageTexts.Count}", text, StringComparison.Ordinal);
            Assert.Contains(pack.Marking == "OFFICIAL" ? "Handling:" : "Handling", text, StringComparison.Ordinal);
        }

        Assert.Contains($"<div class=\"marking\">{pack.Marking}</div>", pack.Html, StringComparison.Ordinal);
    }

    /// <summary>Every table of the pack against the endpoint it cites, asked by the same maker for the same area and period.</summary>
    private static async Task AssertSameAsApiAsync(HttpClient client, MadePack pack, Guid previousRun)
    {
        var current = await FeaturesAsync(client, $"/api/hotspots?trend=new,intensifying,persistent&bbox={Bbox}");
        Assert.Equal(current.Keys.Order(), pack.Csv["hotspots"].Select(r => Guid.Parse(r["Hotspot id"])).Order());
        foreach (var row in pack.Csv["hotspots"])
        {
            var api = current[Guid.Parse(row["Hotspot id"])];
            Assert.Equal(api["reportCount"]?.GetValue<int>().ToString(CultureInfo.InvariantCulture) ?? "", row["Reports"]);
            Assert.Equal(api["weightedScore"]?.GetValue<double>() ?? double.NaN, Number(row["Weighted score"]), 3);
            Assert.Equal(api["trend"]?.GetValue<string>() ?? "", row["Trend"]);
        }

        var now = await FeaturesAsync(client, $"/api/hotspots?bbox={Bbox}");
        var before = (await client.GetAsync($"/api/hotspot-runs/{previousRun}")).IsSuccessStatusCode
            ? await FeaturesAsync(client, $"/api/hotspots?runId={previousRun}&bbox={Bbox}") : [];
        Assert.Equal(now.Keys.Except(before.Keys).Order(), Changed(pack, "appeared"));
        Assert.Equal(now.Keys.Intersect(before.Keys).Where(k => now[k]["trend"]?.ToJsonString() != before[k]["trend"]?.ToJsonString()).Order(), Changed(pack, "trend_changed"));

        foreach (var row in pack.Csv["premises"])
        {
            var check = await (await client.GetAsync($"/api/premises/{row["Premises id"]}/concerns")).ReadObjectAsync();
            AssertConcerns(pack, row, check["reports"]!.AsArray());
            Assert.Equal(check["nearbyHotspots"]!.AsArray().Count.ToString(CultureInfo.InvariantCulture), row["Hotspots within 500 m"]);
        }

        foreach (var row in pack.Csv["vehicles"])
        {
            AssertConcerns(pack, row, (await (await client.GetAsync($"/api/vehicles/{row["Vehicle id"]}/concerns")).ReadObjectAsync())["reports"]!.AsArray());
        }

        var open = await (await client.GetAsync($"/api/disruption-actions?status=proposed,agreed,in_progress&bbox={Bbox}&limit=1000")).ReadObjectAsync();
        var byOwner = open["items"]!.AsArray().GroupBy(a => a!["ownerAgencyId"]!.GetValue<string>()).ToList();
        Assert.Equal(byOwner.Select(g => g.Key).Order(), pack.Csv["actions"].Select(r => r["Owner agency id"]).Order());
        foreach (var row in pack.Csv["actions"])
        {
            var owned = byOwner.Single(g => g.Key == row["Owner agency id"]).ToList();
            Assert.Equal(owned.Count.ToString(CultureInfo.InvariantCulture), row["Open"]);
            Assert.Equal(owned.Count(a => a!["overdue"]!.GetValue<bool>()).ToString(CultureInfo.InvariantCulture), row["Overdue"]);
        }

        var months = pack.Csv["frequently-missing"].Select(r => r["Month"]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(From.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture), months[0]);
        var counts = await (await client.GetAsync($"/api/missing-episodes/frequently-missing?from={months[0]}&to={months[^1]}")).ReadObjectAsync();
        var expected = counts["months"]!.AsArray().SelectMany(m => new[] { (m!["month"]!.GetValue<string>(), "all", Count(m)) }
            .Concat(m["areas"]!.AsArray().Select(a => (m["month"]!.GetValue<string>(), a!["area"]!.GetValue<string>(), Count(a))))).ToList();
        Assert.Equal(expected, pack.Csv["frequently-missing"].Select(r => (r["Month"], r["Ward"], r["Children"])));

        var done = await (await client.GetAsync($"/api/disruption-actions?status=done&bbox={Bbox}&limit=1000")).ReadObjectAsync();
        var doneInPeriod = done["items"]!.AsArray().Where(a => DateOnly.Parse(a!["doneOn"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= DateOnly.FromDateTime(From.UtcDateTime))
            .Select(a => a!["id"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(doneInPeriod, pack.Csv["impact"].Select(r => r["Action id"]).Order());
        foreach (var row in pack.Csv["impact"])
        {
            var impact = await (await client.GetAsync($"/api/disruption-actions/{row["Action id"]}/impact")).ReadObjectAsync();
            var assessment = impact["assessment"];
            Assert.Equal(assessment?["verdict"]!.GetValue<string>() ?? "not_assessable", row["Verdict"]);
            Assert.Equal(assessment?["targetBefore"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture) ?? "", row["Target reports before"]);
            Assert.Equal(assessment?["targetAfter"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture) ?? "", row["Target reports after"]);
        }
    }

    /// <summary>Every table of a profile against GET /api/areas/{id}/profile and GET /api/disruption-actions/impact-by-tactic, asked by the same maker.</summary>
    private static async Task AssertProfileSameAsApiAsync(HttpClient client, MadePack pack, List<Guid> areaIds)
    {
        var period = $"from={Uri.EscapeDataString(pack.From.ToString("O"))}&to={Uri.EscapeDataString(pack.To.ToString("O"))}";
        var (areas, categories, indicators, hotspots, actions) = (new List<string>(), new List<string>(), new List<string>(), new List<string>(), new List<string>());
        foreach (var id in areaIds)
        {
            var api = await (await client.GetAsync($"/api/areas/{id}/profile?{period}")).ReadObjectAsync();
            var code = api["code"]!.GetValue<string>();
            areas.Add(string.Join("|", code, Text(api["reports"]), Text(api["previousReports"]), Text(api["ratePer10000Children"], ""),
                api["trend"]?["direction"]?.GetValue<string>() ?? "withheld", Text(api["missingEpisodes"]), Text(api["missingChildren"])));
            categories.AddRange(api["categories"]!.AsArray().Select(c => string.Join("|", code, c!["category"]!.GetValue<string>(), Text(c["reports"]))));
            indicators.AddRange(api["indicators"]!.AsArray().Select(i => string.Join("|", code, i!["code"]!.GetValue<string>(), Indicator(i))));
            hotspots.AddRange(api["topHotspots"]!.AsArray().Select(h => string.Join("|", code, h!["hotspotId"]!.GetValue<string>(), Text(h["reportCount"]))));
            actions.AddRange(api["actions"]!.AsArray().Select(a => string.Join("|", code, a!["tacticCode"]!.GetValue<string>(), a["status"]!.GetValue<string>(), Text(a["actions"]))));
        }

        static List<string> Sorted(IEnumerable<string> rows) => [.. rows.Order(StringComparer.Ordinal)];
        Assert.Equal(Sorted(areas), Sorted(pack.Csv["areas"].Select(r => string.Join("|", r["Area code"], r["Reports"], r["Reports, previous period"],
            r["Rate per 10,000 children"], r["Trend"], r["Missing episodes"], r["Children missing"]))));
        Assert.Equal(Sorted(categories), Sorted(pack.Csv["categories"].Select(r => string.Join("|", r["Area code"], r["Category"], r["Reports"]))));
        Assert.Equal(Sorted(indicators), Sorted(pack.Csv["indicators"].Select(r => string.Join("|", r["Area code"], r["Indicator code"], r["Reports"]))));
        Assert.Equal(Sorted(hotspots), Sorted(pack.Csv["top-hotspots"].Select(r => string.Join("|", r["Area code"], r["Hotspot id"], r["Reports"]))));
        Assert.Equal(Sorted(actions), Sorted(pack.Csv["action-outcomes"].Select(r => string.Join("|", r["Area code"], r["Tactic"], r["Status"], r["Actions"]))));

        var tactics = await (await client.GetAsync("/api/disruption-actions/impact-by-tactic")).ReadObjectAsync();
        Assert.Equal(tactics["tactics"]!.AsArray().Select(t => string.Join("|", t!["tacticCode"]!.GetValue<string>(), Text(t["actions"]),
                Text(t["verdicts"]!["reduced"]), Text(t["verdicts"]!["insufficientData"]), t["pooledVerdict"]!.GetValue<string>())),
            pack.Csv["impact-by-tactic"].Select(r => string.Join("|", r["Tactic"], r["Actions"], r["Reduced"], r["Insufficient data"], r["Pooled verdict"])));
    }

    private static string Text(JsonNode? node, string whenNull = "withheld") => node is null ? whenNull
        : node.GetValueKind() == System.Text.Json.JsonValueKind.Number ? node.GetValue<double>().ToString("0.####", CultureInfo.InvariantCulture) : node.GetValue<string>();

    private static async Task AssertIndicatorsSameAsApiAsync(HttpClient client, MadePack pack)
    {
        var period = $"from={Uri.EscapeDataString(pack.From.ToString("O"))}&to={Uri.EscapeDataString(pack.To.ToString("O"))}";
        var inArea = await (await client.GetAsync($"/api/reports/indicator-counts?bbox={Bbox}&{period}")).ReadObjectAsync();
        var expected = inArea["indicators"]!.AsArray().Select(i => ("area, period", i!["code"]!.GetValue<string>(), Indicator(i))).ToList();
        foreach (var row in pack.Csv["hotspots"])
        {
            var counts = await (await client.GetAsync($"/api/hotspots/{row["Hotspot id"]}/indicator-counts")).ReadObjectAsync();
            expected.AddRange(counts["indicators"]!.AsArray().Select(i => ($"hotspot {row["Hotspot id"]}", i!["code"]!.GetValue<string>(), Indicator(i))));
        }

        Assert.Equal(expected, pack.Csv["indicators"].Select(r => (r["Counted in"], r["Indicator code"], r["Reports"])));
    }

    private static string Indicator(JsonNode? node) =>
        node!["suppressed"]!.GetValue<bool>() ? "withheld" : node["reports"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);

    private static string Count(JsonNode? node) => node!["suppressed"]!.GetValue<bool>() ? "withheld" : node["children"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);

    private static IEnumerable<Guid> Changed(MadePack pack, string change) =>
        pack.Csv["changes"].Where(r => r["Change"] == change).Select(r => Guid.Parse(r["Hotspot id"])).Order();

    private static void AssertConcerns(MadePack pack, Dictionary<string, string> row, JsonArray reports)
    {
        var to = DateTimeOffset.UtcNow;
        var inPeriod = reports.Count(r => r!["occurredAt"]!.GetValue<DateTimeOffset>() >= From && r["occurredAt"]!.GetValue<DateTimeOffset>() < to);
        Assert.True(inPeriod.ToString(CultureInfo.InvariantCulture) == row["Concerns in period"], $"{pack.Role}: {string.Join(",", row)}");
        Assert.Equal(reports.Count.ToString(CultureInfo.InvariantCulture), row["Concerns in all"]);
    }

    private static async Task<Dictionary<Guid, JsonObject>> FeaturesAsync(HttpClient client, string pathAndQuery) =>
        (await (await client.GetAsync(pathAndQuery)).ReadObjectAsync())["features"]!.AsArray()
            .ToDictionary(f => f!["id"]!.GetValue<Guid>(), f => f!["properties"]!.AsObject());

    private static double Number(string text) => text.Length == 0 ? double.NaN : double.Parse(text, CultureInfo.InvariantCulture);

    private static string NoSpace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static int Occurrences(string text, string word)
    {
        var (count, at) = (0, 0);
        while ((at = text.IndexOf(word, at, StringComparison.Ordinal)) >= 0)
        {
            count += text.Length > at + word.Length && text[at + word.Length] == '-' && word == "OFFICIAL" ? 0 : 1;
            at += word.Length;
        }

        return count;
    }

    /// <summary>RFC 4180 CSV with a header row, as rows keyed by column.</summary>
    private static List<Dictionary<string, string>> Csv(string text)
    {
        var records = new List<List<string>>();
        var (field, record, quoted) = (new StringBuilder(), new List<string>(), false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else
            {
                field.Append(c);
            }
        }

        var header = records[0];
        return [.. records.Skip(1).Select(r => header.Select((column, i) => (column, r[i])).ToDictionary(p => p.column, p => p.Item2))];
    }
}
