using System.Text.Json;
using HotspotIntel.Bench.City;
using HotspotIntel.Core;
using HotspotIntel.Core.Reports;

namespace HotspotIntel.Bench.Output;

/// <summary>
/// planted-hotspots.json: the hotspots the generator planted, so a hotspot analysis of the data can be scored against
/// them (did it find each centre, its extent, its active months and its trend?).
/// </summary>
internal sealed record PlantedTruth(
    string ReferenceDate,
    string FirstMonth,
    string LastMonth,
    double PlantedShare,
    int Reports,
    IReadOnlyList<PlantedTruth.Hotspot> Hotspots)
{
    public const string FileName = "planted-hotspots.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>One planted hotspot: centre (WGS84), radius, active months (yyyy-MM, inclusive), expected trend and what stands there.</summary>
    public sealed record Hotspot(
        string Id,
        string Story,
        double CentreLongitude,
        double CentreLatitude,
        int RadiusMeters,
        string FirstMonth,
        string LastMonth,
        IReadOnlyList<string> MonthsActive,
        string ExpectedTrend,
        int PlantedReports,
        string? AnchorType,
        string? AnchorName,
        IReadOnlyDictionary<string, double> CategoryMix);

    public static PlantedTruth Of(SyntheticCity city) => new(
        CsvFields.Date(DateOnly.FromDateTime(ReportingWindow.ReferenceDate.UtcDateTime))!,
        ReportingWindow.MonthName(0),
        ReportingWindow.MonthName(ReportingWindow.Months - 1),
        SyntheticCity.PlantedShare,
        city.Scale.Reports,
        [.. city.Hotspots.Select(h => new Hotspot(
            h.Plan.Id,
            h.Plan.Story,
            h.Centre.X,
            h.Centre.Y,
            h.Plan.RadiusMeters,
            ReportingWindow.MonthName(h.Plan.FirstMonth),
            ReportingWindow.MonthName(h.Plan.LastMonth),
            [.. Enumerable.Range(h.Plan.FirstMonth, h.Plan.LastMonth - h.Plan.FirstMonth + 1).Select(ReportingWindow.MonthName)],
            EnumCodes<ExpectedTrend>.ToCode(h.Plan.Trend),
            h.PlantedReports,
            h.Plan.AnchorPremises is { } premises ? CsvFields.Code(premises) : h.Plan.AnchorLocation is { } location ? CsvFields.Code(location) : null,
            h.AnchorName,
            h.Plan.CategoryMix.ToDictionary(mix => EnumCodes<ReportCategory>.ToCode(mix.Category), mix => mix.Share)))]);

    public void Write(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    public static PlantedTruth Read(string folder) =>
        JsonSerializer.Deserialize<PlantedTruth>(File.ReadAllText(Path.Combine(folder, FileName)), Json)!;
}
