namespace HotspotIntel.Analysis;

/// <summary>
/// How confidently a cell is a hotspot (or a cold spot) after false-discovery-rate correction; the numeric
/// values are ArcGIS's <c>Gi_Bin</c> (−3 to 3), so a stored bin reads the same in both.
/// </summary>
public enum HotspotConfidence
{
    /// <summary>Cold spot at 99% confidence.</summary>
    Cold99 = -3,

    /// <summary>Cold spot at 95% confidence.</summary>
    Cold95 = -2,

    /// <summary>Cold spot at 90% confidence.</summary>
    Cold90 = -1,

    /// <summary>Neither hot nor cold at 90% confidence.</summary>
    NotSignificant = 0,

    /// <summary>Hotspot at 90% confidence.</summary>
    Hot90 = 1,

    /// <summary>Hotspot at 95% confidence.</summary>
    Hot95 = 2,

    /// <summary>Hotspot at 99% confidence.</summary>
    Hot99 = 3,
}
