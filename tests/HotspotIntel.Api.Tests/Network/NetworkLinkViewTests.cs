using HotspotIntel.Api.Network;

namespace HotspotIntel.Api.Tests.Network;

public sealed class NetworkLinkViewTests
{
    // md5('co_location|0190a1b2-…-000000000001|0190a1b2-…-000000000002')::uuid, as PostgreSQL and Python's uuid.UUID(md5.hexdigest()) give it.
    private static readonly Guid Expected = Guid.Parse("2e79adec-533e-c332-2195-77c980308f9c");

    [Fact]
    public void Derived_id_is_the_md5_of_derivation_and_pair_read_as_a_uuid_whichever_end_comes_first()
    {
        var one = Guid.Parse("0190a1b2-0000-7000-8000-000000000001");
        var other = Guid.Parse("0190a1b2-0000-7000-8000-000000000002");

        Assert.Equal(Expected, NetworkLinkView.DerivedId("co_location", one, other));
        Assert.Equal(Expected, NetworkLinkView.DerivedId("co_location", other, one));
    }
}
