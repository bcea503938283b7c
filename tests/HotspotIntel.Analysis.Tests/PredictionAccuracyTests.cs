namespace HotspotIntel.Analysis.Tests;

public sealed class PredictionAccuracyTests
{
    [Fact]
    public void PAI_is_the_share_of_reports_caught_over_the_share_of_area_flagged()
    {
        // 30 of 200 reports (15%) in 2 km² of a 100 km² area (2%): 7.5 times better than chance.
        var pai = PredictionAccuracy.PredictionAccuracyIndex(30, 200, 2_000_000, 100_000_000);

        Assert.Equal(7.5, pai, 12);
    }

    [Fact]
    public void Planted_hotspot_recall_and_unmatched_reported_share_are_counted_by_overlap()
    {
        HexCell[] plantedA = [new(0, 0), new(0, 1), new(1, 0), new(1, 1)];
        HexCell[] plantedB = [new(10, 10), new(10, 11)];
        HexCell[] plantedC = [new(20, 20)];
        HexCell[] findsA = [new(0, 0), new(0, 1)];                     // inside A: share 1
        HexCell[] findsB = [new(10, 11), new(10, 12), new(11, 12)];     // 1 of min(2, 3) = 0.5
        HexCell[] nearC = [new(21, 20), new(22, 20)];                   // touches C but shares no cell
        HexCell[] nowhere = [new(-30, -30)];

        var score = PredictionAccuracy.ScorePlantedHotspots(
            [plantedA, plantedB, plantedC], [findsA, findsB, nearC, nowhere], minimumOverlapShare: 0.5);

        Assert.Equal(2.0 / 3, score.Recall, 12);
        Assert.Equal(2.0 / 4, score.UnmatchedReportedShare, 12);
    }

    [Fact]
    public void PAI_rejects_more_hits_than_reports()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictionAccuracy.PredictionAccuracyIndex(5, 4, 1, 10));
    }
}
