using HotspotIntel.Core.Premises;

namespace HotspotIntel.Bench.City;

/// <summary>
/// The city's premises: first the anchors of planted hotspots (at their centres), then one of every type, then a mix in
/// which takeaways, pubs, hotels and shops crowd the centre and the high streets and the rest spread over the wards.
/// </summary>
internal static class PremisesFactory
{
    private static readonly Weighted<PremisesType> Mix = new(
        (PremisesType.LateNightRefreshment, 25), (PremisesType.LicensedPremises, 18), (PremisesType.Shop, 20),
        (PremisesType.Hotel, 6), (PremisesType.BedAndBreakfast, 5), (PremisesType.Hostel, 3),
        (PremisesType.HouseInMultipleOccupation, 12), (PremisesType.PrivateHireOperator, 4), (PremisesType.Other, 7));

    private static readonly Dictionary<PremisesType, string[]> Names = new()
    {
        [PremisesType.LateNightRefreshment] = ["Example Kebab House", "Example Chicken Shack", "Example Pizza Place", "Example Fish Bar", "Example Grill", "Example Noodle Bar"],
        [PremisesType.LicensedPremises] = ["Example Arms", "Example Tavern", "Example Bar", "Example Social Club", "Example Nightclub"],
        [PremisesType.Hotel] = ["Example Central Hotel", "Example Lodge Hotel", "Example Park Hotel", "Example Budget Inn"],
        [PremisesType.BedAndBreakfast] = ["Example Guest House", "Example Bed and Breakfast"],
        [PremisesType.Hostel] = ["Example Hostel", "Example Backpackers"],
        [PremisesType.HouseInMultipleOccupation] = ["Example Lodgings (HMO)", "Example House (HMO)"],
        [PremisesType.PrivateHireOperator] = ["Example Cars", "Example Private Hire", "Example Executive Travel"],
        [PremisesType.Shop] = ["Example Convenience Store", "Example Off-Licence", "Example Vape Shop", "Example Phone Repairs"],
        [PremisesType.Other] = ["Example Gym", "Example Amusement Arcade", "Example Barbers", "Example Car Wash"],
    };

    public static List<Premises> Create(int count, ulong seed, CityMap map, CityAgencies agencies, IReadOnlyList<HotspotPlan> plans)
    {
        var anchors = plans.Where(plan => plan.AnchorPremises is not null).ToList();
        var everyType = Enum.GetValues<PremisesType>();
        var premises = new List<Premises>(count);
        for (var i = 0; i < count; i++)
        {
            var prng = Prng.For(seed, "premises", i);
            var (type, position) = i < anchors.Count
                ? (anchors[i].AnchorPremises!.Value, (anchors[i].EastMeters, anchors[i].NorthMeters))
                : i < anchors.Count + everyType.Length ? Place(everyType[i - anchors.Count], prng) : Place(Mix.Pick(prng), prng);
            premises.Add(Make(i, type, position, map, agencies, prng));
        }

        return premises;
    }

    private static (PremisesType, (double, double)) Place(PremisesType type, Prng prng)
    {
        var onHighStreets = type is PremisesType.LateNightRefreshment or PremisesType.LicensedPremises or PremisesType.Hotel or PremisesType.Shop;
        var roll = prng.NextDouble();
        var position = !onHighStreets || roll > 0.85 ? CityMap.AnywhereIn(prng)
            : roll < 0.45 ? CityMap.NearCentre(prng, 1000) : CityMap.OnHighStreet(prng);
        return (type, position);
    }

    private static Premises Make(int index, PremisesType type, (double East, double North) position, CityMap map, CityAgencies agencies, Prng prng)
    {
        var ward = map.WardAt(position.East, position.North);
        var council = ward.Council;
        var licence = type switch
        {
            PremisesType.LateNightRefreshment or PremisesType.LicensedPremises => "PL",
            PremisesType.Hotel when prng.Chance(0.7) => "PL",
            PremisesType.HouseInMultipleOccupation => "HMO",
            PremisesType.PrivateHireOperator => "PHO",
            _ => null,
        };
        var created = SyntheticRestrictions.EarlierThanWindow(prng);
        var recorder = prng.Chance(0.7) ? council : agencies.Police;
        var premises = new Premises
        {
            Id = SyntheticIds.Next(prng, created),
            Name = $"{prng.Pick(Names[type])} {index + 1:D4}",
            PremisesType = type,
            Address = map.AddressAt(position.East, position.North, prng),
            Postcode = prng.Chance(0.85) ? Postcode(ward, prng) : null,
            Uprn = prng.Chance(0.8) ? 990_000_000_000L + index + 1 : null,
            LicenceNumber = licence is null ? null : $"{CityAgencies.ShortCode(council)}/{licence}/{created.Year}/{index + 1:D5}",
            LicensingAuthority = licence is null ? null : council.Name,
            Location = map.Grid.ToPoint(position.East, position.North),
        };
        SyntheticRestrictions.Apply(premises, recorder, created, SyntheticRestrictions.ReviewPeriods.EntityDays, 0.1, 0.2, prng);
        return premises;
    }

    /// <summary>"B7 3QX": the city's B postcode area, the ward's number as the district.</summary>
    private static string Postcode(Ward ward, Prng prng) =>
        $"B{ward.Number} {prng.Next(1, 10)}{prng.Pick(SyntheticNames.PostcodeLetters.ToCharArray())}{prng.Pick(SyntheticNames.PostcodeLetters.ToCharArray())}";
}
