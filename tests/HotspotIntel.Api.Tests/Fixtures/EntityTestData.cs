using System.Text.Json.Nodes;

namespace HotspotIntel.Api.Tests.Fixtures;

/// <summary>
/// Valid request bodies for persons, premises, places, vehicles, phone numbers, online identifiers, links and missing episodes; tests change one field
/// to probe one rule. Names, addresses and marks are obviously invented; coordinates are in the synthetic city.
/// </summary>
public static class EntityTestData
{
    public static JsonObject Person(string role = "adult_of_concern", string familyName = "Testperson",
        string givenNames = "Alpha Example") => Restricted(new()
        {
            ["role"] = role,
            ["familyName"] = familyName,
            ["givenNames"] = givenNames,
        });

    public static JsonObject Premises(double longitude = TestData.CentreLongitude, double latitude = TestData.CentreLatitude,
        string premisesType = "late_night_refreshment") => Restricted(new()
        {
            ["name"] = "Example Kebab House",
            ["premisesType"] = premisesType,
            ["address"] = "1 Example Street, Northbrook",
            ["postcode"] = "ZZ1 1ZZ",
            ["location"] = Point(longitude, latitude),
        });

    public static JsonObject Location(JsonNode geometry, string locationType = "park") => Restricted(new()
    {
        ["name"] = "Example Park",
        ["locationType"] = locationType,
        ["geometry"] = geometry,
    });

    public static JsonObject Vehicle(string registrationMark = "ZZ12 TST", string licenceType = "none", string? plateNumber = null) =>
        Restricted(new()
        {
            ["registrationMark"] = registrationMark,
            ["make"] = "Exampleworks",
            ["colour"] = "silver",
            ["licenceType"] = licenceType,
            ["plateNumber"] = plateNumber,
        });

    public static JsonObject PhoneNumber(string number = "07700 900123") => Restricted(new()
    {
        ["number"] = number,
        ["description"] = "Synthetic pay-as-you-go SIM",
    });

    public static JsonObject OnlineIdentifier(string value = "@Example_Handle", string identifierType = "social_media", string? platform = "Snapchat") =>
        Restricted(new()
        {
            ["identifierType"] = identifierType,
            ["platform"] = platform,
            ["value"] = value,
        });

    public static JsonObject Link(string fromKind, Guid fromId, string toKind, Guid toId, string linkType = "associate") =>
        Restricted(new()
        {
            ["from"] = new JsonObject { ["kind"] = fromKind, ["id"] = fromId },
            ["to"] = new JsonObject { ["kind"] = toKind, ["id"] = toId },
            ["linkType"] = linkType,
        });

    public static JsonObject MissingEpisode(Guid personId, DateTimeOffset missingFrom) => Restricted(new()
    {
        ["personId"] = personId,
        ["missingFrom"] = missingFrom.ToString("O"),
    });

    /// <summary>An agreed action of <paramref name="tacticCode"/> against one target (its JSON name, e.g. premisesId) owned by <paramref name="ownerAgencyId"/>.</summary>
    public static JsonObject DisruptionAction(string targetKind, Guid targetId, Guid ownerAgencyId, string tacticCode = "patrols",
        string status = "agreed") => Restricted(new()
        {
            ["tacticCode"] = tacticCode,
            ["targetKind"] = targetKind,
            [$"{(targetKind == "premises" ? "premises" : targetKind)}Id"] = targetId,
            ["ownerAgencyId"] = ownerAgencyId,
            ["ownerOfficer"] = "PC 4411",
            ["status"] = status,
            ["startOn"] = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["dueOn"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

    public static JsonObject Panel(string kind = "mace", string name = "Northbrook Synthetic MACE") => Restricted(new()
    {
        ["kind"] = kind,
        ["name"] = name,
    });

    public static JsonObject Point(double longitude, double latitude) =>
        new() { ["type"] = "Point", ["coordinates"] = new JsonArray(longitude, latitude) };

    /// <summary>A square polygon centred on a point, <paramref name="halfSideDegrees"/> from the centre to each side.</summary>
    public static JsonObject Square(double longitude, double latitude, double halfSideDegrees)
    {
        var (w, e, s, n) = (longitude - halfSideDegrees, longitude + halfSideDegrees, latitude - halfSideDegrees, latitude + halfSideDegrees);
        return new()
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(new JsonArray(
                new JsonArray(w, s), new JsonArray(e, s), new JsonArray(e, n), new JsonArray(w, n), new JsonArray(w, s))),
        };
    }

    private static JsonObject Restricted(JsonObject fields)
    {
        fields["handlingCode"] = "P";
        fields["securityMarking"] = "OFFICIAL-SENSITIVE";
        fields["lawfulBasis"] = "law_enforcement";
        return fields;
    }
}
