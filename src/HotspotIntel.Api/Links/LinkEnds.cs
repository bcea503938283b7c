using HotspotIntel.Core.Links;

namespace HotspotIntel.Api.Links;

/// <summary>
/// Maps a link's two ends onto its nullable end columns and back. Each kind sets exactly two columns
/// (the <c>links_ends_match_kind</c> check); a person–person link uses <c>person_id</c> and <c>related_person_id</c>.
/// </summary>
public static class LinkEnds
{
    /// <summary>Sets the end columns of <paramref name="link"/> for <paramref name="from"/> and <paramref name="to"/>, whose kinds make <paramref name="kind"/>.</summary>
    public static void Set(Link link, LinkKind kind, EntityReference from, EntityReference to)
    {
        link.Kind = kind;
        link.PersonId = link.RelatedPersonId = link.PremisesId = link.VehicleId = link.LocationId = link.PhoneNumberId = link.OnlineIdentifierId = null;
        if (kind == LinkKind.PersonPerson)
        {
            (link.PersonId, link.RelatedPersonId) = (from.Id, to.Id);
            return;
        }

        foreach (var end in new[] { from, to })
        {
            switch (end.Kind)
            {
                case EntityKind.Person:
                    link.PersonId = end.Id;
                    break;
                case EntityKind.Premises:
                    link.PremisesId = end.Id;
                    break;
                case EntityKind.Vehicle:
                    link.VehicleId = end.Id;
                    break;
                case EntityKind.Location:
                    link.LocationId = end.Id;
                    break;
                case EntityKind.PhoneNumber:
                    link.PhoneNumberId = end.Id;
                    break;
                case EntityKind.OnlineIdentifier:
                    link.OnlineIdentifierId = end.Id;
                    break;
            }
        }
    }

    /// <summary>The two ends of <paramref name="link"/>, in the order its kind names them.</summary>
    public static (EntityReference From, EntityReference To) Of(Link link) => link.Kind switch
    {
        LinkKind.PersonPerson => (Person(link.PersonId), Person(link.RelatedPersonId)),
        LinkKind.PersonPremises => (Person(link.PersonId), new(EntityKind.Premises, link.PremisesId!.Value)),
        LinkKind.PersonVehicle => (Person(link.PersonId), new(EntityKind.Vehicle, link.VehicleId!.Value)),
        LinkKind.PersonLocation => (Person(link.PersonId), new(EntityKind.Location, link.LocationId!.Value)),
        LinkKind.PremisesVehicle => (new(EntityKind.Premises, link.PremisesId!.Value), new(EntityKind.Vehicle, link.VehicleId!.Value)),
        LinkKind.PersonPhoneNumber => (Person(link.PersonId), new(EntityKind.PhoneNumber, link.PhoneNumberId!.Value)),
        LinkKind.PersonOnlineIdentifier => (Person(link.PersonId), new(EntityKind.OnlineIdentifier, link.OnlineIdentifierId!.Value)),
        LinkKind.PremisesPhoneNumber => (new(EntityKind.Premises, link.PremisesId!.Value), new(EntityKind.PhoneNumber, link.PhoneNumberId!.Value)),
        _ => throw new InvalidOperationException($"Link {link.Id} has an unknown kind {link.Kind}."),
    };

    private static EntityReference Person(Guid? id) => new(EntityKind.Person, id!.Value);
}
