namespace HotspotIntel.Core.Locations;

/// <summary>The kind of named public place.</summary>
public enum LocationType
{
    /// <summary>A park or open space.</summary>
    Park,

    /// <summary>A bus station or interchange.</summary>
    BusStation,

    /// <summary>A railway or tram station.</summary>
    TrainStation,

    /// <summary>A taxi rank.</summary>
    TaxiRank,

    /// <summary>A shopping centre or precinct.</summary>
    ShoppingCentre,

    /// <summary>The surroundings of a school or college.</summary>
    SchoolSurroundings,

    /// <summary>The surroundings of a children's home.</summary>
    ChildrensHomeSurroundings,

    /// <summary>Any other public place.</summary>
    Other,
}
