using System.Globalization;

namespace HotspotIntel.Bench.City;

/// <summary>
/// How big a synthetic city is; everything follows from the number of reports. Regional is the size one PostgreSQL
/// must hold (a region: several councils and a force, for years): 1,000,000 reports, 200,000 persons, 2,000,000 links.
/// </summary>
internal sealed record CityScale(int Reports)
{
    public const int DemoReports = 3_000;
    public const int RegionalReports = 1_000_000;

    // Below this a criminal network would have fewer than four persons and could not hold one of each role.
    public const int MinimumReports = 500;
    public const int MaximumReports = 5_000_000;

    /// <summary>Persons recorded in criminal networks of about 25 each.</summary>
    public int Persons => Reports / 5;

    public int Links => Reports * 2;

    /// <summary>Networks of persons that the reports and links are about: half around planted hotspots, half background.</summary>
    public int Networks => Math.Max(24, Persons / 25);

    public int Premises => Math.Max(120, Reports / 25);

    public int Locations => Math.Max(60, Reports / 100);

    public int Vehicles => Networks * 3;

    /// <summary>Reads <c>demo</c>, <c>regional</c> or a number of reports (underscores and commas allowed).</summary>
    public static bool TryParse(string? text, out CityScale scale, out string? problem)
    {
        scale = new CityScale(DemoReports);
        problem = null;
        var reports = text?.Trim().ToLowerInvariant() switch
        {
            "demo" => DemoReports,
            "regional" => RegionalReports,
            { } number when int.TryParse(number.Replace("_", "").Replace(",", ""), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => -1,
        };
        if (reports is < MinimumReports or > MaximumReports)
        {
            problem = $"--scale must be demo, regional or a number of reports from {MinimumReports} to {MaximumReports}; got '{text}'.";
            return false;
        }

        scale = new CityScale(reports);
        return true;
    }
}
