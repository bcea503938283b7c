using HotspotIntel.Core.Records;

namespace HotspotIntel.Core.Tasking;

/// <summary>
/// A tactic on the partnership's maintained list: a built-in one (<see cref="BuiltInTactics"/>, seeded) or one an
/// administrator added. Retired rather than deleted, so the actions taken under it keep it; a retired tactic takes no
/// new actions.
/// </summary>
public sealed class ListedTactic : IMaintainedListEntry
{
    /// <summary>Its row's identity (UUID v7 for those added; audit entries name it).</summary>
    public Guid Id { get; set; }

    /// <summary>The stable code actions refer to; never changes.</summary>
    public string Code { get; set; } = "";

    /// <summary>What partners call it.</summary>
    public string Name { get; set; } = "";

    /// <summary>The power it rests on, where it has one.</summary>
    public string? LegalBasis { get; set; }

    /// <summary>What it can be taken against.</summary>
    public List<ActionTargetKind> TargetKinds { get; set; } = [];

    /// <summary>True for the tactics the service ships with (<see cref="BuiltInTactics"/>).</summary>
    public bool BuiltIn { get; set; }

    /// <summary>True once an administrator retired it: no new action takes it.</summary>
    public bool Retired { get; set; }

    /// <summary>Where the list shows it: built-in tactics first, in their order, then others as they were added.</summary>
    public int ListPosition { get; set; }

    /// <summary>When it was added to the list.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was last changed (or retired).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The tactic as the action rules see it.</summary>
    public Tactic ToTactic() => new(Code, Name, LegalBasis, TargetKinds);
}
