using HotspotIntel.Analysis;
using HotspotIntel.Bench.Hotspots;

namespace HotspotIntel.Bench.Tests;

/// <summary>The evaluation city is as hard as issue 18 asks: varied planted hotspots over a busy, uneven background.</summary>
public sealed class EvaluationCityTests
{
    private static readonly EvaluationCity Sparse = new(200, 1);

    [Fact]
    public void Planted_hotspots_are_80_to_300_m_round_and_elongated_and_some_start_or_stop_within_the_24_months()
    {
        var plan = EvaluationCity.Plan;

        Assert.All(plan, spot => Assert.InRange(Math.Max(spot.Shape.LengthMeters, spot.Shape.WidthMeters), 80, 300));
        Assert.Contains(plan, spot => spot.Shape.IsRound);
        Assert.Contains(plan, spot => spot.Shape.LengthMeters >= 3 * spot.Shape.WidthMeters);
        Assert.Contains(plan, spot => spot.FirstMonth > 0);
        Assert.Contains(plan, spot => spot.LastMonth < EvaluationCity.Months - 2);
        Assert.Equal(24, EvaluationCity.Months);
    }

    [Fact]
    public void Planted_reports_fall_inside_their_shape_and_only_in_its_active_months()
    {
        var planted = Enumerable.Range(0, Sparse.Reports.Count).Where(i => Sparse.SpotOf[i] >= 0).ToList();

        Assert.NotEmpty(planted);
        Assert.All(planted, i =>
        {
            var spot = EvaluationCity.Plan[Sparse.SpotOf[i]];
            Assert.True(spot.Shape.Contains(Sparse.Reports[i].Point), $"{spot.Id}: a report outside its shape");
            Assert.True(spot.ActiveIn(Sparse.MonthOf[i]), $"{spot.Id}: a report in month {Sparse.MonthOf[i]}");
            Assert.Equal(Sparse.MonthOf[i], EvaluationCity.MonthHolding(Sparse.Reports[i].OccurredAt));
        });
    }

    [Theory]
    [InlineData(200)]
    [InlineData(1500)]
    public void The_background_has_the_size_asked_for_and_a_centre_at_least_five_times_as_dense_as_the_outskirts(int perMonth)
    {
        var city = new EvaluationCity(perMonth, 2);
        var background = Enumerable.Range(0, city.Reports.Count).Where(i => city.SpotOf[i] < 0).Select(i => city.Reports[i].Point).ToList();

        Assert.Equal(perMonth * EvaluationCity.Months, background.Count);
        // Reports per square kilometre within 1 km of the centre, and more than 5 km out.
        var centre = background.Count(p => p.DistanceTo(EvaluationCity.Centre) < 1000) / (Math.PI * 1.0);
        var outskirts = background.Count(p => p.DistanceTo(EvaluationCity.Centre) > 5000) / (16 * 12 - (Math.PI * 25));
        Assert.True(centre > 5 * outskirts, $"centre {centre:F0}/km², outskirts {outskirts:F0}/km²");
    }

    [Fact]
    public void The_same_seed_gives_the_same_city_and_another_seed_another()
    {
        var again = new EvaluationCity(200, 1);
        var other = new EvaluationCity(200, 2);

        Assert.Equal(Sparse.Reports, again.Reports);
        Assert.NotEqual(Sparse.Reports.Take(50), other.Reports.Take(50));
    }

    [Fact]
    public void A_planted_shape_on_a_grid_is_the_cells_it_covers_at_least_half_or_else_the_cell_of_its_centre()
    {
        var grid = new HexGrid(50);
        var centre = new HexCell(8000, 3000);

        // 300 m across on a cell centre: the cell and its six neighbours (centres 87 m away); the next ring's centres
        // lie on the edge or outside, so less than half of each is covered.
        var disc = PlantedShape.Round(grid.Centre(centre), 300).CellsOn(grid);
        var speck = PlantedShape.Round(grid.Centre(centre), 20).CellsOn(grid);

        Assert.Equal(centre.Neighbours().Append(centre).ToHashSet(), disc.ToHashSet());
        Assert.Equal([centre], speck);
    }
}
