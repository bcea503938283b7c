using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Core.Premises;

/// <summary>A place with an owner or a licence: licensed premises, takeaways, hotels, B&amp;Bs, hostels, HMOs, private-hire operators.</summary>
public sealed class Premises : RecordRestrictions
{
    /// <summary>Trading name.</summary>
    public required string Name { get; set; }

    /// <summary>What kind of premises it is.</summary>
    public PremisesType PremisesType { get; set; }

    /// <summary>Postal address, one line.</summary>
    public required string Address { get; set; }

    /// <summary>Postcode, upper case with one space.</summary>
    public string? Postcode { get; set; }

    /// <summary>Unique Property Reference Number, where known.</summary>
    public long? Uprn { get; set; }

    /// <summary>Premises licence number, where licensed.</summary>
    public string? LicenceNumber { get; set; }

    /// <summary>The licensing authority that issued the licence.</summary>
    public string? LicensingAuthority { get; set; }

    /// <summary>Where it is: a point in WGS84 (SRID 4326).</summary>
    public required Point Location { get; set; }
}
