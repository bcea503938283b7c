using System.Text.Json.Serialization;

namespace HotspotIntel.Analysis;

/// <summary>Something about a run's data that its reader must know to read its hotspots right; codes as in JSON.</summary>
public enum HotspotWarningKind
{
    /// <summary>A trend bin counted back from the run's date holds no report, so no hotspot was given a trend.</summary>
    [JsonStringEnumMemberName("trend_data_missing")]
    TrendDataMissing,

    /// <summary>Reports dated after the run's date were left out of it.</summary>
    [JsonStringEnumMemberName("reports_after_as_of")]
    ReportsAfterAsOf,
}

/// <summary>A warning on a hotspot analysis: its kind and a sentence saying what happened and what to do.</summary>
public sealed record HotspotWarning(HotspotWarningKind Kind, string Message);
