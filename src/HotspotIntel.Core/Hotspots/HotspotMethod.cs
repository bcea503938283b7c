using System.Text.Json.Serialization;

namespace HotspotIntel.Core.Hotspots;

/// <summary>How a hotspot run decides which hex cells are hot; codes <c>gistar</c>, <c>kde</c>, <c>dbscan</c>, <c>excess</c>.</summary>
public enum HotspotMethod
{
    /// <summary>Getis-Ord Gi* over the hex grid, false-discovery-rate corrected, cells hot at the run's confidence.</summary>
    [JsonStringEnumMemberName("gistar")]
    GiStar,

    /// <summary>Quartic kernel density at each cell centre; cells hot above mean + k standard deviations of the density.</summary>
    [JsonStringEnumMemberName("kde")]
    KernelDensity,

    /// <summary>DBSCAN clustering of the report points (as <c>ST_ClusterDBSCAN</c>); cells holding clustered reports are hot.</summary>
    [JsonStringEnumMemberName("dbscan")]
    Dbscan,

    /// <summary>
    /// The default: cells whose own weighted count is significantly above a local expectation (a wide background
    /// surface around them), false-discovery-rate corrected, kept only where they hold the excess (<c>LocalExcess</c>).
    /// </summary>
    [JsonStringEnumMemberName("excess")]
    LocalExcess,
}
