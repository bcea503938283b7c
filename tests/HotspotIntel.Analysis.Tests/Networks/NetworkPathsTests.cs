using HotspotIntel.Analysis.Networks;

namespace HotspotIntel.Analysis.Tests.Networks;

public sealed class NetworkPathsTests
{
    private static Guid Id(int number) => TestGraphs.Id(number);

    [Fact]
    public void The_k_shortest_paths_come_fewest_steps_first()
    {
        // 0-1-4 (2 steps), 0-2-3-4 (3 steps), 0-2-5-6-4 (4 steps): the only loopless paths from 0 to 4.
        var graph = TestGraphs.Of(7, (0, 1), (1, 4), (0, 2), (2, 3), (3, 4), (2, 5), (5, 6), (6, 4));

        var paths = NetworkPaths.KShortest(graph, Id(0), Id(4), 5);

        Assert.Equal(
        [
            [Id(0), Id(1), Id(4)],
            [Id(0), Id(2), Id(3), Id(4)],
            [Id(0), Id(2), Id(5), Id(6), Id(4)],
        ], paths);
    }

    [Fact]
    public void Paths_of_equal_length_are_all_found()
    {
        // The goraph issue's example: from 0 to 4 there are paths of 2, 3, 3 and 4 steps.
        var graph = TestGraphs.Of(5, (0, 1), (0, 2), (1, 2), (2, 3), (2, 4), (3, 4));

        var paths = NetworkPaths.KShortest(graph, Id(0), Id(4), 4);

        Assert.Equal([2, 3, 3, 4], paths.Select(path => path.Count - 1));
        Assert.Equal([Id(0), Id(2), Id(4)], paths[0]);
        Assert.Contains([Id(0), Id(1), Id(2), Id(4)], paths);
        Assert.Contains([Id(0), Id(2), Id(3), Id(4)], paths);
        Assert.Equal([Id(0), Id(1), Id(2), Id(3), Id(4)], paths[3]);
    }

    [Fact]
    public void Entities_in_separate_parts_have_no_path()
    {
        var graph = TestGraphs.Of(4, (0, 1), (2, 3));

        Assert.Empty(NetworkPaths.KShortest(graph, Id(0), Id(3), 3));
        Assert.Empty(NetworkPaths.KShortest(graph, Id(0), Guid.NewGuid(), 3));
    }
}
