using System.Text.Json;

namespace HotspotIntel.Api.Imports;

/// <summary>
/// A field an import file may give (the location aside): its JSON API name, which GeoJSON properties use, its CSV column
/// (the same name in snake_case: <c>occurredAt</c> is <c>occurred_at</c>), and whether every row must give it.
/// </summary>
internal sealed record ImportField(string Name, bool Required = false)
{
    public string Column { get; } = JsonNamingPolicy.SnakeCaseLower.ConvertName(Name);
}
