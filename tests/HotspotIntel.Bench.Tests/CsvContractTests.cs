using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using HotspotIntel.Api.Records;
using HotspotIntel.Bench.Output;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Premises;
using HotspotIntel.Core.Records;
using HotspotIntel.Core.Reports;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Bench.Tests;

/// <summary>The generated reports and premises CSV against the import contract and the rules of migrations/0001_records_schema.sql.</summary>
public sealed partial class CsvContractTests
{
    private static readonly string Folder = TestCities.DemoFolder;

    [Fact]
    public void The_reports_file_has_exactly_the_import_contract_columns()
    {
        var (header, rows) = Read(DatasetTables.Reports.FileName);

        Assert.Equal(
            ["occurred_at", "recorded_at", "category", "narrative", "longitude", "latitude", "location_precision_meters",
                "source_evaluation", "intelligence_assessment", "handling_code", "handling_conditions", "historic_grading",
                "security_marking", "lawful_basis", "review_on", "indicator_codes"],
            header);
        Assert.Equal(TestCities.Demo.Reports.Count, rows.Count);
        Assert.All(rows, row => Assert.Equal(header.Count, row.Count));
    }

    [Fact]
    public void Every_report_row_keeps_the_rules_of_the_schema()
    {
        var region = new PartnershipOptions().Region;
        var factory = new GeometryFactory(new PrecisionModel(), 4326);

        foreach (var row in Rows(DatasetTables.Reports.FileName))
        {
            Assert.Contains(row["category"], EnumCodes<ReportCategory>.All);
            Assert.InRange(row["narrative"].Length, 1, 20000);
            Assert.Contains(row["source_evaluation"], EnumCodes<SourceEvaluation>.All);
            Assert.Contains(row["intelligence_assessment"], EnumCodes<IntelligenceAssessment>.All);
            AssertRestrictions(row);
            Assert.InRange(row["historic_grading"].Length, 0, 20);
            var indicators = row["indicator_codes"].Split(',', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(indicators, code => Assert.Contains(code, BuiltInRiskIndicators.All.Select(i => i.Code)));
            Assert.Equal(indicators.Distinct().Count(), indicators.Length);
            Assert.InRange(int.Parse(row["location_precision_meters"], CultureInfo.InvariantCulture), 0, 100000);
            var point = factory.CreatePoint(new Coordinate(Degrees(row["longitude"]), Degrees(row["latitude"])));
            Assert.True(region.Contains(point), $"{point} is outside the region.");
            var occurredAt = Timestamp(row["occurred_at"]);
            var recordedAt = Timestamp(row["recorded_at"]);
            Assert.True(recordedAt >= occurredAt);
            Assert.True(DateOnly.ParseExact(row["review_on"], "yyyy-MM-dd", CultureInfo.InvariantCulture) > DateOnly.FromDateTime(recordedAt.UtcDateTime));
        }
    }

    [Fact]
    public void Every_premises_row_keeps_the_rules_of_the_schema()
    {
        var (header, rows) = Read(DatasetTables.Premises.FileName);

        Assert.Equal(
            ["name", "premises_type", "address", "postcode", "uprn", "licence_number", "licensing_authority", "longitude", "latitude",
                "handling_code", "handling_conditions", "security_marking", "lawful_basis", "review_on"],
            header);
        foreach (var row in rows.Select(values => header.Zip(values).ToDictionary(pair => pair.First, pair => pair.Second)))
        {
            Assert.InRange(row["name"].Length, 1, 200);
            Assert.Contains(row["premises_type"], EnumCodes<PremisesType>.All);
            Assert.InRange(row["address"].Length, 1, 500);
            Assert.True(row["postcode"] == "" || SchemaPostcode().IsMatch(row["postcode"]), $"Postcode '{row["postcode"]}'.");
            Assert.True(row["uprn"] == "" || long.Parse(row["uprn"], CultureInfo.InvariantCulture) > 0);
            Assert.InRange(row["licence_number"].Length, 0, 50);
            Assert.Equal(row["licence_number"] == "", row["licensing_authority"] == "");
            AssertRestrictions(row);
        }
    }

    [Fact]
    public void Timestamps_carry_the_UK_offset_of_their_moment()
    {
        var stamps = Rows(DatasetTables.Reports.FileName).Select(row => Timestamp(row["occurred_at"])).ToList();

        Assert.All(stamps.Where(t => t.Month is >= 5 and <= 9), t => Assert.Equal(TimeSpan.FromHours(1), t.Offset));
        Assert.All(stamps.Where(t => t.Month is >= 11 or <= 2), t => Assert.Equal(TimeSpan.Zero, t.Offset));
    }

    private static void AssertRestrictions(IReadOnlyDictionary<string, string> row)
    {
        Assert.Contains(row["handling_code"], EnumCodes<HandlingCode>.All);
        Assert.Equal(row["handling_code"] == "C", row["handling_conditions"] != "");
        Assert.Contains(row["security_marking"], EnumCodes<SecurityMarking>.All);
        Assert.Contains(row["lawful_basis"], EnumCodes<LawfulBasis>.All);
        Assert.Matches(IsoDate(), row["review_on"]);
    }

    private static DateTimeOffset Timestamp(string text)
    {
        Assert.Matches(IsoTimestampWithOffset(), text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    private static double Degrees(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static IEnumerable<Dictionary<string, string>> Rows(string fileName)
    {
        var (header, rows) = Read(fileName);
        return rows.Select(values => header.Zip(values).ToDictionary(pair => pair.First, pair => pair.Second));
    }

    private static (List<string> Header, List<List<string>> Rows) Read(string fileName)
    {
        using var reader = CsvReader.Create(File.OpenRead(Path.Combine(Folder, fileName)), null, leaveOpen: false);
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return ([.. reader.Headers], rows);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    private static partial Regex IsoTimestampWithOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    // The premises table's CHECK on postcode, copied from migrations/0001_records_schema.sql.
    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$")]
    private static partial Regex SchemaPostcode();
}
