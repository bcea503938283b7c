namespace HotspotIntel.Api.MeetingPacks;

/// <summary>
/// The records a pack names, found by its tables' id columns: stored beside the pack so that erasing one of them deletes
/// the packs that name it (migration 0063). The id columns' headers are these constants, so a table that names records
/// cannot rename its id column without this knowing.
/// </summary>
public static class PackNamedRecords
{
    public const string PremisesId = "Premises id";
    public const string VehicleId = "Vehicle id";
    public const string ActionId = "Action id";

    private static readonly Dictionary<string, string> TableByIdColumn = new(StringComparer.Ordinal)
    {
        [PremisesId] = "premises",
        [VehicleId] = "vehicles",
        [ActionId] = "disruption_actions",
    };

    /// <summary>Each named record as its table and id, in parallel arrays (as <c>record_meeting_pack_names</c> takes them).</summary>
    public static (string[] Tables, Guid[] Ids) Of(MeetingPackContent content)
    {
        var named = new List<(string Table, Guid Id)>();
        foreach (var table in content.Tables)
        {
            for (var column = 0; column < table.Columns.Count; column++)
            {
                if (TableByIdColumn.TryGetValue(table.Columns[column], out var recordTable))
                {
                    named.AddRange(table.Rows.Select(row => (recordTable, Guid.Parse(row[column]))));
                }
            }
        }

        return ([.. named.Select(n => n.Table)], [.. named.Select(n => n.Id)]);
    }
}
