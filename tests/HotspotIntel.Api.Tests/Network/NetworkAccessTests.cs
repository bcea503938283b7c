using System.Net;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using static HotspotIntel.Api.Tests.Network.NetworkTestData;

namespace HotspotIntel.Api.Tests.Network;

/// <summary>
/// A network holds only what its reader may see: an entity of an agency that does not share with the reader's never
/// appears, nor a link to it, nor a path through it; masked roles get no network at all.
/// </summary>
public sealed class NetworkAccessTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    /// <summary>
    /// The owner records a–b–c–d (three links). The owner shares with the partner, who records x (the partner's own)
    /// and links a–x–d, and a–c: for the partner, paths of two links through x and through c. The partner does not share
    /// back, so the owner sees none of these.
    /// </summary>
    private async Task<(HttpClient Owner, HttpClient Partner, Guid A, Guid B, Guid C, Guid D, Guid X)> TwoAgenciesAsync(string ownerCode, string partnerCode)
    {
        var (ownerId, owner) = await database.SignInAsync(ownerCode);
        var (partnerId, partner) = await database.SignInAsync(partnerCode);
        await TestData.ShareAsync(database.Application, ownerId, partnerId);
        var (a, b, c, d) = (await owner.PersonAsync("Testa"), await owner.PersonAsync("Testb"), await owner.PersonAsync("Testc"), await owner.PersonAsync("Testd"));
        await owner.LinkAsync(a, b);
        await owner.LinkAsync(b, c);
        await owner.LinkAsync(c, d);
        var x = await partner.PersonAsync("Testx");
        await partner.LinkAsync(a, x);
        await partner.LinkAsync(x, d);
        await partner.LinkAsync(a, c);
        return (owner, partner, a, b, c, d, x);
    }

    [Fact]
    public async Task An_unshared_agency_s_entity_and_its_links_never_appear()
    {
        var (owner, partner, a, b, c, d, x) = await TwoAgenciesAsync("NAC1", "NAC2");

        var ownersView = await owner.NetworkAsync($"start=person:{a}&hops=3");
        var partnersView = await partner.NetworkAsync($"start=person:{a}&hops=1");

        Assert.Equal(Sorted(a, b, c, d), ownersView.NodeIds());
        Assert.Equal([Pair(a, b), Pair(b, c), Pair(c, d)], ownersView.LinkPairs().Order());
        Assert.Equal(Sorted(a, b, c, x), partnersView.NodeIds());
    }

    [Fact]
    public async Task No_path_goes_through_an_entity_the_reader_may_not_see()
    {
        var (owner, partner, a, b, c, d, x) = await TwoAgenciesAsync("NAC3", "NAC4");

        var ownersPaths = await (await owner.GetAsync($"/api/network/paths?start=person:{a}&end=person:{d}&k=5")).ReadObjectAsync();
        var partnersPaths = await (await partner.GetAsync($"/api/network/paths?start=person:{a}&end=person:{d}&k=5")).ReadObjectAsync();

        var ownersOnly = Assert.Single(ownersPaths["paths"]!.AsArray());
        Assert.Equal([a, b, c, d], ownersOnly!["nodes"]!.AsArray().Select(n => n!.GetValue<Guid>()));
        Assert.DoesNotContain(x, ownersPaths["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<Guid>()));
        var partnersShortest = partnersPaths["paths"]!.AsArray().Where(path => path!["length"]!.GetValue<int>() == 2)
            .Select(path => path!["nodes"]![1]!.GetValue<Guid>());
        Assert.Equal(Sorted(c, x), partnersShortest.Order());
    }

    [Fact]
    public async Task A_C_coded_entity_of_a_sharing_partner_stays_out_and_so_does_what_lies_beyond_it()
    {
        var (ownerId, owner) = await database.SignInAsync("NAC5");
        var (partnerId, partner) = await database.SignInAsync("NAC6");
        await TestData.ShareAsync(database.Application, ownerId, partnerId);
        var (a, conditional, beyond) = (await owner.PersonAsync("Testa"), await owner.PersonAsync("Testc", handlingCode: "C"), await owner.PersonAsync("Testz"));
        await owner.LinkAsync(a, conditional);
        await owner.LinkAsync(conditional, beyond);

        var partnersView = await partner.NetworkAsync($"start=person:{a}&hops=3");

        Assert.Equal([a], partnersView.NodeIds());
        Assert.Empty(partnersView["links"]!.AsArray());
    }

    [Fact]
    public async Task A_phone_number_the_reader_may_not_read_never_appears_nor_a_path_through_it()
    {
        var (ownerId, owner) = await database.SignInAsync("NAC11");
        var (partnerId, partner) = await database.SignInAsync("NAC12");
        await TestData.ShareAsync(database.Application, ownerId, partnerId);
        await TestData.ShareAsync(database.Application, partnerId, ownerId);
        var (a, d) = (await owner.PersonAsync("Testa"), await owner.PersonAsync("Testd"));
        // The partner's number is C-coded, so the owner may not read it; the partner's links to it are P-coded.
        var conditional = EntityTestData.PhoneNumber("07700 900456");
        conditional["handlingCode"] = "C";
        conditional["handlingConditions"] = "Synthetic: police use only.";
        var phone = await partner.CreateAsync("/api/phone-numbers", conditional);
        await partner.LinkAsync(a, phone, "uses", toKind: "phone_number");
        await partner.LinkAsync(d, phone, "uses", toKind: "phone_number");

        var ownersView = await owner.NetworkAsync($"start=person:{a}&hops=3");
        var ownersPaths = await (await owner.GetAsync($"/api/network/paths?start=person:{a}&end=person:{d}&k=3")).ReadObjectAsync();
        var partnersPaths = await (await partner.GetAsync($"/api/network/paths?start=person:{a}&end=person:{d}&k=3")).ReadObjectAsync();

        Assert.Equal([a], ownersView.NodeIds());
        Assert.Empty(ownersView["links"]!.AsArray());
        Assert.Empty(ownersPaths["paths"]!.AsArray());
        Assert.DoesNotContain(phone, ownersPaths["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<Guid>()));
        var partnersOnly = Assert.Single(partnersPaths["paths"]!.AsArray());
        Assert.Equal([a, phone, d], partnersOnly!["nodes"]!.AsArray().Select(n => n!.GetValue<Guid>()));
        Assert.Equal("phone_number", partnersPaths["nodes"]!.AsArray().Single(n => n!["id"]!.GetValue<Guid>() == phone)!["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("NAC7", UserRole.TaskingMember)]
    [InlineData("NAC8", UserRole.LicensingOfficer)]
    public async Task Masked_roles_get_no_network(string agencyCode, UserRole role)
    {
        var (_, analyst) = await database.SignInAsync(agencyCode);
        var person = await analyst.PersonAsync();
        var agencyId = await TestData.CreateAgencyAsync(database.Application, agencyCode + "M");
        using var masked = database.Application.CreateClient(role, agencyId).Justified();

        await (await masked.GetAsync($"/api/network?start=person:{person}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await masked.GetAsync($"/api/network/paths?start=person:{person}&end=person:{person}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0L, await database.CountAsSessionAsync(agencyId, role == UserRole.TaskingMember ? "tasking_member" : "licensing_officer",
            "SELECT count(*) FROM network_link_ends"));
    }

    [Fact]
    public async Task Every_network_answer_is_logged_as_a_combination_naming_what_it_returned()
    {
        var (owner, _, a, b, c, d, _) = await TwoAgenciesAsync("NAC9", "NAC10");

        var network = await owner.NetworkAsync($"start=person:{a}&hops=1");

        var linkId = network["links"]![0]!["id"]!.GetValue<Guid>();
        Assert.Equal(1L, await database.ScalarAsync<long>($"""
            SELECT count(*) FROM audit_log
            WHERE action = 'combination' AND entity_kind = 'network'
              AND entity_ids @> ARRAY['{a}', '{b}', '{linkId}']::uuid[] AND NOT entity_ids && ARRAY['{c}', '{d}']::uuid[]
              AND justification = '{SignedInClients.Justification}'
            """));
    }
}
