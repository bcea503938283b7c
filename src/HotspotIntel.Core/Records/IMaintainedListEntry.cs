namespace HotspotIntel.Core.Records;

/// <summary>
/// An entry of a list the partnership maintains (its tactics, its risk indicators): seeded with built-in entries,
/// added to by administrators, retired rather than deleted so what refers to an entry by its code keeps it.
/// </summary>
public interface IMaintainedListEntry
{
    /// <summary>Its row's identity (UUID v7 for those added; audit entries name it).</summary>
    Guid Id { get; set; }

    /// <summary>The stable code other records refer to; never changes.</summary>
    string Code { get; set; }

    /// <summary>True for the entries the service ships with.</summary>
    bool BuiltIn { get; set; }

    /// <summary>True once an administrator retired it: nothing new takes it.</summary>
    bool Retired { get; set; }

    /// <summary>Where the list shows it: built-in entries first, in their order, then others as they were added.</summary>
    int ListPosition { get; set; }

    /// <summary>When it was added to the list.</summary>
    DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was last changed (or retired).</summary>
    DateTimeOffset UpdatedAt { get; set; }
}
