using HotspotIntel.Core.Agencies;

namespace HotspotIntel.Bench.City;

/// <summary>
/// The partners of the synthetic city: one police force, three councils and a health trust. Their codes start DEMO-, and
/// the police force's code is the marker that tells <c>seed-demo</c> the demo data is loaded.
/// </summary>
internal sealed record CityAgencies(Agency Police, IReadOnlyList<Agency> Councils, Agency Health)
{
    public const string MarkerCode = "DEMO-WMP";

    public IReadOnlyList<Agency> All => [Police, .. Councils, Health];

    public static CityAgencies Create(ulong seed)
    {
        var prng = Prng.For(seed, "agency", 0);
        var created = ReportingWindow.Start.AddYears(-2);
        Agency Make(string code, string name, AgencyKind kind) =>
            new() { Id = SyntheticIds.Next(prng, created), Code = code, Name = name, Kind = kind };
        return new CityAgencies(
            Make(MarkerCode, "Demo Midshire Police", AgencyKind.Police),
            [
                Make("DEMO-WBC", "Demo Westmere Borough Council", AgencyKind.Council),
                Make("DEMO-NCC", "Demo Northbrook City Council", AgencyKind.Council),
                Make("DEMO-EMC", "Demo Eastvale Metropolitan Council", AgencyKind.Council),
            ],
            Make("DEMO-MHT", "Demo Midshire Health Trust", AgencyKind.Health));
    }

    /// <summary>The council's code without DEMO-, as licence and plate numbers print it.</summary>
    public static string ShortCode(Agency agency) => agency.Code["DEMO-".Length..];
}
