namespace HotspotIntel.Analysis.Tests;

public sealed class HotspotIdentityMatcherTests
{
    private static readonly Guid First = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static readonly Guid Second = Guid.Parse("0190a000-0000-7000-8000-000000000002");
    private readonly HotspotIdentityMatcher _matcher = new(minimumOverlapShare: 0.5);

    [Fact]
    public void A_moved_hotspot_that_still_overlaps_keeps_its_id()
    {
        // A cell and its ring, then the same shape one cell east: 4 of 7 cells shared.
        var before = Flower(new HexCell(5, 5));
        var after = Flower(new HexCell(6, 5));
        Assert.Equal(4.0 / 7, HotspotIdentityMatcher.OverlapShare(before, after), 12);

        var matching = _matcher.Match([new PreviousHotspot(First, before)], [after]);

        Assert.Equal([First], matching.KeptIds);
        Assert.Empty(matching.New);
        Assert.Empty(matching.Gone);
    }

    [Fact]
    public void A_hotspot_that_grew_where_it_stood_keeps_its_id()
    {
        // 3 cells grown to 19: Jaccard would say 16% the same; the overlap coefficient says 100%.
        var before = new[] { new HexCell(0, 0), new HexCell(0, 1), new HexCell(1, 0) };
        var after = Ring(new HexCell(0, 0), rings: 2);

        var matching = _matcher.Match([new PreviousHotspot(First, before)], [after]);

        Assert.Equal([First], matching.KeptIds);
    }

    [Fact]
    public void A_split_is_recorded_and_the_larger_piece_keeps_the_id()
    {
        var before = Column(0, rows: 0..10);
        var smallPiece = Column(0, rows: 7..10);
        var largePiece = Column(0, rows: 0..6);

        var matching = _matcher.Match([new PreviousHotspot(First, before)], [smallPiece, largePiece]);

        var split = Assert.Single(matching.Splits);
        Assert.Equal(First, split.PreviousId);
        Assert.Equal([0, 1], split.Into);
        Assert.Equal([null, First], matching.KeptIds);
        Assert.Empty(matching.New);
        Assert.Empty(matching.Merges);
    }

    [Fact]
    public void A_merge_is_recorded_and_keeps_the_id_that_brought_most_cells()
    {
        var smaller = Column(0, rows: 5..7);
        var larger = Column(0, rows: 0..4);
        var merged = Column(0, rows: 0..7);

        var matching = _matcher.Match([new PreviousHotspot(First, smaller), new PreviousHotspot(Second, larger)], [merged]);

        var merge = Assert.Single(matching.Merges);
        Assert.Equal([First, Second], merge.PreviousIds);
        Assert.Equal(0, merge.Into);
        Assert.Equal([Second], matching.KeptIds);
        Assert.Empty(matching.Gone);
        Assert.Empty(matching.Splits);
    }

    [Fact]
    public void A_hotspot_overlapping_too_little_is_gone_and_its_successor_new()
    {
        // 2 of 7 cells shared: below half.
        var before = Flower(new HexCell(5, 5));
        var after = Flower(new HexCell(7, 5));
        Assert.True(HotspotIdentityMatcher.OverlapShare(before, after) < 0.5);

        var matching = _matcher.Match([new PreviousHotspot(First, before)], [after]);

        Assert.Equal([First], matching.Gone);
        Assert.Equal([0], matching.New);
        Assert.Equal([(Guid?)null], matching.KeptIds);
    }

    private static HexCell[] Flower(HexCell centre) => [centre, .. centre.Neighbours()];

    private static HexCell[] Ring(HexCell centre, int rings) =>
        new HexGrid(1).CellsWithin(centre, rings * new HexGrid(1).NeighbourDistanceMeters).ToArray();

    private static HexCell[] Column(int column, Range rows) =>
        Enumerable.Range(rows.Start.Value, rows.End.Value - rows.Start.Value + 1).Select(row => new HexCell(column, row)).ToArray();
}
