using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;
using HotspotIntel.Core.Reports;
using Microsoft.EntityFrameworkCore;
using static HotspotIntel.Api.Tests.Imports.ImportFiles;

namespace HotspotIntel.Api.Tests.Imports;

public sealed class ReportImportTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_README_s_example_file_imports_as_it_is()
    {
        var (agencyId, client) = await SignInAsync(database, "IMPEX");
        var example = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "examples", "reports-import.csv"));

        var response = await PostAsync(client, "reports", example);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(example.Trim().Split('\n').Length - 1, (await response.ReadObjectAsync())["rowCount"]!.GetValue<int>());
        await using var db = database.CreateDbContext();
        Assert.Contains(ReportCategory.PartyHouse, await db.Reports.Where(r => r.AgencyId == agencyId).Select(r => r.Category).ToListAsync());
    }

    [Fact]
    public async Task A_CSV_import_creates_every_report_with_its_fields_in_WGS84()
    {
        var (agencyId, client) = await SignInAsync(database, "IMP1");

        var response = await PostAsync(client, "reports", ReportsCsv(3));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = await response.ReadObjectAsync();
        var importId = result["importId"]!.GetValue<Guid>();
        Assert.Equal("reports", result["kind"]!.GetValue<string>());
        Assert.Equal(3, result["rowCount"]!.GetValue<int>());
        Assert.Equal($"/api/imports/{importId}", response.Headers.Location?.OriginalString);

        await using var db = database.CreateDbContext();
        var reports = await db.Reports.AsNoTracking().Where(r => r.AgencyId == agencyId).OrderBy(r => r.Location.Y).ToListAsync();
        Assert.Equal(3, reports.Count);
        var first = reports[0];
        Assert.Equal(ReportCategory.ChildWithAdults, first.Category);
        Assert.Equal("Synthetic 0: two girls seen getting into a silver saloon, \"Example Cars\" livery.", first.Narrative);
        Assert.Equal(DateTimeOffset.Parse("2026-10-14T22:10:00Z"), first.OccurredAt);
        Assert.Equal(TestData.CentreLongitude, first.Location.X, 9);
        Assert.Equal(TestData.CentreLatitude, first.Location.Y, 9);
        Assert.Equal(25, first.LocationPrecisionMeters);
        Assert.Equal(SourceEvaluation.Untested, first.SourceEvaluation);
        Assert.Equal(IntelligenceAssessment.KnownIndirectlyCorroborated, first.IntelligenceAssessment);
        Assert.Equal(HandlingCode.LawfulSharingPermitted, first.HandlingCode);
        Assert.Equal(SecurityMarking.OfficialSensitive, first.SecurityMarking);
        Assert.Equal(LawfulBasis.LawEnforcement, first.LawfulBasis);
        Assert.Equal(first.CreatedAt, first.RecordedAt);
        Assert.Equal(DateOnly.FromDateTime(first.CreatedAt.UtcDateTime).AddDays(2190), first.ReviewOn);
        Assert.All(reports, r => Assert.Equal(importId, r.ImportId));
        Assert.Equal(3L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM intelligence_reports WHERE import_id = '{importId}' AND ST_SRID(location) = 4326"));
    }

    [Fact]
    public async Task Optional_columns_in_any_order_are_read()
    {
        var (agencyId, client) = await SignInAsync(database, "IMP2");
        var csv = Csv("lawful_basis,security_marking,handling_conditions,handling_code,intelligence_assessment,source_evaluation,latitude,longitude,"
                + "narrative,category,occurred_at,recorded_at,location_precision_meters,historic_grading,review_on",
            $"vital_interests,OFFICIAL,Not to be shared with the school.,C,D,3,{TestData.CentreLatitude},{TestData.CentreLongitude},"
                + "Synthetic: a child said she was collected from the bus station by a man in a taxi.,missing_found_location,"
                + "2026-08-01T09:00:00Z,2026-08-02T10:30:00+01:00,200,B3 4,2030-01-31");

        await (await PostAsync(client, "reports", csv)).ReadObjectAsync();

        await using var db = database.CreateDbContext();
        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.AgencyId == agencyId);
        Assert.Equal(ReportCategory.MissingFoundLocation, report.Category);
        Assert.Equal(DateTimeOffset.Parse("2026-08-02T09:30:00Z"), report.RecordedAt);
        Assert.Equal(200, report.LocationPrecisionMeters);
        Assert.Equal("B3 4", report.HistoricGrading);
        Assert.Equal("Not to be shared with the school.", report.HandlingConditions);
        Assert.Equal(new DateOnly(2030, 1, 31), report.ReviewOn);
        Assert.Equal(LawfulBasis.VitalInterests, report.LawfulBasis);
    }

    [Fact]
    public async Task British_National_Grid_columns_are_transformed_to_WGS84()
    {
        var (_, client) = await SignInAsync(database, "IMP3");
        // Easting/northing of a point in the synthetic city centre (EPSG:27700).
        var csv = Csv(ReportsHeader.Replace("longitude,latitude", "easting,northing"),
            ReportRow().Replace($"{TestData.CentreLongitude},{TestData.CentreLatitude}", "407000,286800"));

        var importId = (await (await PostAsync(client, "reports", csv)).ReadObjectAsync())["importId"]!.GetValue<Guid>();

        // PostGIS's own transformation of the same point is the reference; both use the EPSG Helmert parameters.
        var distanceMeters = await database.ScalarAsync<double>($"""
            SELECT ST_Distance(location::geography, ST_Transform(ST_SetSRID(ST_MakePoint(407000, 286800), 27700), 4326)::geography)
            FROM intelligence_reports WHERE import_id = '{importId}' AND ST_SRID(location) = 4326
            """);
        Assert.True(distanceMeters < 5, $"Stored point is {distanceMeters:F1} m from PostGIS's transformation.");
    }

    [Fact]
    public async Task A_GeoJSON_import_creates_a_report_per_feature()
    {
        var (agencyId, client) = await SignInAsync(database, "IMP4");
        var geoJson = ReportsGeoJson([(TestData.CentreLongitude, TestData.CentreLatitude), (-1.9, 52.48)]);

        var response = await PostAsync(client, "reports", geoJson, "application/geo+json");

        Assert.Equal(2, (await response.ReadObjectAsync())["rowCount"]!.GetValue<int>());
        await using var db = database.CreateDbContext();
        var reports = await db.Reports.AsNoTracking().Where(r => r.AgencyId == agencyId).OrderBy(r => r.Location.X).ToListAsync();
        Assert.Equal([-1.9, TestData.CentreLongitude], reports.Select(r => r.Location.X));
        Assert.All(reports, r => Assert.Equal("1A C", r.Grading.Code));
        Assert.All(reports, r => Assert.Equal(50, r.LocationPrecisionMeters));
        Assert.All(reports, r => Assert.Equal(ReportCategory.PartyHouse, r.Category));
    }

    [Fact]
    public async Task A_GeoJSON_collection_in_British_National_Grid_is_transformed_and_plain_JSON_is_read_as_GeoJSON()
    {
        var (_, client) = await SignInAsync(database, "IMP5");
        var geoJson = ReportsGeoJson([(407000, 286800)], coordinateSystem: "EPSG:27700");

        var importId = (await (await PostAsync(client, "reports", geoJson, "application/json")).ReadObjectAsync())["importId"]!.GetValue<Guid>();

        var distanceMeters = await database.ScalarAsync<double>($"""
            SELECT ST_Distance(location::geography, ST_Transform(ST_SetSRID(ST_MakePoint(407000, 286800), 27700), 4326)::geography)
            FROM intelligence_reports WHERE import_id = '{importId}'
            """);
        Assert.True(distanceMeters < 5, $"Stored point is {distanceMeters:F1} m from PostGIS's transformation.");
    }

    [Fact]
    public async Task A_GeoJSON_collection_naming_British_National_Grid_in_a_GDAL_crs_member_is_transformed()
    {
        var (_, client) = await SignInAsync(database, "IMP5C");
        var geoJson = ReportsGeoJson([(407000, 286800)], crsName: "urn:ogc:def:crs:EPSG::27700");

        var importId = (await (await PostAsync(client, "reports", geoJson, "application/geo+json")).ReadObjectAsync())["importId"]!.GetValue<Guid>();

        var distanceMeters = await database.ScalarAsync<double>($"""
            SELECT ST_Distance(location::geography, ST_Transform(ST_SetSRID(ST_MakePoint(407000, 286800), 27700), 4326)::geography)
            FROM intelligence_reports WHERE import_id = '{importId}'
            """);
        Assert.True(distanceMeters < 5, $"Stored point is {distanceMeters:F1} m from PostGIS's transformation.");
    }

    [Fact]
    public async Task A_GeoJSON_collection_in_a_coordinate_system_it_cannot_read_is_refused_naming_the_crs()
    {
        var (_, client) = await SignInAsync(database, "IMP5D");
        var reportsBefore = await database.ScalarAsync<long>("SELECT count(*) FROM intelligence_reports");
        var geoJson = ReportsGeoJson([(-210000, 6900000)], crsName: "urn:ogc:def:crs:EPSG::3857");

        var problem = await (await PostAsync(client, "reports", geoJson, "application/geo+json")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(problem["rowErrors"]!.AsArray())!;
        Assert.Equal("crs", error["field"]!.GetValue<string>());
        Assert.Contains("EPSG::3857", error["reason"]!.GetValue<string>());
        Assert.Equal(reportsBefore, await database.ScalarAsync<long>("SELECT count(*) FROM intelligence_reports"));
    }

    [Fact]
    public async Task Import_with_one_invalid_row_changes_nothing()
    {
        var (_, client) = await SignInAsync(database, "IMP6");
        var reportsBefore = await database.ScalarAsync<long>("SELECT count(*) FROM intelligence_reports");
        var importsBefore = await database.ScalarAsync<long>("SELECT count(*) FROM imports");
        var csv = Csv(ReportsHeader, ReportRow(0), ReportRow(1, occurredAt: "yesterday evening"), ReportRow(2));

        var problem = await (await PostAsync(client, "reports", csv)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(problem["rowErrors"]!.AsArray())!;
        Assert.Equal(2, error["row"]!.GetValue<int>());
        Assert.Equal("occurred_at", error["field"]!.GetValue<string>());
        Assert.Contains("ISO 8601", error["reason"]!.GetValue<string>());
        Assert.Equal(0, problem["moreRowErrors"]!.GetValue<int>());
        Assert.Equal(reportsBefore, await database.ScalarAsync<long>("SELECT count(*) FROM intelligence_reports"));
        Assert.Equal(importsBefore, await database.ScalarAsync<long>("SELECT count(*) FROM imports"));
    }

    [Fact]
    public async Task A_file_larger_than_a_JSON_body_is_read_to_its_end()
    {
        var (_, client) = await SignInAsync(database, "IMP6L");
        var rows = Enumerable.Range(0, 12_000).Select(i => ReportRow(i % 100)).Append(ReportRow(0, occurredAt: "yesterday evening")).ToList();
        var csv = Csv(ReportsHeader, rows);
        Assert.True(Encoding.UTF8.GetByteCount(csv) > RequestLimits.JsonBodyBytes);

        var problem = await (await PostAsync(client, "reports", csv)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        // The last row's error, so the whole file was read rather than refused as too large.
        var error = Assert.Single(problem["rowErrors"]!.AsArray())!;
        Assert.Equal(rows.Count, error["row"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("category", "child_with_adult", "category", "Allowed values")]
    [InlineData("longitude", "52.4862", "longitude,latitude", "outside the partnership's region")]
    [InlineData("handling_code", "C", "handling_conditions", "must record the conditions")]
    [InlineData("narrative", "", "narrative", "Required")]
    [InlineData("occurred_at", "2030-01-01T00:00:00Z", "occurred_at", "in the future")]
    [InlineData("occurred_at", "2026-10-14 23:10:00", "occurred_at", "ISO 8601")]
    public async Task An_invalid_value_is_reported_by_row_and_column_with_the_API_rule(string column, string value, string field, string reason)
    {
        var (_, client) = await SignInAsync(database, $"IMP7{field.Length}{value.Length}");
        var cells = ReportRow(0).Replace("\"Synthetic 0: two girls seen getting into a silver saloon, \"\"Example Cars\"\" livery.\"", "Synthetic narrative")
            .Split(',');
        cells[ReportsHeader.Split(',').ToList().IndexOf(column)] = value;

        var problem = await (await PostAsync(client, "reports", Csv(ReportsHeader, ReportRow(0), string.Join(',', cells))))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var errors = problem["rowErrors"]!.AsArray().Select(e => (Row: e!["row"]!.GetValue<int>(), Field: e["field"]!.GetValue<string>(),
            Reason: e["reason"]!.GetValue<string>())).ToList();
        Assert.All(errors, e => Assert.Equal(2, e.Row));
        Assert.Contains(errors, e => e.Field == field && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_column_is_a_422_naming_it()
    {
        var (_, client) = await SignInAsync(database, "IMP8");
        var csv = Csv(ReportsHeader + ",lattitude", ReportRow() + ",52.4");

        var problem = await (await PostAsync(client, "reports", csv)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(problem["rowErrors"]!.AsArray())!;
        Assert.Equal(0, error["row"]!.GetValue<int>());
        Assert.Equal("lattitude", error["field"]!.GetValue<string>());
        Assert.Contains("Unknown column", error["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_required_column_is_a_422_naming_it()
    {
        var (_, client) = await SignInAsync(database, "IMP9");
        var header = ReportsHeader.Replace(",security_marking", "");
        var row = ReportRow().Replace(",OFFICIAL-SENSITIVE", "");

        var problem = await (await PostAsync(client, "reports", Csv(header, row))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var error = Assert.Single(problem["rowErrors"]!.AsArray())!;
        Assert.Equal("security_marking", error["field"]!.GetValue<string>());
        Assert.Contains("Missing column", error["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_CSV_quoting_is_a_400_naming_the_row()
    {
        var (agencyId, client) = await SignInAsync(database, "IMP10");
        var csv = Csv(ReportsHeader, ReportRow(0), ReportRow(1).Replace("\"Synthetic 1", "\"Synthetic\" 1"));

        var problem = await (await PostAsync(client, "reports", csv)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(2, problem["rowErrors"]![0]!["row"]!.GetValue<int>());
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE agency_id = '{agencyId}'"));
    }

    [Theory]
    [InlineData("""{ "type": "FeatureCollection", "features": [ { "type": "Feature", """, 1)]
    [InlineData("""[1, 2, 3]""", 0)]
    [InlineData("""{ "type": "Feature", "geometry": null, "properties": {} }""", 0)]
    public async Task A_file_that_is_not_a_GeoJSON_FeatureCollection_is_a_400(string body, int row)
    {
        var (_, client) = await SignInAsync(database, $"IMP11{row}{body.Length}");

        var problem = await (await PostAsync(client, "reports", body, "application/geo+json")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(row, problem["rowErrors"]![0]!["row"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_GeoJSON_feature_with_an_unknown_property_or_no_geometry_is_reported_by_feature()
    {
        var (agencyId, client) = await SignInAsync(database, "IMP12");
        var collection = JsonNode.Parse(ReportsGeoJson([(TestData.CentreLongitude, TestData.CentreLatitude), (-1.9, 52.48), (-1.91, 52.47)]))!;
        collection["features"]![1]!["properties"]!["agencyId"] = agencyId;
        collection["features"]![2]!["geometry"] = null;

        var problem = await (await PostAsync(client, "reports", collection.ToJsonString(), "application/geo+json"))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        var errors = problem["rowErrors"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["field"]!.GetValue<string>())).ToList();
        Assert.Equal([(2, "agencyId"), (3, "geometry")], errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData(ReportsHeader + "\n")]
    public async Task A_file_without_rows_is_a_422(string csv)
    {
        var (_, client) = await SignInAsync(database, $"IMP13{csv.Length % 100}");

        var problem = await (await PostAsync(client, "reports", csv)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("no rows", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Row_errors_stop_at_1000_and_say_how_many_more_there_were()
    {
        var (_, client) = await SignInAsync(database, "IMP14");
        var csv = Csv(ReportsHeader, Enumerable.Range(0, 1003).Select(i => ReportRow(i % 100, category: "unknown_category")));

        var problem = await (await PostAsync(client, "reports", csv)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(1000, problem["rowErrors"]!.AsArray().Count);
        Assert.Equal(3, problem["moreRowErrors"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_committed_import_reads_back_by_id()
    {
        var (_, client) = await SignInAsync(database, "IMP15");
        var created = await (await PostAsync(client, "reports", ReportsCsv(2))).ReadObjectAsync();

        var read = await (await client.GetAsync($"/api/imports/{created["importId"]}")).ReadObjectAsync();

        Assert.Equal(created.ToJsonString(), read.ToJsonString());
        await (await client.GetAsync($"/api/imports/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_content_type_that_is_not_CSV_or_GeoJSON_is_a_415()
    {
        var (agencyId, client) = await SignInAsync(database, "IMP16");

        var response = await PostAsync(client, "reports", ReportsCsv(1), "application/vnd.ms-excel");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM intelligence_reports WHERE agency_id = '{agencyId}'"));
    }
}
