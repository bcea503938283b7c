namespace HotspotIntel.Core.Hotspots;

/// <summary>
/// How a run's hotspots descend from the previous run's: in a split one previous hotspot leads to several current ones,
/// in a merge several previous ones lead to one.
/// </summary>
public sealed class HotspotLineage
{
    /// <summary>The run in which the split or merge was seen.</summary>
    public Guid RunId { get; set; }

    /// <summary>Split or merge.</summary>
    public HotspotLineageKind Kind { get; set; }

    /// <summary>The previous run's hotspot.</summary>
    public Guid FromHotspotId { get; set; }

    /// <summary>This run's hotspot.</summary>
    public Guid ToHotspotId { get; set; }
}

/// <summary>Split or merge.</summary>
public enum HotspotLineageKind
{
    /// <summary>One previous hotspot became several.</summary>
    Split,

    /// <summary>Several previous hotspots became one.</summary>
    Merge,
}
