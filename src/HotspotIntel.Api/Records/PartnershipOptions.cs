using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Records;
using HotspotIntel.Core.Spatial;

namespace HotspotIntel.Api.Records;

/// <summary>The settings a partnership chooses for itself (configuration section <c>Partnership</c>).</summary>
public sealed class PartnershipOptions
{
    public const string Section = "Partnership";

    /// <summary>The WGS84 box all coordinates must fall in.</summary>
    public RegionBounds Region { get; set; } = new(-3.2, 52.0, -1.2, 53.0);

    /// <summary>Review periods by kind of record.</summary>
    public ReviewPeriods ReviewPeriods { get; set; } = new();

    /// <summary>When a child counts as frequently missing.</summary>
    public FrequentlyMissingRule FrequentlyMissing { get; set; } = new();
}
