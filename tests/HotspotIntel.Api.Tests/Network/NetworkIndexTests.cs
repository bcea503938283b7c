using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Network;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static HotspotIntel.Api.Tests.Network.NetworkTestData;

namespace HotspotIntel.Api.Tests.Network;

/// <summary>
/// Each API instance walks its own copy of the link network (NetworkIndex), but the database decides what an answer
/// holds, and every instance answers from the database as it is.
/// </summary>
public sealed class NetworkIndexTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// The index mirrors the read policies it knows; a rule it does not know (here a restrictive policy added after it
    /// was read, which changes no row and so no change it would read) still decides: the entity and the link it hides
    /// are not returned, nor what lies only beyond them, nor a path through them.
    /// </summary>
    [Fact]
    public async Task What_the_database_does_not_return_to_the_reader_is_not_in_the_answer_even_where_the_index_would_allow_it()
    {
        var (_, analyst) = await database.SignInAsync("NIX1");
        var (a, b, hidden, beyond, c, past) = (await analyst.PersonAsync("Testa"), await analyst.PersonAsync("Testb"), await analyst.PersonAsync("Testhidden"),
            await analyst.PersonAsync("Testbeyond"), await analyst.PersonAsync("Testc"), await analyst.PersonAsync("Testpast"));
        await analyst.LinkAsync(a, b);
        await analyst.LinkAsync(a, hidden);
        await analyst.LinkAsync(hidden, beyond);
        var hiddenLink = await analyst.LinkAsync(a, c);
        await analyst.LinkAsync(c, past);
        Assert.Equal(Sorted(a, b, hidden, beyond, c, past), (await analyst.NetworkAsync($"start=person:{a}&hops=3")).NodeIds());

        await database.ExecuteAsync($"""
            CREATE POLICY test_hidden_person ON persons AS RESTRICTIVE FOR SELECT USING (id <> '{hidden}');
            CREATE POLICY test_hidden_link ON link_ends AS RESTRICTIVE FOR SELECT USING (link_id <> '{hiddenLink}');
            """);
        var network = await analyst.NetworkAsync($"start=person:{a}&hops=3");
        var toBeyond = await (await analyst.GetAsync($"/api/network/paths?start=person:{a}&end=person:{beyond}&k=3")).ReadObjectAsync();
        var toPast = await (await analyst.GetAsync($"/api/network/paths?start=person:{a}&end=person:{past}&k=3")).ReadObjectAsync();

        Assert.Equal(Sorted(a, b), network.NodeIds());
        Assert.Equal([Pair(a, b)], network.LinkPairs());
        Assert.Empty(toBeyond["paths"]!.AsArray());
        Assert.Empty(toBeyond["nodes"]!.AsArray());
        Assert.Empty(toPast["paths"]!.AsArray());
    }

    /// <summary>
    /// The answer's links are made from the copy's link ends that the database returned when probed by pair: one the
    /// database holds otherwise than the copy (here its marking changed where the copy cannot have seen it, with the
    /// triggers that log changes for the copies off) is not in the answer, nor what lies only beyond it.
    /// </summary>
    [Fact]
    public async Task A_link_end_the_database_holds_otherwise_than_the_copy_is_not_in_the_answer()
    {
        var (_, analyst) = await database.SignInAsync("NIX5");
        var (a, b, c) = (await analyst.PersonAsync("Testa"), await analyst.PersonAsync("Testb"), await analyst.PersonAsync("Testc"));
        await analyst.LinkAsync(a, b);
        var changed = await analyst.LinkAsync(b, c);
        Assert.Equal(Sorted(a, b, c), (await analyst.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());

        await database.ExecuteAsync($"""
            ALTER TABLE link_ends DISABLE TRIGGER USER;
            UPDATE link_ends SET security_marking = CASE WHEN security_marking = 'OFFICIAL' THEN 'OFFICIAL-SENSITIVE' ELSE 'OFFICIAL' END::security_marking
            WHERE link_id = '{changed}';
            ALTER TABLE link_ends ENABLE TRIGGER USER;
            """);
        var network = await analyst.NetworkAsync($"start=person:{a}&hops=2");

        Assert.Equal(Sorted(a, b), network.NodeIds());
        Assert.Equal([Pair(a, b)], network.LinkPairs());
    }

    /// <summary>
    /// Two instances on one database: what one records (a link, then its removal, then an entity's handling code
    /// narrowed) is in the other's next answer, whose copy was read before.
    /// </summary>
    [Fact]
    public async Task Another_instance_s_writes_are_in_the_next_answer()
    {
        var (ownerId, owner) = await database.SignInAsync("NIX2");
        var (partnerId, _) = await database.SignInAsync("NIX3");
        await TestData.ShareAsync(database.Application, ownerId, partnerId);
        await using var other = new HotspotIntelApplication(database.AppConnectionString);
        var partner = other.CreateClient(UserRole.Analyst, partnerId).Justified();
        var ownerElsewhere = other.CreateClient(UserRole.Analyst, ownerId).Justified();
        var (a, b) = (await owner.PersonAsync("Testa"), await owner.PersonAsync("Testb"));
        await owner.LinkAsync(a, b);
        Assert.Equal(Sorted(a, b), (await partner.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());

        var c = await owner.PersonAsync("Testc");
        var link = await owner.LinkAsync(b, c);
        Assert.Equal(Sorted(a, b, c), (await partner.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());
        Assert.Equal(2, (await (await partner.GetAsync($"/api/network/paths?start=person:{a}&end=person:{c}&k=1")).ReadObjectAsync())["paths"]![0]!["length"]!.GetValue<int>());

        Assert.Equal(Sorted(a, b, c), (await owner.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());
        (await ownerElsewhere.DeleteAsync($"/api/links/{link}")).EnsureSuccessStatusCode();
        Assert.Equal(Sorted(a, b), (await owner.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());
        await owner.LinkAsync(b, c);
        await database.ExecuteAsync($"UPDATE persons SET handling_code = 'C', handling_conditions = 'Synthetic: police use only.' WHERE id = '{b}'");
        Assert.Equal([a], (await partner.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());
        Assert.Equal(Sorted(a, b, c), (await owner.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());
    }

    /// <summary>
    /// A derived link is stored once (<c>derived_links</c>) and read as two ends: another instance, whose copy was read
    /// before the pass that made the link, finds it from either end in its next answer, and not after the report that
    /// made it is corrected.
    /// </summary>
    [Fact]
    public async Task A_derived_link_made_after_an_instance_read_its_copy_is_in_its_next_answer_from_either_end()
    {
        var (agencyId, analyst) = await database.SignInAsync("NIX8");
        await using var other = new HotspotIntelApplication(database.AppConnectionString);
        var elsewhere = other.CreateClient(UserRole.Analyst, agencyId).Justified();
        var (a, b) = (await analyst.PersonAsync("Testa"), await analyst.PersonAsync("Testb"));
        Assert.Equal([a], (await elsewhere.NetworkAsync($"start=person:{a}&hops=1")).NodeIds());

        var report = TestData.Report(category: "other");
        report["personIds"] = new JsonArray(a, b);
        var reportId = await analyst.CreateAsync("/api/reports", report);
        await database.DeriveLinksAsync();

        Assert.Equal([Pair(a, b, "co_occurrence")], (await elsewhere.NetworkAsync($"start=person:{a}&hops=1")).LinkPairs());
        Assert.Equal([Pair(a, b, "co_occurrence")], (await elsewhere.NetworkAsync($"start=person:{b}&hops=1")).LinkPairs());
        report["personIds"] = new JsonArray(a);
        (await analyst.PutAsJsonAsync($"/api/reports/{reportId}", report)).EnsureSuccessStatusCode();
        Assert.Equal([b], (await elsewhere.NetworkAsync($"start=person:{b}&hops=1")).NodeIds());
    }

    /// <summary>
    /// A derived link is checked in <c>derived_links</c> under its read policy: one a rule the copy does not know hides is
    /// not in the answer, from either end, nor the entity only it reached.
    /// </summary>
    [Fact]
    public async Task A_derived_link_the_database_does_not_return_to_the_reader_is_not_in_the_answer()
    {
        var (_, analyst) = await database.SignInAsync("NIX9");
        var (a, b, c) = (await analyst.PersonAsync("Testa"), await analyst.PersonAsync("Testb"), await analyst.PersonAsync("Testc"));
        // 5 km and a day apart: each report makes one co-occurrence link, and no co-location links either.
        foreach (var (named, day) in ((Guid[], int)[])[([a, b], 1), ([b, c], 2)])
        {
            var report = TestData.Report(TestData.CentreLongitude, TestData.CentreLatitude + 0.045 * day, "other", DateTimeOffset.UtcNow.AddDays(-day));
            report["personIds"] = new JsonArray([.. named.Select(id => JsonValue.Create(id))]);
            await analyst.CreateAsync("/api/reports", report);
        }

        await database.DeriveLinksAsync();
        Assert.Equal(Sorted(a, b, c), (await analyst.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());

        await database.ExecuteAsync($"""
            CREATE POLICY test_hidden_derived_link ON derived_links AS RESTRICTIVE FOR SELECT
                USING (NOT (entity_id IN ('{b}', '{c}') AND other_id IN ('{b}', '{c}')));
            """);
        Assert.Equal([Pair(a, b, "co_occurrence")], (await analyst.NetworkAsync($"start=person:{a}&hops=2")).LinkPairs());
        Assert.Equal([c], (await analyst.NetworkAsync($"start=person:{c}&hops=2")).NodeIds());
    }

    /// <summary>
    /// A change committed after a later one that an instance has already applied (its transaction began first, so its
    /// change was logged first, and stayed open meanwhile) is still in that instance's next answer.
    /// </summary>
    [Fact]
    public async Task A_change_committed_after_a_later_one_the_instance_applied_is_in_the_next_answer()
    {
        var (ownerId, owner) = await database.SignInAsync("NIX4");
        await using var other = new HotspotIntelApplication(database.AppConnectionString);
        var ownerElsewhere = other.CreateClient(UserRole.Analyst, ownerId).Justified();
        var (a, b, c, d) = (await owner.PersonAsync("Testa"), await owner.PersonAsync("Testb"), await owner.PersonAsync("Testc"), await owner.PersonAsync("Testd"));
        var ab = await owner.LinkAsync(a, b);
        Assert.Equal(Sorted(a, b), (await ownerElsewhere.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());

        // Both ends of a link from b to c (copies of a to b's), written in a transaction that stays open; straight into
        // link_ends, as no audited table is written (the audit's chain lock would hold up every other write meanwhile).
        await using var late = new NpgsqlConnection(database.ConnectionString);
        await late.OpenAsync();
        await using var transaction = await late.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO link_ends
            SELECT (jsonb_populate_record(e, jsonb_build_object('link_id', k.link_id, 'entity_id', k.entity_id, 'other_id', k.other_id))).*
            FROM link_ends e, (SELECT gen_random_uuid()) AS l (id),
                 LATERAL (VALUES (l.id, '{b}'::uuid, '{c}'::uuid), (l.id, '{c}'::uuid, '{b}'::uuid)) AS k (link_id, entity_id, other_id)
            WHERE e.link_id = '{ab}' AND e.entity_id = '{a}'
            """, late, transaction))
        {
            Assert.Equal(2, await insert.ExecuteNonQueryAsync());
        }

        await owner.LinkAsync(a, d);
        Assert.Equal(Sorted(a, b, d), (await ownerElsewhere.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());

        await transaction.CommitAsync();
        Assert.Equal(Sorted(a, b, c, d), (await ownerElsewhere.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());
    }

    /// <summary>
    /// The change log is pruned (migration 0064): an instance that last looked before the changes it had not read were
    /// deleted (here every change, none kept) reads the whole network again, so the link is in its next answer.
    /// </summary>
    [Fact]
    public async Task A_change_pruned_from_the_log_before_an_instance_read_it_is_in_its_next_answer()
    {
        var (ownerId, owner) = await database.SignInAsync("NIX6");
        await using var other = new HotspotIntelApplication(database.AppConnectionString);
        var ownerElsewhere = other.CreateClient(UserRole.Analyst, ownerId).Justified();
        var (a, b, c) = (await owner.PersonAsync("Testa"), await owner.PersonAsync("Testb"), await owner.PersonAsync("Testc"));
        await owner.LinkAsync(a, b);
        Assert.Equal(Sorted(a, b), (await ownerElsewhere.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());

        await owner.LinkAsync(b, c);
        await using (var jobs = new NpgsqlConnection(database.JobsConnectionString))
        {
            await jobs.OpenAsync();
            await using var prune = new NpgsqlCommand("SELECT prune_network_changes(interval '0')", jobs);
            // The prune keeps the changes of transactions at or after the oldest one running anywhere in the cluster
            // (in another test class's database too): pruned again until that one has ended and nothing is left.
            var pruned = 0L;
            await Eventually.UntilAsync(async () =>
            {
                pruned += (long)(await prune.ExecuteScalarAsync())!;
                return await database.ScalarAsync<long>("SELECT count(*) FROM network_changes");
            }, left => left == 0, TimeSpan.FromSeconds(60), "the network change log to be pruned empty (changes left)");
            Assert.True(pruned > 0);
        }

        Assert.Equal(Sorted(a, b, c), (await ownerElsewhere.NetworkAsync($"start=person:{a}&hops=2")).NodeIds());
        await Assert.ThrowsAsync<PostgresException>(() => database.ScalarAsSessionAsync<long>(ownerId, "supervisor", "SELECT prune_network_changes(interval '0')"));
    }

    /// <summary>
    /// An instance that serves the API reads its copy of the network as it starts (Network:ReadIndexAtStart), before
    /// any question; one started beside it with the setting off holds nothing until a question needs it.
    /// </summary>
    [Fact]
    public async Task An_instance_reads_its_copy_of_the_network_as_it_starts_before_any_question()
    {
        var (agencyId, owner) = await database.SignInAsync("NIX7");
        await owner.LinkAsync(await owner.PersonAsync("Testa"), await owner.PersonAsync("Testb"));

        await using var readingAtStart = new HotspotIntelApplication(database.AppConnectionString,
            new Dictionary<string, string> { [NetworkIndexWarmUp.Setting] = "true" });
        await using var readingOnDemand = new HotspotIntelApplication(database.AppConnectionString);
        var (atStart, onDemand) = (readingAtStart.Services.GetRequiredService<NetworkIndex>(), readingOnDemand.Services.GetRequiredService<NetworkIndex>());
        await Eventually.UntilAsync(() => Task.FromResult(atStart.Size.LinkEnds), linkEnds => linkEnds > 0, TimeSpan.FromSeconds(60),
            "the copy read at start to hold any link ends", TimeSpan.FromMilliseconds(100));
        Assert.True(atStart.Size.LinkEnds >= 2, $"the copy read at start holds {atStart.Size.LinkEnds} link ends");
        Assert.Equal((0, 0L), onDemand.Size);
        var a = await owner.PersonAsync("Testc");
        var onDemandClient = readingOnDemand.CreateClient(UserRole.Analyst, agencyId).Justified();
        Assert.Equal([a], (await onDemandClient.NetworkAsync($"start=person:{a}&hops=1")).NodeIds());
        Assert.True(onDemand.Size.LinkEnds >= 2);
    }
}
