using HotspotIntel.Analysis.Networks;

namespace HotspotIntel.Analysis.Tests.Networks;

/// <summary>Centrality values against networkx 3.6 on Zachary's karate club (values printed to 6 decimals by networkx).</summary>
public sealed class CentralityTests
{
    // nx.degree_centrality(G)
    private static readonly double[] KarateDegree =
    [
        0.484848, 0.272727, 0.30303, 0.181818, 0.090909, 0.121212, 0.121212, 0.121212, 0.151515, 0.060606, 0.090909, 0.030303,
        0.060606, 0.151515, 0.060606, 0.060606, 0.060606, 0.060606, 0.060606, 0.090909, 0.060606, 0.060606, 0.060606, 0.151515,
        0.090909, 0.090909, 0.060606, 0.121212, 0.090909, 0.121212, 0.121212, 0.181818, 0.363636, 0.515152,
    ];

    // nx.betweenness_centrality(G)
    private static readonly double[] KarateBetweenness =
    [
        0.437635, 0.053937, 0.143657, 0.011909, 0.000631, 0.029987, 0.029987, 0.0, 0.055927, 0.000848, 0.000631, 0.0, 0.0,
        0.045863, 0.0, 0.0, 0.0, 0.0, 0.0, 0.032475, 0.0, 0.0, 0.0, 0.017614, 0.00221, 0.00384, 0.0, 0.022333, 0.001795,
        0.002922, 0.014412, 0.138276, 0.145247, 0.304075,
    ];

    // nx.eigenvector_centrality(G, tol=1e-12, max_iter=10000)
    private static readonly double[] KarateEigenvector =
    [
        0.355491, 0.26596, 0.317193, 0.21118, 0.075969, 0.079483, 0.079483, 0.17096, 0.227404, 0.102674, 0.075969, 0.052856,
        0.084255, 0.226473, 0.101403, 0.101403, 0.023636, 0.0924, 0.101403, 0.147913, 0.101403, 0.0924, 0.101403, 0.150119,
        0.057052, 0.059206, 0.075579, 0.133477, 0.131078, 0.134961, 0.174758, 0.191034, 0.308644, 0.373363,
    ];

    [Fact]
    public void Degree_centrality_matches_networkx_on_the_karate_club() =>
        AssertClose(KarateDegree, Centrality.Degree(TestGraphs.KarateClub()));

    [Fact]
    public void Betweenness_centrality_matches_networkx_on_the_karate_club() =>
        AssertClose(KarateBetweenness, Centrality.Betweenness(TestGraphs.KarateClub()));

    [Fact]
    public void Eigenvector_centrality_matches_networkx_on_the_karate_club() =>
        AssertClose(KarateEigenvector, Centrality.Eigenvector(TestGraphs.KarateClub()));

    [Fact]
    public void Only_the_two_ends_of_a_bridge_lie_between_its_groups()
    {
        // nx.betweenness_centrality: 3 and 4 carry the 16 cross-group paths (and 3 of each group's pairs each): 12/21 = 0.571429.
        var betweenness = Centrality.Betweenness(TestGraphs.TwoCliquesAndABridge());

        AssertClose([0, 0, 0, 0.571429, 0.571429, 0, 0, 0], betweenness);
    }

    /// <summary>
    /// Leaves (one neighbour) are not searched from but counted from their neighbour: the values are those of the
    /// definition, found here pair by pair, for several leaves on one node, a chain of them, a pair of leaves alone,
    /// a lone node and a cycle.
    /// </summary>
    [Fact]
    public void Betweenness_with_leaves_is_the_definition_s()
    {
        var graph = TestGraphs.Of(14, (0, 1), (0, 2), (0, 3), (0, 4), (4, 5), (5, 6), (6, 4), (6, 7), (7, 8), (8, 9), (5, 10), (11, 12));

        AssertClose(ByDefinition(graph), Centrality.Betweenness(graph), 1e-12);
    }

    // Σ over pairs s < t of the share of shortest s–t paths through v (σ_sv σ_vt / σ_st where d(s, v) + d(v, t) = d(s, t)),
    // normalised as networkx does for an undirected graph: 2 / ((n - 1)(n - 2)).
    private static double[] ByDefinition(LinkGraph graph)
    {
        var n = graph.Nodes.Count;
        var (distance, paths) = (new int[n][], new double[n][]);
        for (var s = 0; s < n; s++)
        {
            (distance[s], paths[s]) = (Enumerable.Repeat(-1, n).ToArray(), new double[n]);
            (distance[s][s], paths[s][s]) = (0, 1);
            var frontier = new List<int> { s };
            while (frontier.Count > 0)
            {
                var next = new List<int>();
                foreach (var v in frontier)
                {
                    foreach (var w in graph.Neighbours[v])
                    {
                        if (distance[s][w] < 0)
                        {
                            distance[s][w] = distance[s][v] + 1;
                            next.Add(w);
                        }

                        if (distance[s][w] == distance[s][v] + 1)
                        {
                            paths[s][w] += paths[s][v];
                        }
                    }
                }

                frontier = next;
            }
        }

        var betweenness = new double[n];
        for (var s = 0; s < n; s++)
        {
            for (var t = s + 1; t < n; t++)
            {
                for (var v = 0; v < n; v++)
                {
                    if (v != s && v != t && distance[s][t] > 0 && distance[s][v] > 0 && distance[v][t] > 0
                        && distance[s][v] + distance[v][t] == distance[s][t])
                    {
                        betweenness[v] += paths[s][v] * paths[v][t] / paths[s][t];
                    }
                }
            }
        }

        return [.. betweenness.Select(value => value * 2 / ((n - 1) * (double)(n - 2)))];
    }

    [Fact]
    public void Parallel_links_between_two_entities_count_once()
    {
        var id = TestGraphs.Id;
        var twice = new LinkGraph([id(0), id(1), id(2)], [(id(0), id(1)), (id(1), id(0)), (id(0), id(1)), (id(1), id(2))]);

        Assert.Equal([0.5, 1, 0.5], Centrality.Degree(twice));
        Assert.Equal(2, twice.EdgeCount);
    }

    private static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < tolerance, $"node {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
