using System.Net;
using HotspotIntel.Api.Network;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using static HotspotIntel.Api.Tests.Network.NetworkTestData;

namespace HotspotIntel.Api.Tests.Network;

/// <summary>Networks and paths on a small hand-made graph whose answers are known.</summary>
public sealed class NetworkApiTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// p1–p2–p4 and p1–p3–p5–p4 (all associates), p1–p6 family; p7 linked to nothing. Paths from p1 to p4: two links
    /// through p2, three through p3 and p5.
    /// </summary>
    private async Task<(HttpClient Client, Guid[] P)> GraphAsync(string agencyCode)
    {
        var (_, client) = await database.SignInAsync(agencyCode);
        var p = new Guid[8];
        for (var i = 1; i <= 7; i++)
        {
            p[i] = await client.PersonAsync($"Testperson{i}");
        }

        await client.LinkAsync(p[1], p[2]);
        await client.LinkAsync(p[2], p[4]);
        await client.LinkAsync(p[1], p[3]);
        await client.LinkAsync(p[3], p[5]);
        await client.LinkAsync(p[5], p[4]);
        await client.LinkAsync(p[1], p[6], "family");
        return (client, p);
    }

    [Fact]
    public async Task One_hop_reaches_the_direct_links_and_two_hops_their_links()
    {
        var (client, p) = await GraphAsync("NET1");

        var oneHop = await client.NetworkAsync($"start=person:{p[1]}&hops=1");
        var twoHops = await client.NetworkAsync($"start=person:{p[1]}&hops=2");

        Assert.Equal(Sorted(p[1], p[2], p[3], p[6]), oneHop.NodeIds());
        Assert.Equal([Pair(p[1], p[2]), Pair(p[1], p[3]), Pair(p[1], p[6])], oneHop.LinkPairs().Order());
        Assert.Equal(Sorted(p[1], p[2], p[3], p[4], p[5], p[6]), twoHops.NodeIds());
        Assert.Equal(0, twoHops.HopOf(p[1]));
        Assert.Equal(1, twoHops.HopOf(p[6]));
        Assert.Equal(2, twoHops.HopOf(p[4]));
        // p4–p5 joins two entities of the last hop: it is in the network too.
        Assert.Equal(
            [Pair(p[1], p[2]), Pair(p[1], p[3]), Pair(p[1], p[6]), Pair(p[2], p[4]), Pair(p[3], p[5]), Pair(p[5], p[4])],
            twoHops.LinkPairs().Order());
    }

    [Fact]
    public async Task A_link_type_filter_follows_only_those_links()
    {
        var (client, p) = await GraphAsync("NET2");

        var family = await client.NetworkAsync($"start=person:{p[1]}&hops=3&linkType=family");

        Assert.Equal(Sorted(p[1], p[6]), family.NodeIds());
    }

    [Fact]
    public async Task The_node_limit_keeps_the_nearest_and_says_the_network_was_cut()
    {
        var (client, p) = await GraphAsync("NET3");

        var limited = await client.NetworkAsync($"start=person:{p[1]}&hops=3&nodeLimit=4");

        Assert.True(limited["truncated"]!.GetValue<bool>());
        Assert.Equal(Sorted(p[1], p[2], p[3], p[6]), limited.NodeIds());
    }

    [Fact]
    public async Task A_network_can_start_from_several_entities()
    {
        var (client, p) = await GraphAsync("NET4");

        var network = await client.NetworkAsync($"start=person:{p[6]}&start=person:{p[7]}&hops=1");

        Assert.Equal(Sorted(p[1], p[6], p[7]), network.NodeIds());
    }

    [Fact]
    public async Task The_k_shortest_paths_come_shortest_first_with_the_links_of_each_step()
    {
        var (client, p) = await GraphAsync("NET5");

        var answer = await (await client.GetAsync($"/api/network/paths?start=person:{p[1]}&end=person:{p[4]}&k=3")).ReadObjectAsync();

        var paths = answer["paths"]!.AsArray().Select(path => path!["nodes"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToList()).ToList();
        Assert.Equal(2, paths.Count);
        Assert.Equal([p[1], p[2], p[4]], paths[0]);
        Assert.Equal([p[1], p[3], p[5], p[4]], paths[1]);
        var firstStep = answer["paths"]![0]!["steps"]![0]!;
        Assert.Single(firstStep["linkIds"]!.AsArray());
        Assert.Equal(5, answer["links"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_path_longer_than_the_links_searched_is_not_returned_and_the_answer_says_how_far_it_looked()
    {
        var (client, p) = await GraphAsync("NET13");

        var tooShort = await (await client.GetAsync($"/api/network/paths?start=person:{p[1]}&end=person:{p[4]}&maxHops=1")).ReadObjectAsync();
        var longEnough = await (await client.GetAsync($"/api/network/paths?start=person:{p[1]}&end=person:{p[4]}&maxHops=2")).ReadObjectAsync();

        Assert.Empty(tooShort["paths"]!.AsArray());
        Assert.Equal(1, tooShort["searchedHops"]!.GetValue<int>());
        Assert.False(tooShort["searchLimited"]!.GetValue<bool>());
        var path = Assert.Single(longEnough["paths"]!.AsArray())!;
        Assert.Equal([p[1], p[2], p[4]], path["nodes"]!.AsArray().Select(n => n!.GetValue<Guid>()));
        Assert.Equal(2, longEnough["searchedHops"]!.GetValue<int>());
    }

    [Fact]
    public async Task Entities_in_parts_of_the_network_not_joined_have_no_path_at_any_length_and_the_search_says_so_before_its_limit()
    {
        var (_, client) = await database.SignInAsync("NET15");
        var (lone, partner, hub, spoke) = (await client.PersonAsync("Testlone"), await client.PersonAsync("Testpartner"),
            await client.PersonAsync("Testhub"), await client.PersonAsync("Testspoke"));
        await client.LinkAsync(lone, partner);
        var spokeLink = await client.LinkAsync(hub, spoke);
        // More persons linked to the hub than a search reaches before it stops: copies of the spoke (each named apart,
        // so none is a candidate duplicate of another) and of its link's ends, straight into the tables.
        await database.ExecuteAsync($"""
            CREATE TEMP TABLE spokes AS
                SELECT n, gen_random_uuid() AS person, gen_random_uuid() AS link FROM generate_series(1, {PathSearch.NodeBudget + 1}) AS n;
            INSERT INTO persons
            SELECT (jsonb_populate_record(p, jsonb_build_object('id', s.person, 'family_name', 'Testspoke' || s.n))).*
            FROM persons p, spokes s WHERE p.id = '{spoke}';
            INSERT INTO link_ends
            SELECT (jsonb_populate_record(e, jsonb_build_object('link_id', s.link, 'entity_id', k.entity_id, 'other_id', k.other_id))).*
            FROM link_ends e, spokes s, LATERAL (VALUES ('{hub}'::uuid, s.person), (s.person, '{hub}'::uuid)) AS k (entity_id, other_id)
            WHERE e.link_id = '{spokeLink}' AND e.entity_id = '{hub}';
            """);

        foreach (var (from, to) in new[] { (lone, hub), (hub, lone) })
        {
            var answer = await (await client.GetAsync($"/api/network/paths?start=person:{from}&end=person:{to}&k=1&maxHops=6")).ReadObjectAsync();

            Assert.Empty(answer["paths"]!.AsArray());
            Assert.False(answer["searchLimited"]!.GetValue<bool>());
            Assert.Equal(6, answer["searchedHops"]!.GetValue<int>());
        }

        await client.LinkAsync(partner, spoke);
        var joined = await (await client.GetAsync($"/api/network/paths?start=person:{hub}&end=person:{lone}&k=1&maxHops=6")).ReadObjectAsync();
        Assert.Equal([hub, spoke, partner, lone], Assert.Single(joined["paths"]!.AsArray())!["nodes"]!.AsArray().Select(n => n!.GetValue<Guid>()));
    }

    [Fact]
    public async Task A_path_asked_for_alone_is_a_shortest_one_through_links_that_exist_on_a_graph_with_many_ties()
    {
        var (_, client) = await database.SignInAsync("NET14");
        // 40 persons and 70 random links (seeded): many paths of equal length, so the two sides of the search meet at
        // several entities in their last level, and at entities nearer one start than the other.
        var random = new Random(14);
        var p = new Guid[40];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = await client.PersonAsync($"Testperson{i}");
        }

        var linked = Enumerable.Range(0, p.Length).Select(_ => new HashSet<int>()).ToArray();
        while (linked.Sum(set => set.Count) < 140)
        {
            var (a, b) = (random.Next(p.Length), random.Next(p.Length));
            if (a != b && linked[a].Add(b))
            {
                linked[b].Add(a);
                await client.LinkAsync(p[a], p[b]);
            }
        }

        var index = p.Select((id, i) => (id, i)).ToDictionary(pair => pair.id, pair => pair.i);
        for (var question = 0; question < 25; question++)
        {
            var (from, to) = (random.Next(p.Length), random.Next(p.Length));
            var distance = Distances(linked, from)[to];

            var answer = await (await client.GetAsync($"/api/network/paths?start=person:{p[from]}&end=person:{p[to]}&k=1&maxHops=8")).ReadObjectAsync();

            var paths = answer["paths"]!.AsArray();
            if (distance < 0)
            {
                Assert.Empty(paths);
                continue;
            }

            var nodes = Assert.Single(paths)!["nodes"]!.AsArray().Select(n => index[n!.GetValue<Guid>()]).ToList();
            Assert.Equal(distance, nodes.Count - 1);
            Assert.Equal((from, to), (nodes[0], nodes[^1]));
            Assert.All(nodes.Zip(nodes.Skip(1)), step => Assert.Contains(step.Second, linked[step.First]));
        }

        static int[] Distances(HashSet<int>[] linked, int start)
        {
            var distance = Enumerable.Repeat(-1, linked.Length).ToArray();
            distance[start] = 0;
            var queue = new Queue<int>([start]);
            while (queue.TryDequeue(out var node))
            {
                foreach (var other in linked[node].Where(other => distance[other] < 0))
                {
                    distance[other] = distance[node] + 1;
                    queue.Enqueue(other);
                }
            }

            return distance;
        }
    }

    [Fact]
    public async Task Entities_that_nothing_joins_have_no_path()
    {
        var (client, p) = await GraphAsync("NET6");

        var answer = await (await client.GetAsync($"/api/network/paths?start=person:{p[1]}&end=person:{p[7]}")).ReadObjectAsync();

        Assert.Empty(answer["paths"]!.AsArray());
    }

    [Fact]
    public async Task A_network_and_its_paths_start_from_an_online_identifier_or_a_phone_number()
    {
        var (_, client) = await database.SignInAsync("NET12");
        var (user, associate) = (await client.PersonAsync(), await client.PersonAsync());
        var handle = await client.CreateAsync("/api/online-identifiers", EntityTestData.OnlineIdentifier("@Synthetic_Path_Handle"));
        var phone = await client.CreateAsync("/api/phone-numbers", EntityTestData.PhoneNumber("+44 7700 900456"));
        await client.LinkAsync(user, handle, "uses", toKind: "online_identifier");
        await client.LinkAsync(user, phone, "uses", toKind: "phone_number");
        await client.LinkAsync(user, associate);

        var fromHandle = await client.NetworkAsync($"start=online_identifier:{handle}&hops=1");
        var fromPhone = await client.NetworkAsync($"start=phone_number:{phone}&hops=2");
        var answer = await (await client.GetAsync($"/api/network/paths?start=online_identifier:{handle}&end=phone_number:{phone}")).ReadObjectAsync();

        Assert.Equal(Sorted(user, handle), fromHandle.NodeIds());
        Assert.Equal(Sorted(user, handle, phone, associate), fromPhone.NodeIds());
        var path = Assert.Single(answer["paths"]!.AsArray())!;
        Assert.Equal([handle, user, phone], path["nodes"]!.AsArray().Select(n => n!.GetValue<Guid>()));
    }

    [Fact]
    public async Task Centrality_ranks_the_entity_everything_goes_through()
    {
        var (client, p) = await GraphAsync("NET7");

        var network = await client.NetworkAsync($"start=person:{p[1]}&hops=3");

        var betweenness = network["nodes"]!.AsArray().ToDictionary(node => node!["id"]!.GetValue<Guid>(),
            node => node!["metrics"]!["betweenness"]!.GetValue<double>());
        Assert.Equal(p[1], betweenness.MaxBy(pair => pair.Value).Key);
        Assert.Equal(0, betweenness[p[6]]);
        Assert.Equal(3, network["nodes"]!.AsArray().Single(node => node!["id"]!.GetValue<Guid>() == p[1])!["metrics"]!["degree"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("NET8A", "start=person")]
    [InlineData("NET8B", "start=person:not-a-uuid")]
    [InlineData("NET8C", "start=vehicle:0190a1b2-0000-7000-8000-000000000001&hops=4")]
    [InlineData("NET8D", "start=vehicle:0190a1b2-0000-7000-8000-000000000001&linkType=cousin")]
    [InlineData("NET8E", "start=vehicle:0190a1b2-0000-7000-8000-000000000001&minSourceEvaluation=7")]
    [InlineData("NET8F", "start=vehicle:0190a1b2-0000-7000-8000-000000000001&nodeLimit=0")]
    public async Task A_malformed_question_is_a_400(string agencyCode, string query)
    {
        var (_, client) = await database.SignInAsync(agencyCode);

        await (await client.GetAsync($"/api/network?{query}")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_network_needs_a_justification()
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, "NET9");
        using var unjustified = database.Application.CreateClient(UserRole.Analyst, agencyId);

        await (await unjustified.GetAsync($"/api/network?start=person:{Guid.NewGuid()}")).AssertFieldErrorAsync("Justification");
    }
}
