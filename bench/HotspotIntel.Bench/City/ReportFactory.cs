using HotspotIntel.Core.Agencies;
using HotspotIntel.Core.Locations;
using HotspotIntel.Core.Persons;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Vehicles;

namespace HotspotIntel.Bench.City;

/// <summary>
/// One intelligence report of a network: inside its planted hotspot during the hotspot's active months, or, for a
/// background network, anywhere in the city (half of it pulled towards the centre) at any time in the window.
/// </summary>
internal static class ReportFactory
{
    private static readonly Weighted<ReportCategory> BackgroundCategories = new(
        (ReportCategory.ChildWithAdults, 20), (ReportCategory.PartyHouse, 10), (ReportCategory.VehiclePickUp, 15),
        (ReportCategory.PremisesConcern, 15), (ReportCategory.MissingFoundLocation, 10), (ReportCategory.LocationConcern, 15),
        (ReportCategory.Other, 15));

    private static readonly Weighted<int> PrecisionsMeters = new((10, 25), (25, 35), (50, 25), (100, 10), (250, 5));

    public static IntelligenceReport Create(SyntheticCity city, NetworkCast cast, PlantedHotspot? hotspot, Ward homeWard, Prng prng)
    {
        var month = hotspot?.Months.Pick(prng) ?? prng.Next(ReportingWindow.Months);
        var occurredAt = ReportingWindow.InstantIn(month, prng);
        var recordedAt = Min(occurredAt + RecordingDelay(prng), ReportingWindow.ReferenceDate);
        var (east, north) = hotspot is null ? Background(prng) : hotspot.Plan.RandomPointInside(prng);
        var ward = city.Map.WardAt(east, north);
        var category = hotspot?.Categories.Pick(prng) ?? BackgroundCategories.Pick(prng);
        var (source, assessment) = SyntheticRestrictions.Gradings.Pick(prng);
        var report = new IntelligenceReport
        {
            Id = SyntheticIds.Next(prng, recordedAt),
            Category = category,
            Narrative = "",
            OccurredAt = occurredAt,
            RecordedAt = recordedAt,
            Location = city.Map.Grid.ToPoint(east, north),
            LocationPrecisionMeters = PrecisionsMeters.Pick(prng),
            SourceEvaluation = source,
            IntelligenceAssessment = assessment,
            HistoricGrading = month < 3 && prng.Chance(0.1) ? prng.Pick(SyntheticRestrictions.HistoricGradings) : null,
        };
        report.IndicatorCodes = IndicatorFactory.For(report, city.Seed);
        Mention(report, cast, prng);
        report.Narrative = Narratives.For(report, Place(report, hotspot, city.Map, (east, north)), prng);
        SyntheticRestrictions.Apply(report, Recorder(city.Agencies, ward, prng), recordedAt,
            SyntheticRestrictions.ReviewPeriods.IntelligenceReportDays, 0.2, 0.85, prng);
        return report;
    }

    private static (double, double) Background(Prng prng) =>
        prng.Chance(0.5) ? CityMap.AnywhereIn(prng) : CityMap.NearCentre(prng, 3000);

    /// <summary>Most reports are recorded within a day, some within a week, a few weeks later.</summary>
    private static TimeSpan RecordingDelay(Prng prng) => prng.NextDouble() switch
    {
        < 0.6 => TimeSpan.FromMinutes(prng.Next(30, 24 * 60)),
        < 0.9 => TimeSpan.FromHours(prng.Next(24, 7 * 24)),
        _ => TimeSpan.FromHours(prng.Next(7 * 24, 30 * 24)),
    };

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>The police record most; councils (children's services, licensing) some; health a few.</summary>
    private static Agency Recorder(CityAgencies agencies, Ward ward, Prng prng) => prng.NextDouble() switch
    {
        < 0.65 => agencies.Police,
        < 0.95 => ward.Council,
        _ => agencies.Health,
    };

    /// <summary>Whom and what the report names, by what it is about.</summary>
    private static void Mention(IntelligenceReport report, NetworkCast cast, Prng prng)
    {
        switch (report.Category)
        {
            case ReportCategory.ChildWithAdults:
                Add(report.Persons, prng.Sample(cast.Children, prng.Next(1, 3)));
                Add(report.Persons, prng.Sample(cast.AdultsOfConcern, prng.Next(1, 3)));
                break;
            case ReportCategory.PartyHouse:
                Add(report.Premises, [cast.Premises.FirstOrDefault(p => p.PremisesType == PremisesType.HouseInMultipleOccupation) ?? prng.Pick(cast.Premises)]);
                Add(report.Persons, prng.Sample(cast.Children, prng.Next(1, 3)));
                Add(report.Persons, prng.Sample(cast.AdultsOfConcern, 1));
                break;
            case ReportCategory.VehiclePickUp:
                Add(report.Vehicles, [prng.Pick(cast.Vehicles)]);
                Add(report.Persons, prng.Sample(cast.Children, 1));
                break;
            case ReportCategory.PremisesConcern:
                Add(report.Premises, [cast.AnchorPremises ?? prng.Pick(cast.Premises)]);
                Add(report.Persons, prng.Sample(cast.LicenceHolders, prng.Next(0, 2)));
                break;
            case ReportCategory.MissingFoundLocation:
                Add(report.Persons, prng.Sample(cast.Children, 1));
                Add(report.Locations, prng.Chance(0.5) ? [cast.AnchorLocation ?? prng.Pick(cast.Locations)] : []);
                break;
            case ReportCategory.LocationConcern:
                Add(report.Locations, [cast.AnchorLocation ?? prng.Pick(cast.Locations)]);
                Add(report.Persons, prng.Sample(cast.AdultsOfConcern, prng.Next(0, 2)));
                break;
            default:
                Add(report.Persons, [prng.Pick(cast.Persons)]);
                break;
        }
    }

    /// <summary>Adds what the list does not already hold (a report mentions each record once).</summary>
    public static void Add<T>(List<T> mentioned, IEnumerable<T> records) where T : class
    {
        foreach (var record in records)
        {
            if (!mentioned.Contains(record))
            {
                mentioned.Add(record);
            }
        }
    }

    /// <summary>What the narrative calls the place: the hotspot's anchor, the premises or place named, or the street it happened in.</summary>
    private static string Place(IntelligenceReport report, PlantedHotspot? hotspot, CityMap map, (double East, double North) at) =>
        hotspot?.AnchorName
        ?? report.Premises.FirstOrDefault()?.Name
        ?? report.Locations.FirstOrDefault()?.Name
        ?? $"{map.StreetAt(at.East, at.North).Name}, {map.WardAt(at.East, at.North).Name}";
}
