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
}
