using HotspotIntel.Core.Records;

namespace HotspotIntel.Core.Reports;

/// <summary>
/// A risk indicator on the partnership's maintained list: a built-in one (<see cref="BuiltInRiskIndicators"/>, seeded)
/// or one an administrator added. Retired rather than deleted, so the reports that carry it keep it; a retired
/// indicator goes on no new report.
/// </summary>
public sealed class ListedRiskIndicator : IMaintainedListEntry
{
    /// <summary>Its row's identity (UUID v7 for those added; audit entries name it).</summary>
    public Guid Id { get; set; }

    /// <summary>The stable code reports carry; never changes.</summary>
    public string Code { get; set; } = "";

    /// <summary>What partners call it.</summary>
    public string Label { get; set; } = "";

    /// <summary>What counts as it, where the label needs saying more.</summary>
    public string? Description { get; set; }

    /// <summary>True for the indicators the service ships with (<see cref="BuiltInRiskIndicators"/>).</summary>
    public bool BuiltIn { get; set; }

    /// <summary>True once an administrator retired it: no new report takes it.</summary>
    public bool Retired { get; set; }

    /// <summary>Where the list shows it: built-in indicators first, in their order, then others as they were added.</summary>
    public int ListPosition { get; set; }

    /// <summary>When it was added to the list.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was last changed (or retired).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
