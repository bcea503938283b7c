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
/// places, phone numbers and online identifiers, a quarter of them C-coded; reports naming persons, phone numbers and
/// online identifiers, graded and timed at random, from which the pass derives links; links between what the recorder
/// may see, some C-coded, some dated, some citing a report; and each merges two persons, one merge in two reversed. For
/// each agency's analyst and a supervisor, the expected network is worked out from the reader's own connection as the
/// API sets it up (the entities, merges, links and derived links the database returns to the reader, a link kept only
/// when it and both its ends are returned) by a breadth-first walk: the API's networks (each logged as a combination
/// naming exactly the entities and links it returned), their GraphML and i2 exports, their filtered forms and its shortest
/// paths must hold exactly that. A start the reader may not see gives nothing; candidate duplicates (each agency records
/// the same person and vehicle) name only what the reader sees, and every pair of doubles it sees that no merge holds;
/// a report's panel, for masked roles too, names exactly the report's mentions the reader's own connection returns.
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

    /// <summary>A network question's link filter, as its query string and as the condition on <c>network_link_ends</c> it stands for.</summary>
    private sealed record Filter(string[] LinkTypes, string? MinSource, string? MinAssessment, DateOnly? From, DateOnly? To, Guid[] Agencies)
    {
        public string Query => string.Join('&', new[]
        {
            LinkTypes.Length > 0 ? $"linkType={string.Join(',', LinkTypes)}" : null,
            MinSource is null ? null : $"minSourceEvaluation={MinSource}",
            MinAssessment is null ? null : $"minIntelligenceAssessment={MinAssessment}",
            From is null ? null : $"from={From:yyyy-MM-dd}",
            To is null ? null : $"to={To:yyyy-MM-dd}",
        }.Concat(Agencies.Select(agency => $"agencyId={agency}")).OfType<string>());
    }

    private static readonly DateTimeOffset[] Times = [new(2026, 2, 3, 23, 55, 0, TimeSpan.Zero), new(2026, 6, 30, 12, 0, 0, TimeSpan.Zero),
        new(2026, 6, 30, 12, 5, 0, TimeSpan.Zero), new(2025, 12, 31, 23, 58, 0, TimeSpan.Zero)];

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
        var (kinds, readers, reports) = await ScenarioAsync(random, codes);
        var (derived, paired) = (0, 0);
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
                    if (depth == 3)
                    {
                        // Logged as a combination naming exactly the entities and links it returned, as the reader's agency and role.
                        var logged = (await database.ScalarAsync<string>("""
                            SELECT concat_ws(' ', agency_id, role, array_to_string(entity_ids, ','))
                            FROM audit_log WHERE action = 'combination' AND entity_kind = 'network' ORDER BY id DESC LIMIT 1
                            """))!.Split(' ');
                        var returnedIds = network.NodeIds().Concat(network["links"]!.AsArray().Select(link => link!["id"]!.GetValue<Guid>())).Distinct().Order();
                        Assert.Equal((reader.AgencyId.ToString(), reader.Role), (logged[0], logged[1]));
                        Assert.Equal(returnedIds, logged[2].Split(',').Select(Guid.Parse).Order());
                        await AssertExportHoldsAsync(reader.Client, $"start={kinds[start]}:{start}&hops=3&nodeLimit=2000", network);
                    }
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

                // Beside a start the reader sees, a hidden one adds nothing (or the question is refused as for a record that does not exist).
                var seenStart = ours.First(seen.Entities.Contains);
                var alone = await reader.Client.NetworkAsync($"start={kinds[seenStart]}:{seenStart}&hops=2&nodeLimit=2000");
                var mixed = await reader.Client.GetAsync($"/api/network?start={kinds[seenStart]}:{seenStart}&start={kinds[hidden]}:{hidden}&hops=2&nodeLimit=2000");
                Assert.True(mixed.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{reader.Name} from a seen and a hidden start: {mixed.StatusCode}");
                if (mixed.StatusCode == HttpStatusCode.OK)
                {
                    var together = await mixed.ReadObjectAsync();
                    Assert.Equal(alone.NodeIds(), together.NodeIds());
                    Assert.Equal(alone.LinkPairs(), together.LinkPairs());
                }
            }

            // Candidate duplicates name only records the reader sees, and every pair of the doubles it sees that no merge holds.
            var candidates = (await (await reader.Client.GetAsync("/api/entity-resolution/candidates?limit=500")).ReadObjectAsync())["candidates"]!.AsArray()
                .Select(pair => NetworkTestData.Pair(pair!["first"]!["id"]!.GetValue<Guid>(), pair["second"]!["id"]!.GetValue<Guid>())).ToList();
            Assert.All(candidates, pair => Assert.True(seen.Entities.Contains(pair.Item1) && seen.Entities.Contains(pair.Item2), $"{reader.Name}: {pair}"));
            var merged = (await database.ScalarAsync<Guid[]>("SELECT coalesce(array_agg(merged_id) || array_agg(survivor_id), '{}') FROM entity_merges"))!;
            var doubles = await database.ScalarAsync<Guid[]>("""
                SELECT array_agg(id) FROM (SELECT id FROM persons WHERE family_name = 'Testdouble' UNION ALL SELECT id FROM vehicles WHERE registration_mark = 'ZZ99DUP') d
                """);
            foreach (var one in doubles!.Where(id => seen.Entities.Contains(id) && kinds.ContainsKey(id) && !merged.Contains(id)))
            {
                foreach (var other in doubles!.Where(id => id.CompareTo(one) > 0 && kinds[id] == kinds[one] && seen.Entities.Contains(id) && kinds.ContainsKey(id) && !merged.Contains(id)))
                {
                    Assert.Contains(NetworkTestData.Pair(one, other), candidates);
                    paired++;
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
        Assert.True(paired > 0, "No reader saw two doubles");
    }

    /// <summary>
    /// What a report's panel lists of what it names: for every reader, masked roles too, the report's mentions the
    /// reader's own connection returns as entities (persons only to analysts and supervisors who say why), and a 404
    /// for a report the reader may not read.
    /// </summary>
    [Theory]
    [InlineData(6, "NXF")]
    public async Task A_report_s_panel_names_exactly_what_the_reader_s_own_reads_return(int seed, string codes)
    {
        var random = new Random(seed);
        var (_, readers, reports) = await ScenarioAsync(random, codes);
        readers.Add(new Reader($"tasking member of {codes}1", readers[0].AgencyId, "tasking_member",
            database.Application.CreateClient(UserRole.TaskingMember, readers[0].AgencyId).Justified()));
        readers.Add(new Reader($"licensing officer of {codes}3", readers[2].AgencyId, "licensing_officer",
            database.Application.CreateClient(UserRole.LicensingOfficer, readers[2].AgencyId).Justified()));
        var (listed, refused) = (0, 0);
        foreach (var reader in readers)
        {
            var seen = await SeenAsync(reader.AgencyId, reader.Role);
            var readable = await IdsAsSessionAsync(reader.AgencyId, reader.Role, "SELECT id FROM reports_for_role");
            foreach (var report in reports)
            {
                var response = await reader.Client.GetAsync($"/api/reports/{report}/named");
                if (!readable.Contains(report))
                {
                    await response.AssertProblemAsync(HttpStatusCode.NotFound);
                    refused++;
                    continue;
                }

                var named = (await response.ReadObjectAsync())["entities"]!.AsArray().Select(entity => entity!["id"]!.GetValue<Guid>()).Order().ToList();
                var mentions = await IdsAsSessionAsync(null, null, $"""
                    SELECT entity_id FROM report_mentions WHERE report_id = '{report}'
                      AND (entity_kind <> 'person' OR '{reader.Role}' IN ('analyst', 'supervisor'))
                    """);
                Assert.Equal(mentions.Where(seen.Entities.Contains).Order().ToList(), named);
                listed += named.Count;
            }
        }

        Assert.True(listed > 0 && refused > 0, $"{listed} entities listed, {refused} reports refused");
    }

    /// <summary>
    /// The same kind of records with filters drawn at random (link types, minimum gradings, a window of days, agencies):
    /// a network from any start holds exactly what a walk over the link ends the reader's own connection returns under
    /// that filter reaches, at the same hops, and exactly those links.
    /// </summary>
    [Theory]
    [InlineData(4, "NXD")]
    [InlineData(5, "NXE")]
    public async Task Every_filtered_network_joins_exactly_the_link_ends_the_reader_s_own_read_returns_under_that_filter(int seed, string codes)
    {
        var random = new Random(seed);
        var (kinds, readers, _) = await ScenarioAsync(random, codes);
        var agencies = readers.Select(reader => reader.AgencyId).Distinct().ToArray();
        string[] types = ["associate", "frequents", "driver", "operates_from", "uses", "co_occurrence", "co_location"];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (narrowed, emptied) = (0, 0);
        foreach (var reader in readers)
        {
            var unfiltered = await SeenAsync(reader.AgencyId, reader.Role, new Filter([], null, null, null, null, []));
            for (var question = 0; question < 8; question++)
            {
                var from = random.Next(5) < 2 ? today.AddDays(-random.Next(800)) : (DateOnly?)null;
                var to = random.Next(5) < 2 ? (from ?? today.AddDays(-800)).AddDays(random.Next(800)) : (DateOnly?)null;
                var filter = new Filter(
                    random.Next(10) < 3 ? [.. types.OrderBy(_ => random.Next()).Take(random.Next(1, 4))] : [],
                    random.Next(4) == 0 ? $"{random.Next(1, 4)}" : null,
                    random.Next(4) == 0 ? $"{"ABCDE"[random.Next(5)]}" : null,
                    from, to,
                    random.Next(5) == 0 ? [.. agencies.OrderBy(_ => random.Next()).Take(random.Next(1, 3))] : []);
                var seen = await SeenAsync(reader.AgencyId, reader.Role, filter);
                (narrowed, emptied) = (narrowed + (seen.Links.Count < unfiltered.Links.Count ? 1 : 0), emptied + (seen.Links.Count == 0 ? 1 : 0));
                var start = kinds.Keys.Order().Where(seen.Entities.Contains).OrderBy(_ => random.Next()).First();

                var network = await reader.Client.NetworkAsync($"start={kinds[start]}:{start}&hops=3&nodeLimit=2000&{filter.Query}");

                var expected = Distances(seen, seen.Canonical(start));
                var returned = network["nodes"]!.AsArray().ToDictionary(node => node!["id"]!.GetValue<Guid>(), node => node!["hop"]!.GetValue<int>());
                Assert.True(expected.Where(pair => pair.Value <= 3).OrderBy(pair => pair.Key).SequenceEqual(returned.OrderBy(pair => pair.Key)),
                    $"{reader.Name}, {filter.Query} from {start}: expected {Show(expected)}, returned {Show(returned)}");
                Assert.Equal(seen.Links.Where(link => returned.ContainsKey(link.Item1) && returned.ContainsKey(link.Item2)).Order().ToList(),
                    network.LinkPairs().Distinct().Order().ToList());
            }
        }

        // The filters must have left out some links, but not all of them every time.
        Assert.True(narrowed > 0 && emptied < narrowed, $"{narrowed} filters narrowed the links, {emptied} left none");
    }

    /// <summary>The network's GraphML and i2 (ANX) exports disclose the same entities and links as the network itself.</summary>
    private static async Task AssertExportHoldsAsync(HttpClient client, string question, JsonObject network)
    {
        var links = network.LinkPairs().Select(link => (link.Item1, link.Item2)).Order().ToList();
        foreach (var format in new[] { "graphml", "anx" })
        {
            var export = await client.PostAsJsonAsync($"/api/network/exports?{question}&format={format}",
                new { recipient = "Synthetic partnership analyst", justification = "Synthetic test: the export matches the network" });
            var text = await export.Content.ReadAsStringAsync();
            Assert.True(export.IsSuccessStatusCode, text);
            var root = System.Xml.Linq.XDocument.Parse(text).Root!;
            var elements = root.Descendants().ToList();
            var (nodes, ends) = format == "graphml"
                ? (elements.Where(e => e.Name.LocalName == "node").Select(node => (string)node.Attribute("id")!),
                    elements.Where(e => e.Name.LocalName == "edge").Select(edge => ((string)edge.Attribute("source")!, (string)edge.Attribute("target")!)))
                : (elements.Where(e => e.Name.LocalName == "Entity").Select(entity => (string)entity.Attribute("EntityId")!),
                    elements.Where(e => e.Name.LocalName == "Link").Select(link => ((string)link.Attribute("End1Id")!, (string)link.Attribute("End2Id")!)));
            Assert.Equal(network.NodeIds(), nodes.Select(Guid.Parse).Order());
            Assert.Equal(links, ends.Select(end => NetworkTestData.Pair(Guid.Parse(end.Item1), Guid.Parse(end.Item2))).Select(pair => (pair.Item1, pair.Item2)).Order());
        }
    }

    /// <summary>
    /// Three agencies' records, links, reports and merges drawn at random from <paramref name="random"/>, the links
    /// derived from the reports, and a reader for each agency's analyst and for a supervisor of the second.
    /// </summary>
    private async Task<(Dictionary<Guid, string> Kinds, List<Reader> Readers, List<Guid> Reports)> ScenarioAsync(Random random, string codes)
    {
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
        var allReports = new List<Guid>();
        foreach (var (_, client) in agencies)
        {
            for (var i = 0; i < 8; i++)
            {
                var kind = Kinds[random.Next(Kinds.Length)];
                kinds[await client.CreateAsync(Route(kind), Coded(Entity(kind, kinds.Count), random))] = kind;
            }

            // The same person and the same vehicle as each other agency records them: candidate duplicates.
            var twin = EntityTestData.Person(familyName: "Testdouble", givenNames: "Double Example");
            twin["dateOfBirth"] = "1990-01-02";
            kinds[await client.CreateAsync("/api/persons", Coded(twin, random))] = "person";
            kinds[await client.CreateAsync("/api/vehicles", Coded(EntityTestData.Vehicle("ZZ99 DUP"), random))] = "vehicle";
        }

        foreach (var (id, client) in agencies)
        {
            var visible = (await SeenAsync(id, "analyst")).Entities.Where(kinds.ContainsKey).ToList();
            var reports = new List<Guid>();
            for (var i = 0; i < 3; i++)
            {
                var named = visible.OrderBy(_ => random.Next()).Take(3).ToList();
                // At one of a few times, so that some reports are near others in time as well as place (co-location).
                var report = Coded(TestData.Report(category: "other", occurredAt: Times[random.Next(Times.Length)]), random);
                report["sourceEvaluation"] = $"{random.Next(1, 4)}";
                report["intelligenceAssessment"] = $"{"ABCDE"[random.Next(5)]}";
                foreach (var (kind, field) in new[] { ("person", "personIds"), ("phone_number", "phoneNumberIds"), ("online_identifier", "onlineIdentifierIds") })
                {
                    report[field] = new JsonArray([.. named.Where(entity => kinds[entity] == kind).Select(entity => JsonValue.Create(entity))]);
                }

                reports.Add(await client.CreateAsync("/api/reports", report));
                allReports.Add(reports[^1]);
            }

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
                    if (random.Next(3) > 0)
                    {
                        var starts = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-random.Next(800));
                        link["startsOn"] = starts.ToString("O");
                        link["endsOn"] = random.Next(2) == 0 ? null : starts.AddDays(random.Next(400)).ToString("O");
                    }

                    if (random.Next(2) == 0)
                    {
                        link["sourceReportIds"] = new JsonArray(reports[random.Next(reports.Count)]);
                    }

                    Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/links", link)).StatusCode);
                    made++;
                }
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
        return (kinds, readers, allReports);
    }

    /// <summary>
    /// What the reader's own connection returns, as the API sets it up: the entities of every kind, and the links (each
    /// as its ends, smaller id first, with its derivation) of which the database returns the link and both its ends.
    /// </summary>
    private async Task<Seen> SeenAsync(Guid agencyId, string role, Filter? filter = null)
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
        // Unfiltered, the links from their own tables; filtered, the link ends the API's own SQL reads (NetworkStore), under the
        // conditions the filter's parameters document.
        await using (var command = filter is null
            ? new NpgsqlCommand("""
                SELECT e[1], e[2], 'recorded'
                FROM (SELECT array_remove(ARRAY[person_id, related_person_id, premises_id, vehicle_id, location_id, phone_number_id, online_identifier_id], NULL) AS e
                      FROM links) l
                UNION ALL
                SELECT entity_id, other_id, derivation FROM derived_links
                """, connection)
            : new NpgsqlCommand("""
                SELECT e.entity_id, e.other_id, e.derivation FROM network_link_ends e
                WHERE (cardinality($1::text[]) = 0 OR e.link_type = ANY ($1))
                  AND ($2::text IS NULL OR e.source_evaluation <= $2)
                  AND ($3::text IS NULL OR e.intelligence_assessment <= $3)
                  AND ($4::date IS NULL OR e.ends_on IS NULL OR e.ends_on >= $4)
                  AND ($5::date IS NULL OR e.starts_on IS NULL OR e.starts_on <= $5)
                  AND (cardinality($6::uuid[]) = 0 OR (e.agency_id = ANY ($6) AND e.paired_agency_id = ANY ($6)))
                """, connection)
            {
                Parameters =
                {
                    new() { Value = filter.LinkTypes, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text },
                    new() { Value = (object?)filter.MinSource ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new() { Value = (object?)filter.MinAssessment ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new() { Value = (object?)filter.From ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date },
                    new() { Value = (object?)filter.To ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Date },
                    new() { Value = filter.Agencies, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid },
                },
            })
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

    /// <summary>The ids a query returns, on the reader's own connection as the API sets it up, or as the owner when <paramref name="role"/> is null.</summary>
    private async Task<HashSet<Guid>> IdsAsSessionAsync(Guid? agencyId, string? role, string sql)
    {
        await using var connection = new NpgsqlConnection(role is null ? database.ConnectionString : database.AppConnectionString);
        await connection.OpenAsync();
        if (role is not null)
        {
            await new AccessSession("probe", agencyId, role).ApplyAsync(connection, CancellationToken.None);
        }

        var ids = new HashSet<Guid>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
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
