namespace HotspotIntel.Core.Reports;

/// <summary>What an intelligence report is about.</summary>
public enum ReportCategory
{
    /// <summary>A child seen with older adults of concern.</summary>
    ChildWithAdults,

    /// <summary>A party in a house or flat where children are taken.</summary>
    PartyHouse,

    /// <summary>A vehicle picking up or dropping off children.</summary>
    VehiclePickUp,

    /// <summary>A concern about a premises that names no child ("non-child-specific concern").</summary>
    PremisesConcern,

    /// <summary>Where a missing child was found.</summary>
    MissingFoundLocation,

    /// <summary>A concern about a public place: a park, station, taxi rank.</summary>
    LocationConcern,

    /// <summary>Anything else.</summary>
    Other,
}
