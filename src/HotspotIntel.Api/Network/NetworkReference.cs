using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using HotspotIntel.Core.Links;

namespace HotspotIntel.Api.Network;

/// <summary>
/// An entity named in a network question as <c>kind:id</c> (<c>person:0190…</c>). Where a network may start, also a
/// report (the entities it names) or a hotspot (the premises and places in it).
/// </summary>
public sealed record NetworkReference(string Kind, Guid Id)
{
    public const string Report = "report";
    public const string Hotspot = "hotspot";

    /// <summary>The kinds of entity a network holds, as the database names them.</summary>
    public static IReadOnlyList<string> EntityKinds { get; } = EnumCodes<EntityKind>.All;

    public bool IsEntity => EntityKinds.Contains(Kind);

    public override string ToString() => $"{Kind}:{Id}";

    /// <summary>Reads <c>kind:id</c>; <paramref name="alsoReportsAndHotspots"/> admits the kinds a network may start from.</summary>
    public static NetworkReference? Read(string? value, string field, bool alsoReportsAndHotspots, ValidationErrors errors)
    {
        var kinds = alsoReportsAndHotspots ? [.. EntityKinds, Report, Hotspot] : EntityKinds;
        var parts = (value ?? "").Split(':', 2, StringSplitOptions.TrimEntries);
        var kind = kinds.FirstOrDefault(k => string.Equals(k, parts[0], StringComparison.OrdinalIgnoreCase));
        if (parts.Length != 2 || kind is null || !Guid.TryParse(parts[1], out var id))
        {
            errors.Add(field, $"'{value}' is not kind:id with kind one of {string.Join(", ", kinds)}, e.g. person:0190a1b2-0000-7000-8000-000000000001.");
            return null;
        }

        return new NetworkReference(kind, id);
    }
}
