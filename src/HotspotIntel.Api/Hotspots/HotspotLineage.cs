namespace HotspotIntel.Api.Hotspots;

/// <summary>
/// How a run's hotspots descend from the previous run's: in a split one previous hotspot leads to several current ones,
/// in a merge several previous ones lead to one.
/// </summary>
public sealed class HotspotLineage
{
    public Guid RunId { get; set; }

    public HotspotLineageKind Kind { get; set; }

    public Guid FromHotspotId { get; set; }

    public Guid ToHotspotId { get; set; }
}

/// <summary>Split or merge.</summary>
public enum HotspotLineageKind
{
    Split,
    Merge,
}
