using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Lists;

/// <summary>One row of a list as exports and OGC API Features give it: id, geometry (WGS84 until transformed), marking and the column values in column order.</summary>
public sealed record ListRow(Guid Id, Geometry? Geometry, SecurityMarking Marking, IReadOnlyList<object?> Values);

/// <summary>
/// One keyset page of a list: its rows, newest first, and whether more rows lie beyond it in the direction it was read
/// (older for a page read <c>after</c> a key, newer for one read <c>before</c>).
/// </summary>
public sealed record ListPage(IReadOnlyList<ListRow> Rows, bool MoreBeyond);
