namespace HotspotIntel.Analysis;

/// <summary>A hotspot from the previous analysis run: its stable id and the hex cells it covered.</summary>
public sealed record PreviousHotspot(Guid Id, IReadOnlyCollection<HexCell> Cells);

/// <summary>One previous hotspot that now overlaps several current ones (indices into the current list).</summary>
public sealed record HotspotSplit(Guid PreviousId, IReadOnlyList<int> Into);

/// <summary>Several previous hotspots that now overlap one current hotspot (its index in the current list).</summary>
public sealed record HotspotMerge(IReadOnlyList<Guid> PreviousIds, int Into);

/// <summary>
/// How the current run's hotspots relate to the previous run's, from <see cref="HotspotIdentityMatcher"/>.
/// Current hotspots are referred to by their index in the list that was matched.
/// </summary>
/// <param name="KeptIds">Per current hotspot, the previous id it keeps, or null when it needs a new id.</param>
/// <param name="New">Current hotspots that overlap no previous one.</param>
/// <param name="Gone">Previous hotspots that overlap no current one.</param>
/// <param name="Splits">Previous hotspots that overlap several current ones; the largest overlap keeps the id.</param>
/// <param name="Merges">Current hotspots that overlap several previous ones; it keeps the id of the largest overlap.</param>
public sealed record HotspotMatching(
    IReadOnlyList<Guid?> KeptIds,
    IReadOnlyList<int> New,
    IReadOnlyList<Guid> Gone,
    IReadOnlyList<HotspotSplit> Splits,
    IReadOnlyList<HotspotMerge> Merges);
