namespace HotspotIntel.Core.Links;

/// <summary>Where a link in the network comes from: recorded by an analyst, or derived from what reports show.</summary>
public enum LinkDerivation
{
    /// <summary>Recorded as a link, with a type, a time range and its source reports.</summary>
    Recorded,

    /// <summary>The two entities are named in the same report.</summary>
    CoOccurrence,

    /// <summary>The two entities are named in reports that happened within a set distance and time of each other.</summary>
    CoLocation,
}
