using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
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
}
