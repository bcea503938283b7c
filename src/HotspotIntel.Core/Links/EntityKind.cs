namespace HotspotIntel.Core.Links;

/// <summary>The kinds of entity a link can join.</summary>
public enum EntityKind
{
    /// <summary>A person.</summary>
    Person,

    /// <summary>A premises.</summary>
    Premises,

    /// <summary>A vehicle.</summary>
    Vehicle,

    /// <summary>A named public place.</summary>
    Location,

    /// <summary>A phone number.</summary>
    PhoneNumber,

    /// <summary>An online identifier: an email address, a social media or messaging handle, a gaming id.</summary>
    OnlineIdentifier,
}
