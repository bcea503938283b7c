using HotspotIntel.Api.Records;
using HotspotIntel.Core.Vehicles;

namespace HotspotIntel.Api.Vehicles;

/// <summary>A vehicle of concern.</summary>
public sealed record VehicleView(
    Guid Id,
    string RegistrationMark,
    string? Make,
    string? Model,
    string? Colour,
    VehicleLicenceType LicenceType,
    string? PlateNumber,
    string? LicensingAuthority,
    RestrictionsView Restrictions)
{
    public static VehicleView Of(Vehicle vehicle) => new(vehicle.Id, vehicle.RegistrationMark, vehicle.Make, vehicle.Model, vehicle.Colour,
        vehicle.LicenceType, vehicle.PlateNumber, vehicle.LicensingAuthority, RestrictionsView.Of(vehicle));
}
