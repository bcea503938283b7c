using System.Text.Json;
using System.Text.Json.Serialization;
using HotspotIntel.Analysis.Impact;
using static HotspotIntel.Analysis.Tests.Impact.DifferenceInDifferencesTests;

namespace HotspotIntel.Analysis.Tests.Impact;

public sealed class ImpactJsonTests
{
    // The API's rules for enums (JsonSetup): codes in snake_case, never numbers.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    [Fact]
    public void An_assessment_and_a_tactic_summary_are_plain_JSON_even_when_a_window_is_empty()
    {
        // The target falls to no reports at all: the estimate is continuity-corrected, so every number is finite.
        var assessment = ImpactAssessor.Assess(new ImpactCounts(new AreaCounts(Weeks(4, 10), Weeks(4, 0)),
            new AreaCounts(Weeks(4, 40), Weeks(4, 40)), new AreaCounts(Weeks(4, 5), Weeks(4, 12))), new ImpactOptions());
        var summary = TacticImpactSummaries.Summarise([new ActionImpact("patrols", assessment)], new ImpactOptions());

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(new { assessment, summary }, Json));

        var impact = document.RootElement.GetProperty("assessment");
        Assert.Equal("reduced", impact.GetProperty("verdict").GetString());
        Assert.Equal("poisson", impact.GetProperty("estimate").GetProperty("model").GetString());
        Assert.True(impact.GetProperty("estimate").GetProperty("percentChangeUpper").GetDouble() < 0);
        Assert.Equal("displacement", impact.GetProperty("displacement").GetProperty("verdict").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("summary")[0].GetProperty("verdicts").GetProperty("reduced").GetInt32());
    }
}
