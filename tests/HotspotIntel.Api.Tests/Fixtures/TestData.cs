using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Agencies;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>Synthetic records for tests: names are obviously invented; coordinates are in a West-Midlands-like city.</summary>
public static class TestData
{
    // Near the centre of the synthetic city (Birmingham city centre's coordinates, no real premises or persons).
    public const double CentreLongitude = -1.8904;
    public const double CentreLatitude = 52.4862;

    public static async Task<Guid> CreateAgencyAsync(HotspotIntelApplication application, string code, AgencyKind kind = AgencyKind.Police)
    {
        using var administrator = application.CreateClient(UserRole.Administrator, null);
        var response = await administrator.PostAsJsonAsync("/api/agencies", new { code, name = $"Synthetic {code} Agency", kind = kind.ToString().ToLowerInvariant() });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["id"]!.GetValue<Guid>();
    }

    /// <summary>A current sharing agreement (from yesterday, open-ended): the partner may read the owner's P-coded records.</summary>
    public static async Task ShareAsync(HotspotIntelApplication application, Guid ownerAgencyId, Guid partnerAgencyId)
    {
        using var administrator = application.CreateClient(UserRole.Administrator, null);
        (await administrator.PostAsJsonAsync("/api/sharing-agreements", new
        {
            ownerAgencyId,
            partnerAgencyId,
            purpose = "Synthetic information sharing agreement for tests",
            startsOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)),
        })).EnsureSuccessStatusCode();
    }

    /// <summary>A valid report request body; tests change one field to probe one rule.</summary>
    public static JsonObject Report(double longitude = CentreLongitude, double latitude = CentreLatitude,
        string category = "child_with_adults", DateTimeOffset? occurredAt = null) => new()
        {
            ["category"] = category,
            ["narrative"] = "Synthetic: two children seen with an older adult outside the Example Kebab House.",
            ["occurredAt"] = (occurredAt ?? DateTimeOffset.UtcNow.AddDays(-2)).ToString("O"),
            ["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(longitude, latitude) },
            ["locationPrecisionMeters"] = 25,
            ["sourceEvaluation"] = "2",
            ["intelligenceAssessment"] = "B",
            ["handlingCode"] = "P",
            ["securityMarking"] = "OFFICIAL-SENSITIVE",
            ["lawfulBasis"] = "law_enforcement",
        };

    /// <summary>
    /// A valid report request at a British National Grid point (easting, northing in metres): tests of the 500 m masking
    /// cells place reports in grid metres, in which the cells' edges lie (multiples of 500 m, 250 m from each centre).
    /// </summary>
    public static JsonObject ReportAtGridPoint((double Easting, double Northing) point, string category = "missing_found_location")
    {
        var report = Report(category: category);
        report["location"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(point.Easting, point.Northing) };
        report["coordinateSystem"] = "EPSG:27700";
        return report;
    }
}
