namespace HotspotIntel.Core.Links;

/// <summary>Which two kinds of entity a link joins; only these pairs are recorded.</summary>
public enum LinkKind
{
    /// <summary>A person and another person.</summary>
    PersonPerson,

    /// <summary>A person and a premises.</summary>
    PersonPremises,

    /// <summary>A person and a vehicle.</summary>
    PersonVehicle,

    /// <summary>A person and a named public place.</summary>
    PersonLocation,

    /// <summary>A premises and a vehicle.</summary>
    PremisesVehicle,

    /// <summary>A person and a phone number.</summary>
    PersonPhoneNumber,

    /// <summary>A person and an online identifier.</summary>
    PersonOnlineIdentifier,

    /// <summary>A premises and a phone number.</summary>
    PremisesPhoneNumber,
}

/// <summary>The rule that says which pairs of entities may be linked.</summary>
public static class LinkKinds
{
    /// <summary>The kind of link between entities of kinds <paramref name="from"/> and <paramref name="to"/>, in either order; null when that pair is not linkable.</summary>
    public static LinkKind? Between(EntityKind from, EntityKind to) => (from, to) switch
    {
        (EntityKind.Person, EntityKind.Person) => LinkKind.PersonPerson,
        (EntityKind.Person, EntityKind.Premises) or (EntityKind.Premises, EntityKind.Person) => LinkKind.PersonPremises,
        (EntityKind.Person, EntityKind.Vehicle) or (EntityKind.Vehicle, EntityKind.Person) => LinkKind.PersonVehicle,
        (EntityKind.Person, EntityKind.Location) or (EntityKind.Location, EntityKind.Person) => LinkKind.PersonLocation,
        (EntityKind.Premises, EntityKind.Vehicle) or (EntityKind.Vehicle, EntityKind.Premises) => LinkKind.PremisesVehicle,
        (EntityKind.Person, EntityKind.PhoneNumber) or (EntityKind.PhoneNumber, EntityKind.Person) => LinkKind.PersonPhoneNumber,
        (EntityKind.Person, EntityKind.OnlineIdentifier) or (EntityKind.OnlineIdentifier, EntityKind.Person) => LinkKind.PersonOnlineIdentifier,
        (EntityKind.Premises, EntityKind.PhoneNumber) or (EntityKind.PhoneNumber, EntityKind.Premises) => LinkKind.PremisesPhoneNumber,
        _ => null,
    };
}
