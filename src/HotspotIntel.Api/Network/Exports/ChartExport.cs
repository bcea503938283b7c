using HotspotIntel.Core;
using HotspotIntel.Core.Links;
using HotspotIntel.Core.Records;

namespace HotspotIntel.Api.Network;

/// <summary>The formats a network exports to: GraphML (Gephi, yEd, networkx), CSV node and link lists, i2 Analyst's Notebook import XML.</summary>
public enum ChartFormat
{
    /// <summary>GraphML 1.0, undirected, every attribute declared as a key.</summary>
    Graphml,

    /// <summary>A zip of <c>nodes.csv</c>, <c>links.csv</c> and <c>MARKING.txt</c>.</summary>
    Csv,

    /// <summary>i2 Analyst's Notebook chart import XML (.anx).</summary>
    Anx,
}

/// <summary>
/// A network as it is disclosed: its entities and links, the marking stamped on the whole (the highest of what it holds),
/// to whom, by whom, why and when. Every format writes the same facts.
/// </summary>
public sealed record ChartExport(NetworkView Network, string Recipient, string Reason, string DisclosedBy, DateTimeOffset DisclosedAt)
{
    public SecurityMarking Marking => Network.Nodes.Select(node => node.SecurityMarking)
        .Concat(Network.Links.Select(link => link.SecurityMarking)).DefaultIfEmpty(SecurityMarking.Official).Max();

    public string MarkingCode => EnumCodes<SecurityMarking>.ToCode(Marking);

    /// <summary>The line every export carries: marking, recipient, reason, who disclosed it and when.</summary>
    public string Stamp => $"{MarkingCode}. Disclosed to {Recipient} by {DisclosedBy} on {DisclosedAt:yyyy-MM-dd HH:mm} UTC. Reason: {Reason}. "
        + "HotspotIntel network export; handle according to the marking and each record's handling code.";

    public static string Code<TEnum>(TEnum value) where TEnum : struct, Enum => EnumCodes<TEnum>.ToCode(value);

    /// <summary>A derived link's type, as charts name it (co_occurrence, co_location); a recorded link's own type.</summary>
    public static string TypeOf(NetworkLinkView link) => link.LinkType is { } type ? Code(type) : Code(link.Derivation);

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd") ?? "";

    public string FileName(string extension) => $"hotspotintel-network-{DisclosedAt:yyyyMMdd-HHmmss}.{extension}";

    public static bool IsPerson(NetworkNodeView node) => node.Kind == EntityKind.Person;
}
