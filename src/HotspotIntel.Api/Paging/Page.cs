namespace HotspotIntel.Api.Paging;

/// <summary>One page of a keyset-paginated list of non-spatial records.</summary>
public sealed record Page<TItem>(IReadOnlyList<TItem> Items, string? NextCursor);
