using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Network;
using HotspotIntel.Api.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static HotspotIntel.Api.Tests.Network.NetworkTestData;

namespace HotspotIntel.Api.Tests.Network;

/// <summary>Links derived from hand-made reports: named together, or seen near each other in place and time.</summary>
public sealed class DerivedLinksTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    // Birmingham city centre; 0.00045° of latitude is 50 m, 0.045° is 5 km.
    private const double Longitude = TestData.CentreLongitude;
    private const double Latitude = TestData.CentreLatitude;
    private static readonly DateTimeOffset Evening = new(2026, 3, 14, 21, 0, 0, TimeSpan.Zero);

    private static JsonObject Naming(Guid[] persons, double latitude = Latitude, DateTimeOffset? occurredAt = null, string grading = "2B")
    {
        var report = TestData.Report(Longitude, latitude, "other", occurredAt ?? Evening);
        report["personIds"] = new JsonArray([.. persons.Select(id => JsonValue.Create(id))]);
        report["sourceEvaluation"] = grading[..1];
        report["intelligenceAssessment"] = grading[1..];
        return report;
    }

    [Fact]
    public async Task Two_persons_named_in_one_report_are_linked_by_co_occurrence()
    {
        var (_, client) = await database.SignInAsync("DER1");
        var (a, b) = (await client.PersonAsync(), await client.PersonAsync());
        var report = await client.CreateAsync("/api/reports", Naming([a, b], grading: "1A"));

        await database.DeriveLinksAsync();
        var network = await client.NetworkAsync($"start=person:{a}&hops=1");

        var link = Assert.Single(network["links"]!.AsArray())!;
        Assert.Equal(Pair(a, b, "co_occurrence"), (link["from"]!.GetValue<Guid>(), link["to"]!.GetValue<Guid>(), link["derivation"]!.GetValue<string>()));
        Assert.Equal("1A", link["grading"]!.GetValue<string>());
        Assert.Equal(1, link["evidenceCount"]!.GetValue<int>());
        var evidence = await (await client.GetAsync($"/api/network/evidence?derivation=co_occurrence&start=person:{a}&end=person:{b}")).ReadObjectAsync();
        Assert.Equal([report], evidence["reports"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task A_person_and_the_phone_number_and_online_identifier_a_report_names_are_linked_by_co_occurrence()
    {
        var (_, client) = await database.SignInAsync("DER8");
        var a = await client.PersonAsync();
        var phone = await client.CreateAsync("/api/phone-numbers", EntityTestData.PhoneNumber("+44 7700 900789"));
        var handle = await client.CreateAsync("/api/online-identifiers", EntityTestData.OnlineIdentifier("@Synthetic_Handle"));
        var report = Naming([a]);
        report["phoneNumberIds"] = new JsonArray(phone);
        report["onlineIdentifierIds"] = new JsonArray(handle);
        await client.CreateAsync("/api/reports", report);

        await database.DeriveLinksAsync();
        var network = await client.NetworkAsync($"start=phone_number:{phone}&hops=2");

        Assert.Equal(Sorted(a, phone, handle), network.NodeIds());
        Assert.Equal(new[] { Pair(a, phone, "co_occurrence"), Pair(a, handle, "co_occurrence"), Pair(phone, handle, "co_occurrence") }.Order(),
            network.LinkPairs());
        Assert.Equal("synthetic_handle", network["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<Guid>() == handle)!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sightings_50_m_and_10_minutes_apart_are_linked_by_co_location_and_5_km_apart_are_not()
    {
        var (_, client) = await database.SignInAsync("DER2");
        var (a, near, far) = (await client.PersonAsync(), await client.PersonAsync(), await client.PersonAsync());
        await client.CreateAsync("/api/reports", Naming([a]));
        await client.CreateAsync("/api/reports", Naming([near], Latitude + 0.00045, Evening.AddMinutes(10)));
        await client.CreateAsync("/api/reports", Naming([far], Latitude + 0.045, Evening.AddMinutes(10)));

        await database.DeriveLinksAsync();
        var network = await client.NetworkAsync($"start=person:{a}&hops=2");

        Assert.Equal([Pair(a, near, "co_location")], network.LinkPairs());
        var evidence = await (await client.GetAsync($"/api/network/evidence?derivation=co_location&start=person:{a}&end=person:{near}")).ReadObjectAsync();
        var pair = Assert.Single(evidence["reports"]!.AsArray(), r => r!["distanceMeters"] is not null)!;
        Assert.InRange(pair["distanceMeters"]!.GetValue<double>(), 49, 51);
        Assert.Equal(10, pair["minutesApart"]!.GetValue<double>(), 3);
    }

    [Fact]
    public async Task Sightings_more_than_the_configured_time_apart_are_not_linked()
    {
        var (_, client) = await database.SignInAsync("DER3");
        var (a, later) = (await client.PersonAsync(), await client.PersonAsync());
        await client.CreateAsync("/api/reports", Naming([a]));
        await client.CreateAsync("/api/reports", Naming([later], Latitude + 0.00045, Evening.AddMinutes(45)));

        await database.DeriveLinksAsync();
        var network = await client.NetworkAsync($"start=person:{a}&hops=1");

        Assert.Empty(network["links"]!.AsArray());
    }

    [Fact]
    public async Task A_derived_link_goes_in_the_statement_that_removes_its_evidence()
    {
        var (_, client) = await database.SignInAsync("DER4");
        var (a, b) = (await client.PersonAsync(), await client.PersonAsync());
        var report = await client.CreateAsync("/api/reports", Naming([a, b]));
        await database.DeriveLinksAsync();

        var correction = Naming([a]);
        (await client.PutAsJsonAsync($"/api/reports/{report}", correction)).EnsureSuccessStatusCode();
        var network = await client.NetworkAsync($"start=person:{a}&hops=1");

        Assert.Empty(network["links"]!.AsArray());
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM derived_link_evidence WHERE report_id = '{report}'"));
    }

    [Fact]
    public async Task Derived_links_follow_the_evidence_the_reader_may_see()
    {
        var (ownerId, owner) = await database.SignInAsync("DER5");
        var (partnerId, partner) = await database.SignInAsync("DER6");
        await TestData.ShareAsync(database.Application, ownerId, partnerId);
        var (a, b) = (await owner.PersonAsync(), await owner.PersonAsync());
        var conditional = Naming([a, b]);
        conditional["handlingCode"] = "C";
        conditional["handlingConditions"] = "Synthetic: police use only.";
        await owner.CreateAsync("/api/reports", conditional);

        await database.DeriveLinksAsync();

        Assert.Single((await owner.NetworkAsync($"start=person:{a}&hops=1"))["links"]!.AsArray());
        Assert.Empty((await partner.NetworkAsync($"start=person:{a}&hops=1"))["links"]!.AsArray());
    }

    [Fact]
    public async Task A_second_pass_with_nothing_new_changes_nothing_and_a_new_report_adds_its_links()
    {
        var (_, client) = await database.SignInAsync("DER7");
        var (a, b, c) = (await client.PersonAsync(), await client.PersonAsync(), await client.PersonAsync());
        await client.CreateAsync("/api/reports", Naming([a, b]));
        await database.DeriveLinksAsync();
        var before = await client.NetworkAsync($"start=person:{a}&hops=1");

        await database.DeriveLinksAsync();
        var unchanged = await client.NetworkAsync($"start=person:{a}&hops=1");
        await client.CreateAsync("/api/reports", Naming([a, c], Latitude + 0.01, Evening.AddDays(1)));
        await database.DeriveLinksAsync();
        var after = await client.NetworkAsync($"start=person:{a}&hops=1");

        Assert.Equal(before.LinkPairs(), unchanged.LinkPairs());
        Assert.Equal(before["links"]![0]!["id"]!.GetValue<Guid>(), unchanged["links"]![0]!["id"]!.GetValue<Guid>());
        Assert.Equal([Pair(a, b, "co_occurrence"), Pair(a, c, "co_occurrence")], after.LinkPairs().Order());
    }

    [Fact]
    public async Task An_incremental_pass_after_new_reports_leaves_what_a_full_pass_derives_again()
    {
        var (_, client) = await database.SignInAsync("DER9");
        var (a, b, c, d) = (await client.PersonAsync(), await client.PersonAsync(), await client.PersonAsync(), await client.PersonAsync());
        await client.CreateAsync("/api/reports", Naming([a, b]));
        await client.CreateAsync("/api/reports", Naming([c], Latitude + 0.02, Evening.AddHours(3)));
        await database.DeriveLinksAsync();

        // New evidence for a link that exists (a, b again, weaker), a new co-occurrence (b, c), co-location with an old
        // report (d 50 m and 10 minutes from c's), and a report far from everything.
        await client.CreateAsync("/api/reports", Naming([a, b], Latitude - 0.01, Evening.AddDays(3), "3C"));
        await client.CreateAsync("/api/reports", Naming([b, c], Latitude + 0.01, Evening.AddDays(1)));
        await client.CreateAsync("/api/reports", Naming([d], Latitude + 0.02045, Evening.AddHours(3).AddMinutes(10)));
        await client.CreateAsync("/api/reports", Naming([d], Latitude + 0.04, Evening.AddDays(2)));
        await database.DeriveLinksAsync();
        var incremental = await DerivedStateAsync();
        using (var scope = database.Application.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeriveLinksJob>().RunFullAsync(CancellationToken.None);
        }

        var full = await DerivedStateAsync();
        Assert.Equal(full, incremental);
        var network = await client.NetworkAsync($"start=person:{a}&hops=3");
        Assert.Equal([Pair(a, b, "co_occurrence"), Pair(b, c, "co_occurrence"), Pair(c, d, "co_location")], network.LinkPairs().Order());
    }

    [Fact]
    public async Task An_incremental_pass_after_changed_and_deleted_reports_leaves_what_a_full_pass_derives_again()
    {
        var (_, client) = await database.SignInAsync("DER10");
        var (a, b, c, d, e) = (await client.PersonAsync(), await client.PersonAsync(), await client.PersonAsync(), await client.PersonAsync(),
            await client.PersonAsync());
        var named = await client.CreateAsync("/api/reports", Naming([a, b]));
        var seen = await client.CreateAsync("/api/reports", Naming([c], Latitude + 0.02, Evening.AddHours(3)));
        var nearby = await client.CreateAsync("/api/reports", Naming([d], Latitude + 0.02045, Evening.AddHours(3).AddMinutes(10)));
        var together = await client.CreateAsync("/api/reports", Naming([b, c], Latitude + 0.01, Evening.AddDays(1)));
        await client.CreateAsync("/api/reports", Naming([e], Latitude + 0.04, Evening.AddDays(2).AddMinutes(5)));
        await database.DeriveLinksAsync();

        // A report regraded (its link's grading changes), one moved away from its co-location and next to e's, one that
        // names one more person, and one deleted (the other end of the co-location that moved away).
        (await client.PutAsJsonAsync($"/api/reports/{named}", Naming([a, b], grading: "3C"))).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/reports/{nearby}", Naming([d], Latitude + 0.04, Evening.AddDays(2)))).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/reports/{together}", Naming([b, c, a], Latitude + 0.01, Evening.AddDays(1)))).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"/api/reports/{seen}")).EnsureSuccessStatusCode();
        await database.DeriveLinksAsync();
        var incremental = await DerivedStateAsync();
        using (var scope = database.Application.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeriveLinksJob>().RunFullAsync(CancellationToken.None);
        }

        var full = await DerivedStateAsync();
        Assert.Equal(full, incremental);
        var network = await client.NetworkAsync($"start=person:{a}&hops=3");
        Assert.Equal([Pair(a, b, "co_occurrence"), Pair(a, c, "co_occurrence"), Pair(b, c, "co_occurrence"), Pair(d, e, "co_location")],
            network.LinkPairs().Union((await client.NetworkAsync($"start=person:{d}&hops=1")).LinkPairs()).Order());
    }

    /// <summary>A full pass over unchanged reports writes nothing: every link and piece of evidence stays as it is.</summary>
    [Fact]
    public async Task A_full_pass_over_unchanged_reports_rewrites_nothing()
    {
        var (_, client) = await database.SignInAsync("DER11");
        var (a, b, c) = (await client.PersonAsync(), await client.PersonAsync(), await client.PersonAsync());
        await client.CreateAsync("/api/reports", Naming([a, b]));
        await client.CreateAsync("/api/reports", Naming([c], Latitude + 0.00045, Evening.AddMinutes(10)));
        await database.DeriveLinksAsync();
        const string Versions = """
            SELECT concat_ws(',', (SELECT string_agg(xmin::text, ',' ORDER BY id) FROM derived_links),
                                  (SELECT string_agg(xmin::text, ',' ORDER BY entity_id, other_id, report_id, paired_report_id) FROM derived_link_evidence))
            """;
        var before = await database.ScalarAsync<string>(Versions);

        using (var scope = database.Application.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeriveLinksJob>().RunFullAsync(CancellationToken.None);
        }

        Assert.Equal(before, await database.ScalarAsync<string>(Versions));
        Assert.Equal("full 0 0 0 0", await database.ScalarAsync<string>(
            "SELECT concat_ws(' ', kind, evidence_added, evidence_removed, links_written, links_removed) FROM derived_link_passes ORDER BY id DESC LIMIT 1"));
    }

    /// <summary>Every derived link, its ends as the network reads them and its evidence, as the schema owner reads them, in a fixed order.</summary>
    private async Task<string> DerivedStateAsync() =>
        await database.ScalarAsync<string>("""
            SELECT concat_ws(E'\n',
                (SELECT string_agg(d::text, E'\n' ORDER BY d.id) FROM derived_links d),
                (SELECT string_agg(e::text, E'\n' ORDER BY e.entity_id, e.link_id) FROM network_link_ends e WHERE e.derivation <> 'recorded'),
                (SELECT string_agg(v::text, E'\n' ORDER BY v.entity_id, v.other_id, v.report_id, v.paired_report_id) FROM derived_link_evidence v))
            """) ?? "";
}
