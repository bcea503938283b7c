using HotspotIntel.Core.Records;

namespace HotspotIntel.Core.Vehicles;

/// <summary>A vehicle of concern, identified by its registration mark and, if licensed for hire, its plate.</summary>
public sealed class Vehicle : RecordRestrictions
{
    /// <summary>Registration mark, upper case without spaces (e.g. <c>AB12CDE</c>).</summary>
    public required string RegistrationMark { get; set; }

    /// <summary>Make, e.g. Toyota.</summary>
    public string? Make { get; set; }

    /// <summary>Model, e.g. Prius.</summary>
    public string? Model { get; set; }

    /// <summary>Colour as seen.</summary>
    public string? Colour { get; set; }

    /// <summary>Whether it is a taxi or private-hire vehicle.</summary>
    public VehicleLicenceType LicenceType { get; set; }

    /// <summary>The taxi or private-hire plate number, where licensed.</summary>
    public string? PlateNumber { get; set; }

    /// <summary>The licensing authority that issued the plate.</summary>
    public string? LicensingAuthority { get; set; }

    /// <summary>
    /// The vehicle this record was merged into as a duplicate (entity resolution), while the merge stands: lists leave
    /// the record out and the network shows it as that vehicle. Set only by a merge, cleared by its reversal.
    /// </summary>
    public Guid? MergedIntoId { get; set; }
}
