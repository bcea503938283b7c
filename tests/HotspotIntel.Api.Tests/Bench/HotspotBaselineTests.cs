using HotspotIntel.Analysis;
using HotspotIntel.Api.HotspotRuns;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Bench.City;
using HotspotIntel.Bench.Hotspots;
using HotspotIntel.Bench.Seeding;
using HotspotIntel.Core;
using HotspotIntel.Core.Hotspots;
using Npgsql;

namespace HotspotIntel.Api.Tests.Bench;

/// <summary>
/// Each method's bare SQL baseline in <c>hotspot-speed</c> (<see cref="BareCore"/>) is the method's own computation: on
/// a small synthetic city, over the points a run reads (<see cref="ReportSnapshot"/>) and with the default parameters,
/// it gives the same cell sums, Gi* z-scores, kernel densities and clustered weights as <see cref="HotspotPipeline"/>,
/// and the same hot cells: those the product's own classing of its scores finds, and around every hotspot the run
/// found, exactly that hotspot's cells.
/// </summary>
public sealed class HotspotBaselineTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("excess")]
    [InlineData("gistar")]
    [InlineData("kde")]
    [InlineData("dbscan")]
    public async Task The_bare_equivalent_gives_the_methods_own_cell_scores_and_hot_cells(string code)
    {
        var parameters = new HotspotParameters { Method = EnumCodes<HotspotMethod>.Parse(code) };
        var asOf = ReportingWindow.FixedReferenceDate;
        var snapshot = await LoadCityAsync();
        var analysis = HotspotPipeline.Run(snapshot.Reports, parameters, asOf);
        await using var bare = await BareCore.PrepareAsync(database.ConnectionString, CancellationToken.None);

        var result = await bare.ComputeAsync(parameters, asOf, CancellationToken.None);

        var study = analysis.StudyCells.ToHashSet();
        Assert.All(result.Cells.Keys, cell => Assert.Contains(cell, study));
        // Local excess's baseline is its first step, the cells' weighted sums; the others' scores are the method's own.
        var expected = parameters.Method == HotspotMethod.LocalExcess ? analysis.CellWeights : analysis.CellScores;
        for (var i = 0; i < analysis.StudyCells.Count; i++)
        {
            var score = result.Cells.GetValueOrDefault(analysis.StudyCells[i]).Score;
            Assert.True(Math.Abs(score - expected[i]) <= 1e-9 * Math.Max(1.0, Math.Abs(expected[i])),
                $"cell {analysis.StudyCells[i]}: bare {score:R}, method {expected[i]:R}");
        }

        Assert.Contains(expected, score => score > 0);
        if (parameters.Method == HotspotMethod.LocalExcess)
        {
            return;
        }

        var hot = result.Cells.Where(cell => cell.Value.Hot).Select(cell => cell.Key).ToHashSet();
        Assert.NotEmpty(analysis.Hotspots);
        Assert.Subset(hot, HotByTheMethodsOwnClassing(analysis, parameters));
        // A hotspot of these methods is a group of adjacent hot cells that passed its test, so each is one whole group of the baseline's.
        var groups = HotspotArea.FromHotCells(hot).Select(area => area.Cells.ToHashSet()).ToList();
        Assert.All(analysis.Hotspots, hotspot => Assert.Contains(groups, group => group.SetEquals(hotspot.Area.Cells)));
    }

    /// <summary>The cells the product's code classes hot from the scores the method gave (the recency-weighted window).</summary>
    private static HashSet<HexCell> HotByTheMethodsOwnClassing(HotspotAnalysis analysis, HotspotParameters parameters)
    {
        var scores = analysis.CellScores;
        IEnumerable<int> hot = parameters.Method switch
        {
            HotspotMethod.GiStar => FalseDiscoveryRate.Classify([.. scores.Select(GiStarResult.FromZScore)])
                .Select((confidence, i) => (confidence, i)).Where(cell => cell.confidence >= parameters.HotClass).Select(cell => cell.i),
            HotspotMethod.KernelDensity => Threshold(scores, parameters.DensityThresholdStandardDeviations),
            _ => Enumerable.Range(0, scores.Count).Where(i => scores[i] > 0),
        };
        return [.. hot.Select(i => analysis.StudyCells[i])];
    }

    private static IEnumerable<int> Threshold(IReadOnlyList<double> densities, double deviations)
    {
        var mean = densities.Average();
        var threshold = mean + (deviations * Math.Sqrt(densities.Sum(d => (d - mean) * (d - mean)) / densities.Count));
        return Enumerable.Range(0, densities.Count).Where(i => densities[i] > 0 && densities[i] >= threshold);
    }

    /// <summary>A city of 3,000 reports (loaded once for the class), read as a run reads it.</summary>
    private async Task<ReportSnapshot> LoadCityAsync()
    {
        if (await database.ScalarAsync<long>($"SELECT count(*) FROM agencies WHERE code = '{CityAgencies.MarkerCode}'") == 0)
        {
            await CityLoader.LoadAsync(database.ConnectionString, new SyntheticCity(new CityScale(CityScale.DemoReports), SyntheticCity.DefaultSeed),
                CancellationToken.None);
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        return await ReportSnapshot.LoadAsync(connection, transaction, CancellationToken.None);
    }
}
