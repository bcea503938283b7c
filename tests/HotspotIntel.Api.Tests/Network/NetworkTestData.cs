using System.Text.Json.Nodes;
using HotspotIntel.Api.Network;
using HotspotIntel.Api.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace HotspotIntel.Api.Tests.Network;

/// <summary>Small hand-made networks recorded through the API, and what the network endpoints answer about them.</summary>
internal static class NetworkTestData
{
    public static async Task<Guid> PersonAsync(this HttpClient client, string familyName = "Testperson", string handlingCode = "P")
    {
        var person = EntityTestData.Person(familyName: familyName);
        person["handlingCode"] = handlingCode;
        if (handlingCode == "C")
        {
            person["handlingConditions"] = "Synthetic: police use only.";
        }

        return await client.CreateAsync("/api/persons", person);
    }

    public static Task<Guid> LinkAsync(this HttpClient client, Guid from, Guid to, string linkType = "associate", string fromKind = "person",
        string toKind = "person") =>
        client.CreateAsync("/api/links", EntityTestData.Link(fromKind, from, toKind, to, linkType));

    /// <summary>The network answer for a query string (without the leading ?).</summary>
    public static async Task<JsonObject> NetworkAsync(this HttpClient client, string query) =>
        await (await client.GetAsync($"/api/network?{query}")).ReadObjectAsync();

    public static List<Guid> NodeIds(this JsonObject network) =>
        [.. network["nodes"]!.AsArray().Select(node => node!["id"]!.GetValue<Guid>()).Order()];

    public static int HopOf(this JsonObject network, Guid id) =>
        network["nodes"]!.AsArray().Single(node => node!["id"]!.GetValue<Guid>() == id)!["hop"]!.GetValue<int>();

    /// <summary>Each link as its two ends, smaller id first, with its derivation.</summary>
    public static List<(Guid, Guid, string)> LinkPairs(this JsonObject network) =>
        [.. network["links"]!.AsArray().Select(link => (link!["from"]!.GetValue<Guid>(), link["to"]!.GetValue<Guid>(), link["derivation"]!.GetValue<string>()))
            .Order()];

    public static (Guid, Guid, string) Pair(Guid one, Guid other, string derivation = "recorded") =>
        one.CompareTo(other) < 0 ? (one, other, derivation) : (other, one, derivation);

    public static List<Guid> Sorted(params Guid[] ids) => [.. ids.Order()];

    /// <summary>What the recurring pass does: derives the links of reports changed since the last pass, on the jobs' login.</summary>
    public static async Task DeriveLinksAsync(this DatabaseFixture database)
    {
        using var scope = database.Application.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DeriveLinksJob>().RunAsync(CancellationToken.None);
    }
}
