using HotspotIntel.Analysis.Networks;

namespace HotspotIntel.Analysis.Tests.Networks;

/// <summary>Small graphs with known answers, their nodes numbered as in networkx.</summary>
internal static class TestGraphs
{
    /// <summary>The entity id of node <paramref name="number"/>.</summary>
    public static Guid Id(int number) => new(number, 0, 0, new byte[8]);

    public static LinkGraph Of(int nodeCount, params (int From, int To)[] edges) =>
        new(Enumerable.Range(0, nodeCount).Select(Id), edges.Select(edge => (Id(edge.From), Id(edge.To))));

    /// <summary>Zachary's karate club (1977), 34 members and 78 friendships: networkx's <c>karate_club_graph()</c>, unweighted.</summary>
    public static LinkGraph KarateClub() => Of(34,
        (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (0, 7), (0, 8), (0, 10), (0, 11), (0, 12), (0, 13), (0, 17), (0, 19),
        (0, 21), (0, 31), (1, 2), (1, 3), (1, 7), (1, 13), (1, 17), (1, 19), (1, 21), (1, 30), (2, 3), (2, 7), (2, 8), (2, 9),
        (2, 13), (2, 27), (2, 28), (2, 32), (3, 7), (3, 12), (3, 13), (4, 6), (4, 10), (5, 6), (5, 10), (5, 16), (6, 16),
        (8, 30), (8, 32), (8, 33), (9, 33), (13, 33), (14, 32), (14, 33), (15, 32), (15, 33), (18, 32), (18, 33), (19, 33),
        (20, 32), (20, 33), (22, 32), (22, 33), (23, 25), (23, 27), (23, 29), (23, 32), (23, 33), (24, 25), (24, 27), (24, 31),
        (25, 31), (26, 29), (26, 33), (27, 33), (28, 31), (28, 33), (29, 32), (29, 33), (30, 32), (30, 33), (31, 32), (31, 33),
        (32, 33));

    /// <summary>Two groups of four, each fully linked, joined by one link between members 3 and 4.</summary>
    public static LinkGraph TwoCliquesAndABridge() => Of(8,
        (0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4), (4, 5), (4, 6), (4, 7), (5, 6), (5, 7), (6, 7));
}
