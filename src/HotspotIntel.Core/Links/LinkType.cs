namespace HotspotIntel.Core.Links;

/// <summary>The nature of the relationship a link records.</summary>
public enum LinkType
{
    /// <summary>Known to spend time together.</summary>
    Associate,

    /// <summary>Related by family.</summary>
    Family,

    /// <summary>In an intimate or purported "boyfriend" relationship.</summary>
    Relationship,

    /// <summary>Owns, holds the licence for or manages the premises or vehicle.</summary>
    OwnerOrLicenceHolder,

    /// <summary>Works at the premises.</summary>
    Employee,

    /// <summary>Lives or stays at the premises.</summary>
    Resident,

    /// <summary>Drives the vehicle.</summary>
    Driver,

    /// <summary>Seen at the premises or place repeatedly.</summary>
    Frequents,

    /// <summary>The vehicle works for or from the premises (e.g. a private-hire operator).</summary>
    OperatesFrom,

    /// <summary>Seen together in the same report or at the same place and time.</summary>
    SeenWith,

    /// <summary>Uses the phone number or online identifier, or, for a premises, answers on the number.</summary>
    Uses,
}
