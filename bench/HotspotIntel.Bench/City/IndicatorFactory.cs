using HotspotIntel.Core.Reports;

namespace HotspotIntel.Bench.City;

/// <summary>
/// The risk indicators a synthetic report records (codes of <see cref="BuiltInRiskIndicators"/>): most reports about a
/// child with adults, a party house, a pick-up or a missing child's found location record one to three, fitting what
/// the report is about (a pick-up: transported by adults; a found location: going missing); a few others record one.
/// Drawn from a stream of their own, keyed by the report's id, so the rest of the city is as it was without them.
/// </summary>
internal static class IndicatorFactory
{
    private static readonly Weighted<string> AnyIndicator = new([.. BuiltInRiskIndicators.All.Select(i => (i.Code, 1.0))]);

    private static readonly Dictionary<ReportCategory, Weighted<string>> ByCategory = new()
    {
        [ReportCategory.ChildWithAdults] = new(("older_boyfriend_or_girlfriend", 30), ("gifts_or_money", 20), ("substance_misuse", 15),
            ("unexplained_money_or_phone", 10), ("online_contact_with_adults", 10), ("exploited_peers", 10), ("absent_from_school", 5)),
        [ReportCategory.PartyHouse] = new(("substance_misuse", 35), ("gifts_or_money", 20), ("exploited_peers", 20),
            ("older_boyfriend_or_girlfriend", 15), ("going_missing", 10)),
        [ReportCategory.VehiclePickUp] = new(("transported_by_adults", 50), ("older_boyfriend_or_girlfriend", 20), ("going_missing", 15),
            ("gifts_or_money", 15)),
        [ReportCategory.MissingFoundLocation] = new(("going_missing", 50), ("absent_from_school", 20), ("substance_misuse", 15),
            ("transported_by_adults", 15)),
    };

    public static List<string> For(IntelligenceReport report, ulong citySeed)
    {
        var prng = Prng.For(citySeed, "indicators", BitConverter.ToInt64(report.Id.ToByteArray(), 8));
        var codes = new List<string>();
        if (ByCategory.TryGetValue(report.Category, out var fitting))
        {
            if (prng.Chance(0.65))
            {
                var wanted = prng.Next(1, 4);
                // A few draws more than wanted, as a repeat adds nothing.
                for (var i = 0; i < wanted * 2 && codes.Count < wanted; i++)
                {
                    var code = fitting.Pick(prng);
                    if (!codes.Contains(code))
                    {
                        codes.Add(code);
                    }
                }
            }
        }
        else if (prng.Chance(0.1))
        {
            codes.Add(AnyIndicator.Pick(prng));
        }

        return codes;
    }
}
