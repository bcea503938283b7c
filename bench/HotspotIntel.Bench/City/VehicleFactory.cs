using HotspotIntel.Core.Vehicles;

namespace HotspotIntel.Bench.City;

/// <summary>Vehicles of concern: most private cars, a third private-hire and some hackney carriages with their plates.</summary>
internal static class VehicleFactory
{
    private static readonly Weighted<VehicleLicenceType> Mix = new(
        (VehicleLicenceType.None, 55), (VehicleLicenceType.HackneyCarriage, 15), (VehicleLicenceType.PrivateHire, 30));

    public static List<Vehicle> Create(int count, ulong seed, CityAgencies agencies)
    {
        var everyType = Enum.GetValues<VehicleLicenceType>();
        var vehicles = new List<Vehicle>(count);
        for (var i = 0; i < count; i++)
        {
            var prng = Prng.For(seed, "vehicle", i);
            var type = i < everyType.Length ? everyType[i] : Mix.Pick(prng);
            var authority = prng.Pick(agencies.Councils);
            var (make, model) = prng.Pick(SyntheticNames.Vehicles);
            var known = prng.Chance(0.9);
            var created = SyntheticRestrictions.EarlierThanWindow(prng);
            var vehicle = new Vehicle
            {
                Id = SyntheticIds.Next(prng, created),
                RegistrationMark = SyntheticNames.RegistrationMark(i),
                Make = known ? make : null,
                Model = known ? model : null,
                Colour = prng.Chance(0.9) ? prng.Pick(SyntheticNames.Colours) : null,
                LicenceType = type,
                PlateNumber = type switch
                {
                    VehicleLicenceType.HackneyCarriage => $"{CityAgencies.ShortCode(authority)}-HC-{i + 1:D5}",
                    VehicleLicenceType.PrivateHire => $"{CityAgencies.ShortCode(authority)}-PH-{i + 1:D5}",
                    _ => null,
                },
                LicensingAuthority = type == VehicleLicenceType.None ? null : authority.Name,
            };
            SyntheticRestrictions.Apply(vehicle, prng.Chance(0.8) ? agencies.Police : authority, created,
                SyntheticRestrictions.ReviewPeriods.EntityDays, 0.15, 0.5, prng);
            vehicles.Add(vehicle);
        }

        return vehicles;
    }
}
