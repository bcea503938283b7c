using HotspotIntel.Api.Records;
using HotspotIntel.Core.Vehicles;

namespace HotspotIntel.Api.Vehicles;

/// <summary>A vehicle to record, or the new state of one.</summary>
public sealed record VehicleRequest : RestrictedRecordRequest
{
    /// <summary>Registration mark in any case and spacing; stored upper case without spaces.</summary>
    /// <example>AB12 CDE</example>
    public required string RegistrationMark { get; init; }

    /// <summary>Make, e.g. Toyota.</summary>
    /// <example>Toyota</example>
    public string? Make { get; init; }

    /// <summary>Model, e.g. Prius.</summary>
    /// <example>Prius</example>
    public string? Model { get; init; }

    /// <summary>Colour as seen.</summary>
    /// <example>silver</example>
    public string? Colour { get; init; }

    /// <summary>Whether it is licensed for hire: none, hackney_carriage or private_hire.</summary>
    /// <example>private_hire</example>
    public VehicleLicenceType LicenceType { get; init; } = VehicleLicenceType.None;

    /// <summary>The taxi or private-hire plate number: required when licensed for hire, absent otherwise.</summary>
    /// <example>PH 0001</example>
    public string? PlateNumber { get; init; }

    /// <summary>The licensing authority that issued the plate.</summary>
    public string? LicensingAuthority { get; init; }
}
