using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using Npgsql;

namespace HotspotIntel.Api.Tests.Network;

/// <summary>
/// Networks and paths across agencies, for every reader exactly what the reader's own reads join under row-level
/// security. Three agencies (sharing with each other at random, some one way only) record persons, premises, vehicles,
/// places, phone numbers and online identifiers, a quarter of them C-coded; links between what the recorder may see,
/// some C-coded; and reports naming persons, phone numbers and online identifiers, from which the pass derives links.
/// For each agency's analyst and a supervisor, the expected network is worked out from the reader's own connection as
/// the API sets it up (the entities, links and derived links the database returns to the reader, a link kept only
/// when it and both its ends are returned) by a breadth-first walk; the API's network from several starts, at each hop
/// count, must hold exactly those entities at those hops and exactly those links, and its shortest path between
/// random pairs must be as long as the walk's and run along links of it. A start the reader may not see gives nothing.
/// </summary>
public sealed class NetworkAcrossAgenciesTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] Kinds = ["person", "person", "person", "premises", "vehicle", "location", "phone_number", "online_identifier"];

    // Kinds a recorded link may join, in the order the link names them, with a link type it may have.
    private static readonly Dictionary<(string From, string To), string> LinkTypes = new()
    {
        [("person", "person")] = "associate",
        [("person", "premises")] = "frequents",
        [("person", "vehicle")] = "driver",
        [("person", "location")] = "frequents",
        [("premises", "vehicle")] = "operates_from",
        [("person", "phone_number")] = "uses",
        [("person", "online_identifier")] = "uses",
        [("premises", "phone_number")] = "uses",
    };

    private sealed record Reader(string Name, Guid AgencyId, string Role, HttpClient Client);

    /// <summary>What a reader's own connection returns: the entities, each merged record they may see with its survivor, and the links between survivors.</summary>
    private sealed record Seen(HashSet<Guid> Entities, Dictionary<Guid, Guid> Survivors, HashSet<(Guid, Guid, string)> Links)
    {
        /// <summary>The entity as the network shows it: its survivor where the reader may see its merge.</summary>
        public Guid Canonical(Guid entity) => Survivors.GetValueOrDefault(entity, entity);
    }

    [Theory]
    [InlineData(1, "NXA")]
    [InlineData(2, "NXB")]
    [InlineData(3, "NXC")]
    public async Task Every_network_and_path_joins_exactly_what_the_reader_s_own_reads_return_under_row_level_security(int seed, string codes)
    {
        var random = new Random(seed);
        var agencies = new List<(Guid Id, HttpClient Client)>();
        for (var i = 1; i <= 3; i++)
        {
            agencies.Add(await database.SignInAsync($"{codes}{i}"));
        }

        foreach (var owner in agencies)
        {
            foreach (var partner in agencies.Where(partner => partner != owner && random.Next(2) == 0))
            {
                await TestData.ShareAsync(database.Application, owner.Id, partner.Id);
            }
        }

        var kinds = new Dictionary<Guid, string>();
        foreach (var (_, client) in agencies)
        {
            for (var i = 0; i < 8; i++)
            {
                var kind = Kinds[random.Next(Kinds.Length)];
                kinds[await client.CreateAsync(Route(kind), Coded(Entity(kind, kinds.Count), random))] = kind;
            }
        }

        foreach (var (id, client) in agencies)
        {
            var visible = (await SeenAsync(id, "analyst")).Entities.Where(kinds.ContainsKey).ToList();
            for (var made = 0; made < 12;)
            {
                var (from, to) = (visible[random.Next(visible.Count)], visible[random.Next(visible.Count)]);
                if (from == to)
                {
                    continue;
                }

                if (!LinkTypes.ContainsKey((kinds[from], kinds[to])))
                {
                    (from, to) = (to, from);
                }

                if (LinkTypes.TryGetValue((kinds[from], kinds[to]), out var linkType))
                {
                    var link = Coded(EntityTestData.Link(kinds[from], from, kinds[to], to, linkType), random);
                    Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/links", link)).StatusCode);
                    made++;
                }
            }

            for (var i = 0; i < 3; i++)
            {
                var named = visible.OrderBy(_ => random.Next()).Take(3).ToList();
                var report = Coded(TestData.Report(category: "other"), random);
                foreach (var (kind, field) in new[] { ("person", "personIds"), ("phone_number", "phoneNumberIds"), ("online_identifier", "onlineIdentifierIds") })
                {
                    report[field] = new JsonArray([.. named.Where(entity => kinds[entity] == kind).Select(entity => JsonValue.Create(entity))]);
                }

                await client.CreateAsync("/api/reports", report);
            }
        }

        await NetworkTestData.DeriveLinksAsync(database);

        // Each agency merges two persons it may read (entity resolution), and one merge in two is reversed again.
        var inMerges = new HashSet<Guid>();
        foreach (var (id, client) in agencies)
        {
            var persons = (await SeenAsync(id, "analyst")).Entities.Where(entity => kinds.GetValueOrDefault(entity) == "person" && !inMerges.Contains(entity))
                .OrderBy(_ => random.Next()).Take(2).ToList();
            if (persons.Count < 2)
            {
                continue;
            }

            inMerges.UnionWith(persons);
            var merge = await (await client.PostAsJsonAsync("/api/entity-resolution/merges",
                new { kind = "person", survivorId = persons[0], mergedId = persons[1], justification = "Synthetic: the same person" })).ReadObjectAsync();
            if (random.Next(2) == 0)
            {
                (await client.PostAsJsonAsync($"/api/entity-resolution/merges/{merge["id"]}/reversal", new { justification = "Synthetic: merged in error" }))
                    .EnsureSuccessStatusCode();
            }
        }

        var readers = agencies.Select((agency, i) => new Reader($"analyst of {codes}{i + 1}", agency.Id, "analyst", agency.Client)).ToList();
        readers.Add(new Reader($"supervisor of {codes}2", agencies[1].Id, "supervisor",
            database.Application.CreateClient(UserRole.Supervisor, agencies[1].Id).Justified()));
        var derived = 0;
        foreach (var reader in readers)
        {
            var seen = await SeenAsync(reader.AgencyId, reader.Role);
            derived += seen.Links.Count(link => link.Item3 != "recorded");
            var ours = kinds.Keys.Order().ToList();
            foreach (var start in ours.Where(seen.Entities.Contains).OrderBy(_ => random.Next()).Take(4))
            {
                var hops = Distances(seen, seen.Canonical(start));
                for (var depth = 1; depth <= 3; depth++)
                {
                    var network = await reader.Client.NetworkAsync($"start={kinds[start]}:{start}&hops={depth}&nodeLimit=2000");

                    var expected = hops.Where(pair => pair.Value <= depth).ToDictionary();
                    var returned = network["nodes"]!.AsArray().ToDictionary(node => node!["id"]!.GetValue<Guid>(), node => node!["hop"]!.GetValue<int>());
                    Assert.True(expected.OrderBy(pair => pair.Key).SequenceEqual(returned.OrderBy(pair => pair.Key)),
                        $"{reader.Name}, {depth} hops from {start}: expected {Show(expected)}, returned {Show(returned)}");
                    var expectedLinks = seen.Links.Where(link => expected.ContainsKey(link.Item1) && expected.ContainsKey(link.Item2)).Order().ToList();
                    Assert.Equal(expectedLinks, network.LinkPairs().Distinct().Order().ToList());
                }
            }

            foreach (var hidden in ours.Where(id => !seen.Entities.Contains(id)).Take(2))
            {
                var response = await reader.Client.GetAsync($"/api/network?start={kinds[hidden]}:{hidden}&hops=3");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{reader.Name} from a hidden start: {response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Assert.Empty((await response.ReadObjectAsync())["nodes"]!.AsArray());
                }
            }

            var reachable = ours.Where(seen.Entities.Contains).ToList();
            for (var question = 0; question < 5; question++)
            {
                var (from, to) = (reachable[random.Next(reachable.Count)], reachable[random.Next(reachable.Count)]);
                if (seen.Canonical(from) == seen.Canonical(to))
                {
                    continue;
                }

                var distance = Distances(seen, seen.Canonical(from)).GetValueOrDefault(seen.Canonical(to), -1);

                var answer = await (await reader.Client.GetAsync(
                    $"/api/network/paths?start={kinds[from]}:{from}&end={kinds[to]}:{to}&k=1&maxHops=8")).ReadObjectAsync();

                var paths = answer["paths"]!.AsArray();
                if (distance < 0 || distance > 8)
                {
                    Assert.Empty(paths);
                    continue;
                }

                var nodes = Assert.Single(paths)!["nodes"]!.AsArray().Select(n => n!.GetValue<Guid>()).ToList();
                Assert.Equal(distance, nodes.Count - 1);
                Assert.Equal((seen.Canonical(from), seen.Canonical(to)), (nodes[0], nodes[^1]));
                Assert.All(nodes.Zip(nodes.Skip(1)), step => Assert.Contains(seen.Links, link =>
                    (link.Item1, link.Item2) == (step.First.CompareTo(step.Second) < 0 ? (step.First, step.Second) : (step.Second, step.First))));
            }
        }

        // The scenario is worth checking only if readers saw derived links as well as recorded ones.
        Assert.True(derived > 0, "No reader saw a derived link");
    }

    /// <summary>
    /// What the reader's own connection returns, as the API sets it up: the entities of every kind, and the links (each
    /// as its ends, smaller id first, with its derivation) of which the database returns the link and both its ends.
    /// </summary>
    private async Task<Seen> SeenAsync(Guid agencyId, string role)
    {
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        await new AccessSession("probe", agencyId, role).ApplyAsync(connection, CancellationToken.None);
        var entities = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand("""
            SELECT id FROM persons UNION ALL SELECT id FROM premises UNION ALL SELECT id FROM vehicles UNION ALL SELECT id FROM locations
            UNION ALL SELECT id FROM phone_numbers UNION ALL SELECT id FROM online_identifiers
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                entities.Add(reader.GetGuid(0));
            }
        }

        var survivors = new Dictionary<Guid, Guid>();
        await using (var command = new NpgsqlCommand("SELECT merged_id, survivor_id FROM entity_merges WHERE reversed_at IS NULL", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                survivors[reader.GetGuid(0)] = reader.GetGuid(1);
            }
        }

        var links = new HashSet<(Guid, Guid, string)>();
        await using (var command = new NpgsqlCommand("""
            SELECT e[1], e[2], 'recorded'
            FROM (SELECT array_remove(ARRAY[person_id, related_person_id, premises_id, vehicle_id, location_id, phone_number_id, online_identifier_id], NULL) AS e
                  FROM links) l
            UNION ALL
            SELECT entity_id, other_id, derivation FROM derived_links
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (one, other) = (reader.GetGuid(0), reader.GetGuid(1));
                var (canonicalOne, canonicalOther) = (survivors.GetValueOrDefault(one, one), survivors.GetValueOrDefault(other, other));
                if (entities.Contains(one) && entities.Contains(other) && canonicalOne != canonicalOther)
                {
                    links.Add(NetworkTestData.Pair(canonicalOne, canonicalOther, reader.GetString(2)));
                }
            }
        }

        return new Seen(entities, survivors, links);
    }

    /// <summary>Each entity's distance in links from <paramref name="start"/> over the links the reader sees.</summary>
    private static Dictionary<Guid, int> Distances(Seen seen, Guid start)
    {
        var neighbours = seen.Links.SelectMany(link => new[] { (link.Item1, link.Item2), (link.Item2, link.Item1) })
            .ToLookup(pair => pair.Item1, pair => pair.Item2);
        var distance = new Dictionary<Guid, int> { [start] = 0 };
        var queue = new Queue<Guid>([start]);
        while (queue.TryDequeue(out var entity))
        {
            foreach (var other in neighbours[entity].Where(other => !distance.ContainsKey(other)))
            {
                distance[other] = distance[entity] + 1;
                queue.Enqueue(other);
            }
        }

        return distance;
    }

    private static string Show(Dictionary<Guid, int> hops) => string.Join(", ", hops.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}@{pair.Value}"));

    private static string Route(string kind) => kind switch
    {
        "person" => "/api/persons",
        "premises" => "/api/premises",
        "vehicle" => "/api/vehicles",
        "location" => "/api/locations",
        "phone_number" => "/api/phone-numbers",
        _ => "/api/online-identifiers",
    };

    private static JsonObject Entity(string kind, int number) => kind switch
    {
        "person" => EntityTestData.Person(familyName: $"Testperson{number}"),
        "premises" => EntityTestData.Premises(),
        "vehicle" => EntityTestData.Vehicle(registrationMark: $"ZZ{number % 100:00} TST"),
        "location" => EntityTestData.Location(EntityTestData.Square(TestData.CentreLongitude, TestData.CentreLatitude, 0.001)),
        "phone_number" => EntityTestData.PhoneNumber($"07700 900{number:000}"),
        _ => EntityTestData.OnlineIdentifier($"@Synthetic_Handle_{number}"),
    };

    /// <summary>The record, C-coded one time in four.</summary>
    private static JsonObject Coded(JsonObject record, Random random)
    {
        if (random.Next(4) == 0)
        {
            record["handlingCode"] = "C";
            record["handlingConditions"] = "Synthetic: police use only.";
        }

        return record;
    }
}
