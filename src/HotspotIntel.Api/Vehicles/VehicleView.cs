using HotspotIntel.Api.Records;
using HotspotIntel.Core.Vehicles;

namespace HotspotIntel.Api.Vehicles;

/// <summary>A vehicle of concern; for a duplicate merged into another vehicle, that vehicle (<c>mergedIntoId</c>, when the reader may read it).</summary>
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
    /// <summary>For a duplicate merged into another vehicle, that vehicle, when the reader may read it; otherwise null.</summary>
    public Guid? MergedIntoId { get; init; }

    /// <summary>The view of a vehicle; a merged vehicle's survivor only when <paramref name="survivorReadable"/>.</summary>
    public static VehicleView Of(Vehicle vehicle, bool survivorReadable) => new(vehicle.Id, vehicle.RegistrationMark, vehicle.Make, vehicle.Model,
        vehicle.Colour, vehicle.LicenceType, vehicle.PlateNumber, vehicle.LicensingAuthority, RestrictionsView.Of(vehicle))
    {
        MergedIntoId = survivorReadable ? vehicle.MergedIntoId : null,
    };

    /// <summary>The view of a vehicle that is not merged (lists leave merged vehicles out).</summary>
    public static VehicleView Of(Vehicle vehicle) => Of(vehicle, survivorReadable: false);
}
