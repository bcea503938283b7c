using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Api.Tests.Network;
using static HotspotIntel.Api.Tests.Network.NetworkTestData;

namespace HotspotIntel.Api.Tests.EntityResolution;

/// <summary>
/// Entity resolution on hand-made records: candidates by each rule, only where the caller may read both records; a merge
/// the network reads as one node with both records' links, a reversal that restores it exactly, both audited; rejected
/// pairs not proposed again; and the Problem Details of requests that cannot be granted.
/// </summary>
public sealed class EntityResolutionTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private const string Reason = "Synthetic: same custody photograph and address history";

    private static async Task<Guid> PersonAsync(HttpClient client, string givenNames, string familyName, string? dateOfBirth = "1990-01-02")
    {
        var person = EntityTestData.Person(familyName: familyName, givenNames: givenNames);
        person["dateOfBirth"] = dateOfBirth;
        return await client.CreateAsync("/api/persons", person);
    }

    private static async Task<List<(Guid First, Guid Second, string Reasons)>> CandidatesAsync(HttpClient client, string query = "")
    {
        var answer = await (await client.GetAsync($"/api/entity-resolution/candidates?{query}")).ReadObjectAsync();
        return [.. answer["candidates"]!.AsArray().Select(pair => (pair!["first"]!["id"]!.GetValue<Guid>(), pair["second"]!["id"]!.GetValue<Guid>(),
            string.Join(',', pair["reasons"]!.AsArray().Select(reason => reason!.GetValue<string>())))).Order()];
    }

    private static (Guid, Guid, string) Candidate(Guid one, Guid other, string reasons) =>
        one.CompareTo(other) < 0 ? (one, other, reasons) : (other, one, reasons);

    private static Task<HttpResponseMessage> MergeAsync(HttpClient client, Guid survivor, Guid merged, string kind = "person") =>
        client.PostAsJsonAsync("/api/entity-resolution/merges", new { kind, survivorId = survivor, mergedId = merged, justification = Reason });

    [Fact]
    public async Task Each_rule_proposes_its_pairs_and_nothing_else()
    {
        var (_, analyst) = await database.SignInAsync("ER1");
        var alpha = await PersonAsync(analyst, "Alpha Example", "Testperson");
        var alphaAgain = await PersonAsync(analyst, "alpha example", "TESTPERSON");
        await PersonAsync(analyst, "Alpha Example", "Testperson", "1991-05-06");
        var jonathan = await PersonAsync(analyst, "Jonathan", "Exampleson", null);
        var jonathon = await PersonAsync(analyst, "Jonathon", "Exampleson", null);
        var stranger = await PersonAsync(analyst, "Zed", "Otherbody", null);
        // One number recorded twice, typed two ways: one spelling, so the same phone.
        var phone = await analyst.CreateAsync("/api/phone-numbers", EntityTestData.PhoneNumber("07700 900123"));
        var samePhone = await analyst.CreateAsync("/api/phone-numbers", EntityTestData.PhoneNumber("+44 (0)7700-900123"));
        await analyst.LinkAsync(jonathan, phone, "uses", toKind: "phone_number");
        await analyst.LinkAsync(jonathon, samePhone, "uses", toKind: "phone_number");
        await analyst.LinkAsync(stranger, phone, "uses", toKind: "phone_number");
        var van = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("ZZ12 TST"));
        var vanAgain = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("zz12tst"));
        await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("ZZ13 TST"));

        var candidates = await CandidatesAsync(analyst);

        Assert.Equal(
            new[]
            {
                Candidate(alpha, alphaAgain, "same_name_and_date_of_birth"),
                Candidate(jonathan, jonathon, "similar_name_and_same_phone"),
                Candidate(van, vanAgain, "same_registration"),
            }.Order(),
            candidates);
        Assert.Equal([Candidate(van, vanAgain, "same_registration")], await CandidatesAsync(analyst, "kind=vehicle"));
    }

    [Fact]
    public async Task Nothing_is_proposed_across_an_agency_the_caller_cannot_read()
    {
        var (readerId, reader) = await database.SignInAsync("ER2");
        var (otherId, other) = await database.SignInAsync("ER3");
        var own = await PersonAsync(reader, "Beta Example", "Testperson");
        var theirs = await PersonAsync(other, "Beta Example", "Testperson");

        var unshared = await CandidatesAsync(reader);
        await TestData.ShareAsync(database.Application, otherId, readerId);
        var shared = await CandidatesAsync(reader);

        Assert.Empty(unshared);
        Assert.Equal([Candidate(own, theirs, "same_name_and_date_of_birth")], shared);
        await (await MergeAsync(other, theirs, own)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_merge_joins_both_records_links_in_the_network_and_its_reversal_restores_it_exactly()
    {
        var (agencyId, analyst) = await database.SignInAsync("ER4");
        var survivor = await PersonAsync(analyst, "Gamma Example", "Testperson");
        var merged = await PersonAsync(analyst, "Gamma Example", "Testperson");
        var (associate, otherAssociate, namedWith) = (await analyst.PersonAsync("Testa"), await analyst.PersonAsync("Testb"), await analyst.PersonAsync("Testc"));
        await analyst.LinkAsync(survivor, associate);
        var mergedsLink = await analyst.LinkAsync(merged, otherAssociate);
        var report = TestData.Report();
        report["personIds"] = new JsonArray(merged, namedWith);
        await analyst.CreateAsync("/api/reports", report);
        await database.DeriveLinksAsync();
        var before = await analyst.NetworkAsync($"start=person:{survivor}&hops=2");

        var merge = await (await MergeAsync(analyst, survivor, merged)).ReadObjectAsync();
        var joined = await analyst.NetworkAsync($"start=person:{survivor}&hops=1");
        var fromMerged = await analyst.NetworkAsync($"start=person:{merged}&hops=1");
        var pathFromMerged = await (await analyst.GetAsync($"/api/network/paths?start=person:{merged}&end=person:{otherAssociate}&k=1")).ReadObjectAsync();
        var mergedRecord = await (await analyst.GetAsync($"/api/persons/{merged}")).ReadObjectAsync();
        var listed = await analyst.ListIdsAsync("/api/persons?q=Gamma");
        var reversal = await analyst.PostAsJsonAsync($"/api/entity-resolution/merges/{merge["id"]}/reversal", new { justification = "Synthetic: merged in error" });
        var after = await analyst.NetworkAsync($"start=person:{survivor}&hops=2");

        Assert.Equal(Sorted(survivor, associate), before.NodeIds());
        Assert.Equal(Sorted(survivor, associate, otherAssociate, namedWith), joined.NodeIds());
        Assert.Equal(new[] { Pair(survivor, associate), Pair(survivor, otherAssociate), Pair(survivor, namedWith, "co_occurrence") }.Order(), joined.LinkPairs());
        Assert.Contains(mergedsLink, joined["links"]!.AsArray().Select(link => link!["id"]!.GetValue<Guid>()));
        Assert.Equal(joined.NodeIds(), fromMerged.NodeIds());
        Assert.Equal([survivor, otherAssociate], pathFromMerged["paths"]!.AsArray().Single()!["nodes"]!.AsArray().Select(node => node!.GetValue<Guid>()));
        Assert.Equal(survivor, mergedRecord["mergedIntoId"]!.GetValue<Guid>());
        Assert.Equal([survivor], listed);
        Assert.Equal(HttpStatusCode.OK, reversal.StatusCode);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
        Assert.Null((await (await analyst.GetAsync($"/api/persons/{merged}")).ReadObjectAsync())["mergedIntoId"]);
        foreach (var decision in new[] { "merge", "reversal" })
        {
            Assert.Equal(1L, await database.ScalarAsync<long>($"""
                SELECT count(*) FROM audit_log
                WHERE action = 'alteration' AND entity_kind = 'persons' AND agency_id = '{agencyId}' AND details ->> 'entityResolution' = '{decision}'
                  AND entity_ids @> ARRAY['{survivor}', '{merged}']::uuid[] AND row_count = 2 AND justification IS NOT NULL
                """));
        }
    }

    [Fact]
    public async Task A_merged_persons_links_are_listed_under_its_survivor_and_the_merged_id_follows_it_until_reversed()
    {
        var (_, analyst) = await database.SignInAsync("ER7");
        var survivor = await PersonAsync(analyst, "Zeta Example", "Testperson");
        var merged = await PersonAsync(analyst, "Zeta Example", "Testperson");
        var (associate, otherAssociate) = (await analyst.PersonAsync("Testa"), await analyst.PersonAsync("Testb"));
        var survivorsLink = await analyst.LinkAsync(survivor, associate);
        var mergedsLink = await analyst.LinkAsync(otherAssociate, merged);
        var before = await LinkIdsAsync(analyst, survivor);

        var merge = await (await MergeAsync(analyst, survivor, merged)).ReadObjectAsync();
        var underSurvivor = await LinkIdsAsync(analyst, survivor);
        var underMerged = await LinkIdsAsync(analyst, merged);
        var listed = await (await analyst.GetAsync($"/api/links?entityKind=person&entityId={survivor}")).ReadObjectAsync();
        var read = await (await analyst.GetAsync($"/api/links/{mergedsLink}")).ReadObjectAsync();
        await analyst.PostAsJsonAsync($"/api/entity-resolution/merges/{merge["id"]}/reversal", new { justification = "Synthetic: merged in error" });
        var afterReversal = await LinkIdsAsync(analyst, survivor);
        var readAfterReversal = await (await analyst.GetAsync($"/api/links/{mergedsLink}")).ReadObjectAsync();

        Assert.Equal([survivorsLink], before);
        Assert.Equal(Sorted(survivorsLink, mergedsLink), underSurvivor);
        Assert.Equal(underSurvivor, underMerged);
        var mergedEnd = listed["items"]!.AsArray().Single(link => link!["id"]!.GetValue<Guid>() == mergedsLink)!["to"]!;
        Assert.Equal(merged, mergedEnd["id"]!.GetValue<Guid>());
        Assert.Equal(survivor, mergedEnd["mergedIntoId"]!.GetValue<Guid>());
        Assert.Equal(survivor, read["to"]!["mergedIntoId"]!.GetValue<Guid>());
        Assert.Null(read["from"]!["mergedIntoId"]);
        Assert.Equal([survivorsLink], afterReversal);
        Assert.Null(readAfterReversal["to"]!["mergedIntoId"]);
    }

    [Fact]
    public async Task A_vehicle_check_of_either_merged_vehicle_lists_both_records_reports_and_their_links_until_reversed()
    {
        var (agencyId, analyst) = await database.SignInAsync("ER8");
        var van = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("ZZ14 TST"));
        var vanAgain = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle("zz14tst"));
        var driver = await analyst.PersonAsync("Testdriver");
        var vansReport = await ReportNamingVehicleAsync(analyst, van);
        var againsReport = await ReportNamingVehicleAsync(analyst, vanAgain);
        var againsLink = await analyst.LinkAsync(driver, vanAgain, "driver", toKind: "vehicle");
        using var officer = database.Application.CreateClient(Core.Access.UserRole.LicensingOfficer, agencyId);
        var before = await (await officer.GetAsync($"/api/vehicles/{van}/concerns")).ReadObjectAsync();

        var merge = await (await MergeAsync(analyst, van, vanAgain, "vehicle")).ReadObjectAsync();
        var ofSurvivor = await (await officer.GetAsync($"/api/vehicles/{van}/concerns")).ReadObjectAsync();
        var ofMerged = await (await officer.GetAsync($"/api/vehicles/{vanAgain}/concerns")).ReadObjectAsync();
        var vansLinks = await LinkIdsAsync(analyst, van, "vehicle");
        await analyst.PostAsJsonAsync($"/api/entity-resolution/merges/{merge["id"]}/reversal", new { justification = "Synthetic: two vans after all" });
        var afterReversal = await (await officer.GetAsync($"/api/vehicles/{van}/concerns")).ReadObjectAsync();

        Assert.Equal([vansReport], ReportIds(before));
        foreach (var check in new[] { ofSurvivor, ofMerged })
        {
            Assert.Equal(van, check["vehicleId"]!.GetValue<Guid>());
            Assert.Equal([vanAgain], check["mergedVehicleIds"]!.AsArray().Select(id => id!.GetValue<Guid>()));
            Assert.Equal(Sorted(vansReport, againsReport), ReportIds(check));
        }

        Assert.Equal([againsLink], vansLinks);
        Assert.Equal([vansReport], ReportIds(afterReversal));
        Assert.Empty(afterReversal["mergedVehicleIds"]!.AsArray());
    }

    private static async Task<List<Guid>> LinkIdsAsync(HttpClient client, Guid entityId, string entityKind = "person") =>
        [.. (await client.ListIdsAsync($"/api/links?entityKind={entityKind}&entityId={entityId}")).Order()];

    private static List<Guid> ReportIds(JsonObject check) =>
        [.. check["reports"]!.AsArray().Select(report => report!["reportId"]!.GetValue<Guid>()).Order()];

    private static async Task<Guid> ReportNamingVehicleAsync(HttpClient client, Guid vehicleId)
    {
        var report = TestData.Report(category: "vehicle_pick_up");
        report["vehicleIds"] = new JsonArray(vehicleId);
        return await client.CreateAsync("/api/reports", report);
    }

    [Fact]
    public async Task A_rejected_pair_is_not_proposed_again_and_the_rejection_is_audited()
    {
        var (agencyId, analyst) = await database.SignInAsync("ER5");
        var one = await PersonAsync(analyst, "Delta Example", "Testperson");
        var other = await PersonAsync(analyst, "Delta Example", "Testperson");
        var proposed = await CandidatesAsync(analyst);

        var rejected = await analyst.PostAsJsonAsync("/api/entity-resolution/rejections",
            new { kind = "person", firstId = other, secondId = one, justification = "Synthetic: twins, different fingerprints" });
        var again = await analyst.PostAsJsonAsync("/api/entity-resolution/rejections",
            new { kind = "person", firstId = one, secondId = other, justification = "Synthetic: twins, different fingerprints" });

        Assert.Equal([Candidate(one, other, "same_name_and_date_of_birth")], proposed);
        Assert.Equal(HttpStatusCode.Created, rejected.StatusCode);
        Assert.Empty(await CandidatesAsync(analyst));
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM audit_log
            WHERE action = 'alteration' AND agency_id = '{agencyId}' AND details ->> 'entityResolution' = 'rejection'
              AND entity_ids @> ARRAY['{one}', '{other}']::uuid[]
            """));
    }

    [Fact]
    public async Task Requests_that_cannot_be_granted_are_refused_with_problem_details()
    {
        var (_, analyst) = await database.SignInAsync("ER6");
        var person = await PersonAsync(analyst, "Epsilon Example", "Testperson");
        var duplicate = await PersonAsync(analyst, "Epsilon Example", "Testperson");
        var third = await PersonAsync(analyst, "Epsilon Example", "Testperson");
        var vehicle = await analyst.CreateAsync("/api/vehicles", EntityTestData.Vehicle());

        await (await MergeAsync(analyst, person, person)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await MergeAsync(analyst, person, vehicle)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await MergeAsync(analyst, person, Guid.NewGuid())).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await analyst.PostAsJsonAsync("/api/entity-resolution/merges", new { kind = "person", survivorId = person, mergedId = duplicate }))
            .AssertFieldErrorAsync("justification");
        Assert.Equal(HttpStatusCode.Created, (await MergeAsync(analyst, person, duplicate)).StatusCode);
        await (await MergeAsync(analyst, third, duplicate)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await MergeAsync(analyst, duplicate, third)).AssertProblemAsync(HttpStatusCode.Conflict);
        // The database holds the same rule whoever writes: merged_into is the merge's to set.
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            database.ScalarAsync<long>($"WITH changed AS (UPDATE persons SET merged_into = '{person}' WHERE id = '{third}' RETURNING 1) SELECT count(*) FROM changed"));
    }
}
