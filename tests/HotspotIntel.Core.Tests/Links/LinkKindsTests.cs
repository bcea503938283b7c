using HotspotIntel.Core.Links;

namespace HotspotIntel.Core.Tests.Links;

public sealed class LinkKindsTests
{
    [Theory]
    [InlineData(EntityKind.Person, EntityKind.Person, LinkKind.PersonPerson)]
    [InlineData(EntityKind.Premises, EntityKind.Person, LinkKind.PersonPremises)]
    [InlineData(EntityKind.Vehicle, EntityKind.Premises, LinkKind.PremisesVehicle)]
    [InlineData(EntityKind.Location, EntityKind.Person, LinkKind.PersonLocation)]
    [InlineData(EntityKind.PhoneNumber, EntityKind.Person, LinkKind.PersonPhoneNumber)]
    [InlineData(EntityKind.Person, EntityKind.OnlineIdentifier, LinkKind.PersonOnlineIdentifier)]
    [InlineData(EntityKind.PhoneNumber, EntityKind.Premises, LinkKind.PremisesPhoneNumber)]
    public void Linkable_pairs_have_a_kind_in_either_order(EntityKind from, EntityKind to, LinkKind expected)
    {
        Assert.Equal(expected, LinkKinds.Between(from, to));
        Assert.Equal(expected, LinkKinds.Between(to, from));
    }

    [Theory]
    [InlineData(EntityKind.Premises, EntityKind.Premises)]
    [InlineData(EntityKind.Vehicle, EntityKind.Location)]
    [InlineData(EntityKind.Premises, EntityKind.Location)]
    [InlineData(EntityKind.PhoneNumber, EntityKind.OnlineIdentifier)]
    [InlineData(EntityKind.Vehicle, EntityKind.PhoneNumber)]
    public void Other_pairs_are_not_linkable(EntityKind from, EntityKind to)
    {
        Assert.Null(LinkKinds.Between(from, to));
    }
}
