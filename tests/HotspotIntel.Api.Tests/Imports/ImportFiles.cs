using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using HotspotIntel.Api.Tests.Fixtures;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Agencies;

namespace HotspotIntel.Api.Tests.Imports;

/// <summary>Small synthetic import files, built as strings, the user who imports them and the request that sends one.</summary>
public static class ImportFiles
{
    public const string ReportsHeader =
        "occurred_at,category,narrative,longitude,latitude,source_evaluation,intelligence_assessment,handling_code,security_marking,lawful_basis";

    public const string PremisesHeader =
        "name,premises_type,address,postcode,uprn,licence_number,licensing_authority,longitude,latitude,handling_code,handling_conditions,security_marking,lawful_basis";

    /// <summary>
    /// A valid report row for <see cref="ReportsHeader"/>, a little west and north of the centre for each <paramref name="index"/>,
    /// or at <paramref name="point"/> (in the file's coordinate system).
    /// </summary>
    public static string ReportRow(int index = 0, string occurredAt = "2026-10-14T23:10:00+01:00", string category = "child_with_adults",
        (double X, double Y)? point = null) =>
        string.Join(',', occurredAt, category,
            $"\"Synthetic {index}: two girls seen getting into a silver saloon, \"\"Example Cars\"\" livery.\"",
            Coordinate(point?.X ?? TestData.CentreLongitude - index * 0.001), Coordinate(point?.Y ?? TestData.CentreLatitude + index * 0.001),
            "2", "B", "P", "OFFICIAL-SENSITIVE", "law_enforcement");

    public static string Csv(string header, params IEnumerable<string> rows) => string.Join("\n", [header, .. rows]) + "\n";

    public static string ReportsCsv(int rowCount) => Csv(ReportsHeader, Enumerable.Range(0, rowCount).Select(i => ReportRow(i)));

    /// <summary>
    /// A FeatureCollection of report features with the JSON API's property names, its coordinate system named as the API
    /// names it (<paramref name="coordinateSystem"/>) or as GDAL does (<paramref name="crsName"/>, a <c>crs</c> member).
    /// </summary>
    public static string ReportsGeoJson(IEnumerable<(double X, double Y)> points, string? coordinateSystem = null, string? crsName = null)
    {
        var features = new JsonArray([.. points.Select((point, i) => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(point.X, point.Y) },
            ["properties"] = new JsonObject
            {
                ["category"] = "party_house",
                ["narrative"] = $"Synthetic {i}: loud party at a flat, several children seen arriving after midnight.",
                ["occurredAt"] = "2026-09-20T00:30:00+01:00",
                ["locationPrecisionMeters"] = 50,
                ["sourceEvaluation"] = "1",
                ["intelligenceAssessment"] = "A",
                ["handlingCode"] = "C",
                ["handlingConditions"] = "Not to be disclosed to the landlord.",
                ["securityMarking"] = "OFFICIAL",
                ["lawfulBasis"] = "public_task",
            },
        })]);
        var collection = new JsonObject { ["type"] = "FeatureCollection" };
        if (coordinateSystem is not null)
        {
            collection["coordinateSystem"] = coordinateSystem;
        }

        if (crsName is not null)
        {
            collection["crs"] = new JsonObject { ["type"] = "name", ["properties"] = new JsonObject { ["name"] = crsName } };
        }

        collection["features"] = features;
        return collection.ToJsonString();
    }

    /// <summary>A new agency and a client signed in to it: the rows it imports belong to that agency.</summary>
    public static async Task<(Guid AgencyId, HttpClient Client)> SignInAsync(DatabaseFixture database, string agencyCode,
        AgencyKind kind = AgencyKind.Police, UserRole role = UserRole.Analyst)
    {
        var agencyId = await TestData.CreateAgencyAsync(database.Application, agencyCode, kind);
        return (agencyId, database.Application.CreateClient(role, agencyId));
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string kind, string body, string contentType = "text/csv", string? key = null)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/imports/{kind}") { Content = content };
        request.Headers.Add("Idempotency-Key", key ?? Guid.NewGuid().ToString());
        return client.SendAsync(request);
    }

    private static string Coordinate(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
