using System.Globalization;
using HotspotIntel.Core.Reports;

namespace HotspotIntel.Bench.City;

/// <summary>What a recorder might write about a report, plainly marked as synthetic, with the place and the local time.</summary>
internal static class Narratives
{
    private static readonly string[] Ages = ["13", "14", "15", "16"];

    public static string For(IntelligenceReport report, string place, Prng prng)
    {
        var time = UkTime.ToLocal(report.OccurredAt).ToString("HH:mm", CultureInfo.InvariantCulture);
        var age = prng.Pick(Ages);
        var vehicle = report.Vehicles.FirstOrDefault();
        var seenVehicle = vehicle is null ? "a car" : $"a {vehicle.Colour ?? "dark"} {vehicle.Make ?? "saloon"} ({vehicle.RegistrationMark})";
        return report.Category switch
        {
            ReportCategory.ChildWithAdults => prng.Chance(0.5)
                ? $"Synthetic: two children of about {age} seen with older adults near {place} at {time}; one child appeared intoxicated."
                : $"Synthetic: a child of about {age} seen leaving {place} at {time} with an adult not known to carers.",
            ReportCategory.PartyHouse =>
                $"Synthetic: neighbours report late-night gatherings at {place} with children arriving by taxi around {time}.",
            ReportCategory.VehiclePickUp =>
                $"Synthetic: {seenVehicle} seen picking up a girl of about {age} near {place} at {time}.",
            ReportCategory.PremisesConcern => prng.Chance(0.5)
                ? $"Synthetic: staff at {place} reported to give children free food and lifts after school."
                : $"Synthetic: children seen going into the back rooms of {place} at {time} with adults.",
            ReportCategory.MissingFoundLocation =>
                $"Synthetic: missing child found at {place} at {time} in the company of an adult not known to carers.",
            ReportCategory.LocationConcern =>
                $"Synthetic: groups of adults seen approaching children at {place} in the evenings, latest at {time}.",
            _ => $"Synthetic: anonymous call about online contact with a child of about {age}; the caller named {place} as a meeting point.",
        };
    }
}
