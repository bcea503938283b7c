namespace HotspotIntel.Api.Reviews;

/// <summary>The kinds of record that carry a review date: the name routes and the worklist use, and the table that holds them.</summary>
public static class ReviewableKinds
{
    public static readonly IReadOnlyDictionary<string, string> TableByKind = new Dictionary<string, string>
    {
        ["reports"] = "intelligence_reports",
        ["persons"] = "persons",
        ["premises"] = "premises",
        ["locations"] = "locations",
        ["vehicles"] = "vehicles",
        ["links"] = "links",
        ["missing-episodes"] = "missing_episodes",
        ["phone-numbers"] = "phone_numbers",
        ["online-identifiers"] = "online_identifiers",
        ["disruption-actions"] = "disruption_actions",
        ["meeting-packs"] = "meeting_packs",
        ["panels"] = "panels",
    };
}
