using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using HotspotIntel.Api.Tests.Fixtures;
using static HotspotIntel.Api.Tests.Network.NetworkTestData;

namespace HotspotIntel.Api.Tests.Network;

/// <summary>Exports parsed back and compared node for node with the network they disclose.</summary>
public sealed class NetworkExportTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    private static readonly XNamespace GraphMl = "http://graphml.graphdrawing.org/xmlns";
    private const string Recipient = "Synthetic Borough Council licensing sub-committee";
    private const string Reason = "Synthetic test: premises licence review hearing bundle";

    /// <summary>A person linked to a premises (dated, graded) and to a vehicle, the vehicle OFFICIAL only.</summary>
    private async Task<(HttpClient Client, Guid Person, JsonObject Network)> NetworkAsync(string agencyCode)
    {
        var (_, client) = await database.SignInAsync(agencyCode);
        var person = await client.PersonAsync();
        var premises = await client.CreateAsync("/api/premises", EntityTestData.Premises());
        var vehicle = EntityTestData.Vehicle();
        vehicle["securityMarking"] = "OFFICIAL";
        var vehicleId = await client.CreateAsync("/api/vehicles", vehicle);
        var dated = EntityTestData.Link("person", person, "premises", premises, "frequents");
        dated["startsOn"] = "2025-11-01";
        dated["endsOn"] = "2026-02-28";
        var datedId = await client.CreateAsync("/api/links", dated);
        await database.ExecuteAsync($"UPDATE links SET source_evaluation = '1', intelligence_assessment = 'B' WHERE id = '{datedId}'");
        await client.LinkAsync(person, vehicleId, "driver", toKind: "vehicle");
        return (client, person, await client.NetworkAsync($"start=person:{person}&hops=1"));
    }

    private static async Task<HttpResponseMessage> ExportAsync(HttpClient client, Guid person, string format) =>
        await client.PostAsJsonAsync($"/api/network/exports?start=person:{person}&hops=1&format={format}",
            new { recipient = Recipient, justification = Reason });

    [Fact]
    public async Task GraphML_is_valid_against_the_GraphML_schema_and_holds_the_network_node_for_node()
    {
        var (client, person, network) = await NetworkAsync("EXP1");

        var response = await ExportAsync(client, person, "graphml");

        Assert.Equal("application/graphml+xml", response.Content.Headers.ContentType?.MediaType);
        // Marked as every download is: the name starts with the marking and the header carries it.
        Assert.StartsWith("OFFICIAL-SENSITIVE ", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Equal("OFFICIAL-SENSITIVE", Assert.Single(response.Headers.GetValues("Security-Marking")));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var schemas = new XmlSchemaSet();
        schemas.Add(GraphMl.NamespaceName, Path.Combine(AppContext.BaseDirectory, "Network", "graphml.xsd"));
        var document = XDocument.Load(new MemoryStream(bytes));
        var problems = new List<string>();
        document.Validate(schemas, (_, problem) => problems.Add(problem.Message));
        Assert.Empty(problems);

        var keys = document.Root!.Elements(GraphMl + "key").ToDictionary(key => (string)key.Attribute("id")!, key => (string)key.Attribute("attr.name")!);
        var graph = document.Root.Element(GraphMl + "graph")!;
        string? Value(XElement element, string name) =>
            element.Elements(GraphMl + "data").SingleOrDefault(data => keys[(string)data.Attribute("key")!] == name)?.Value;
        Assert.Equal("OFFICIAL-SENSITIVE", Value(graph, "securityMarking"));
        Assert.Contains(Recipient, Value(graph, "disclosure"));
        var nodes = graph.Elements(GraphMl + "node").Select(node => ((string)node.Attribute("id")!, Value(node, "label"), Value(node, "kind"), Value(node, "securityMarking")));
        Assert.Equal(network["nodes"]!.AsArray().Select(node => (node!["id"]!.ToString(), (string?)node["label"]!.ToString(), (string?)node["kind"]!.ToString(),
            (string?)node["securityMarking"]!.ToString())), nodes);
        var edges = graph.Elements(GraphMl + "edge").Select(edge => ((string)edge.Attribute("source")!, (string)edge.Attribute("target")!,
            Value(edge, "linkType"), Value(edge, "grading")));
        Assert.Equal(network["links"]!.AsArray().Select(link => (link!["from"]!.ToString(), link["to"]!.ToString(), (string?)link["linkType"]!.ToString(),
            link["grading"]?.ToString())), edges);
        Assert.Contains(edges, edge => edge.Item3 == "frequents" && edge.Item4 == "1B");
    }

    [Fact]
    public async Task A_GraphML_export_with_a_dangling_edge_fails_the_schema()
    {
        var (client, person, _) = await NetworkAsync("EXP2");
        var document = XDocument.Load(new MemoryStream(await (await ExportAsync(client, person, "graphml")).Content.ReadAsByteArrayAsync()));
        document.Root!.Element(GraphMl + "graph")!.Element(GraphMl + "edge")!.SetAttributeValue("target", "nobody");
        var schemas = new XmlSchemaSet();
        schemas.Add(GraphMl.NamespaceName, Path.Combine(AppContext.BaseDirectory, "Network", "graphml.xsd"));

        Assert.Throws<XmlSchemaValidationException>(() => document.Validate(schemas, null));
    }

    [Fact]
    public async Task CSV_node_and_link_lists_hold_the_network_row_for_row_with_the_marking()
    {
        var (client, person, network) = await NetworkAsync("EXP3");

        var response = await ExportAsync(client, person, "csv");

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["MARKING.txt", "links.csv", "nodes.csv"], zip.Entries.Select(entry => entry.Name).Order(StringComparer.Ordinal));
        Assert.StartsWith("OFFICIAL-SENSITIVE. Disclosed to " + Recipient, Read(zip, "MARKING.txt"));
        var nodes = Rows(Read(zip, "nodes.csv"));
        Assert.Equal(["id", "label", "kind"], nodes[0][..3]);
        Assert.Equal(network["nodes"]!.AsArray().Select(node => new[] { node!["id"]!.ToString(), node["label"]!.ToString(), node["kind"]!.ToString() }),
            nodes.Skip(1).Select(row => row[..3]));
        var links = Rows(Read(zip, "links.csv"));
        Assert.Equal(network["links"]!.AsArray().Select(link => new[] { link!["id"]!.ToString(), link["from"]!.ToString(), link["to"]!.ToString() }),
            links.Skip(1).Select(row => row[..3]));
        Assert.Contains(links.Skip(1), row => row[4] == "frequents" && row[5] == "1B" && row[6] == "2025-11-01" && row[7] == "2026-02-28");
    }

    [Fact]
    public async Task An_ANX_chart_has_i2_entity_and_link_types_dates_grading_and_the_marking()
    {
        var (client, person, network) = await NetworkAsync("EXP4");

        var response = await ExportAsync(client, person, "anx");

        var chart = XDocument.Load(new MemoryStream(await response.Content.ReadAsByteArrayAsync())).Root!;
        Assert.Equal("Chart", chart.Name.LocalName);
        Assert.Equal("true", (string?)chart.Attribute("IdReferenceLinking"));
        var entityTypes = chart.Element("EntityTypeCollection")!.Elements("EntityType").Select(type => (string)type.Attribute("Name")!).ToHashSet();
        var linkTypes = chart.Element("LinkTypeCollection")!.Elements("LinkType").Select(type => (string)type.Attribute("Name")!).ToHashSet();
        var attributeClasses = chart.Element("AttributeClassCollection")!.Elements("AttributeClass").Select(c => (string)c.Attribute("Name")!).ToHashSet();
        var items = chart.Element("ChartItemCollection")!.Elements("ChartItem").ToList();
        var entities = items.Where(item => item.Element("End") is not null).Select(item => item.Element("End")!.Element("Entity")!).ToList();
        Assert.Equal(network["nodes"]!.AsArray().Select(node => node!["id"]!.ToString()), entities.Select(entity => (string)entity.Attribute("EntityId")!));
        Assert.Equal(["Building", "Car", "Person"], entities.Select(entity => (string)entity.Element("Icon")!.Element("IconStyle")!.Attribute("Type")!).Order());
        Assert.All(entities, entity => Assert.Contains((string)entity.Element("Icon")!.Element("IconStyle")!.Attribute("Type")!, entityTypes));
        var links = items.Where(item => item.Element("Link") is not null).ToList();
        Assert.Equal(network["links"]!.AsArray().Select(link => (link!["from"]!.ToString(), link["to"]!.ToString())),
            links.Select(item => ((string)item.Element("Link")!.Attribute("End1Id")!, (string)item.Element("Link")!.Attribute("End2Id")!)));
        Assert.All(links, item => Assert.Contains((string)item.Element("Link")!.Element("LinkStyle")!.Attribute("Type")!, linkTypes));
        var dated = Assert.Single(links, item => (string?)item.Attribute("DateSet") == "true");
        Assert.Equal("2025-11-01T00:00:00", (string?)dated.Attribute("DateTime"));
        Assert.Equal("1B", AttributeValue(dated, "Grading"));
        Assert.All(items, item => Assert.All(item.Element("AttributeCollection")!.Elements("Attribute"),
            attribute => Assert.Contains((string)attribute.Attribute("AttributeClass")!, attributeClasses)));
        Assert.Equal("OFFICIAL", AttributeValue(items.Single(item => (string?)item.Attribute("Label") == "ZZ12TST"), "Security marking"));
        Assert.Contains("OFFICIAL-SENSITIVE", chart.Element("Summary")!.Elements("Field").Single(f => (string?)f.Attribute("Type") == "SummaryFieldTitle").Attribute("Content")!.Value);
    }

    [Fact]
    public async Task An_export_is_a_disclosure_logged_with_its_recipient_and_reason()
    {
        var (client, person, network) = await NetworkAsync("EXP5");

        (await ExportAsync(client, person, "anx")).EnsureSuccessStatusCode();

        var ids = string.Join(",", network["nodes"]!.AsArray().Select(node => $"'{node!["id"]}'"));
        Assert.Equal(1L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM audit_log
            WHERE action = 'disclosure' AND entity_kind = 'network' AND recipient = '{Recipient}' AND justification = '{Reason}'
              AND entity_ids @> ARRAY[{ids}]::uuid[]
            """));
    }

    [Theory]
    [InlineData("EXP6A", "graphml", null)]
    [InlineData("EXP6B", "pdf", Recipient)]
    [InlineData("EXP6C", null, Recipient)]
    public async Task An_export_without_a_recipient_or_a_known_format_is_a_400(string agencyCode, string? format, string? recipient)
    {
        var (_, client) = await database.SignInAsync(agencyCode);

        var response = await client.PostAsJsonAsync($"/api/network/exports?start=person:{Guid.NewGuid()}&format={format}", new { recipient, justification = Reason });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static string? AttributeValue(XElement item, string attributeClass) =>
        (string?)item.Element("AttributeCollection")!.Elements("Attribute").SingleOrDefault(a => (string?)a.Attribute("AttributeClass") == attributeClass)?.Attribute("Value");

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    /// <summary>RFC 4180 rows (quoted fields may hold commas and doubled quotes; none here holds a line break).</summary>
    private static List<string[]> Rows(string csv) =>
    [
        .. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == ',' && !quoted)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            return fields.ToArray();
        }),
    ];
}
