using HotspotIntel.Api.Records;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Premises;

/// <summary>A premises to record, or the new state of one (synthetic names and addresses only in tests and demos).</summary>
public sealed record PremisesRequest : RestrictedRecordRequest
{
    /// <summary>Trading name, 1 to 200 characters.</summary>
    /// <example>Example Kebab House</example>
    public required string Name { get; init; }

    /// <summary>What kind of premises it is.</summary>
    /// <example>late_night_refreshment</example>
    public required PremisesType PremisesType { get; init; }

    /// <summary>Postal address on one line, 1 to 500 characters.</summary>
    /// <example>1 Example Street, Northbrook</example>
    public required string Address { get; init; }

    /// <summary>UK postcode in any case and spacing; stored upper case with one space.</summary>
    /// <example>B1 1AA</example>
    public string? Postcode { get; init; }

    /// <summary>Unique Property Reference Number, where known (1 to 12 digits).</summary>
    public long? Uprn { get; init; }

    /// <summary>Premises licence number, where licensed.</summary>
    /// <example>PL-0001</example>
    public string? LicenceNumber { get; init; }

    /// <summary>The licensing authority that issued the licence.</summary>
    public string? LicensingAuthority { get; init; }

    /// <summary>Where it is: a GeoJSON Point.</summary>
    public required Geometry Location { get; init; }

    /// <summary>The coordinate system of <c>location</c>: EPSG:4326 (default) or EPSG:27700.</summary>
    /// <example>EPSG:4326</example>
    public CoordinateSystem CoordinateSystem { get; init; } = CoordinateSystem.Wgs84;
}
