using System.Security.Cryptography;
using System.Text;
using HotspotIntel.Core;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Links;
using HotspotIntel.Core.Records;

namespace HotspotIntel.Api.Network;

/// <summary>A network: its entities and the links among them the reader may see, from one question.</summary>
/// <param name="Nodes">The entities, nearest the start first.</param>
/// <param name="Links">The links among them.</param>
/// <param name="Truncated">True when more entities were within reach than the node limit let in.</param>
/// <param name="NodeLimit">The most entities the question allowed.</param>
/// <param name="Hops">How many links out from the start the question went.</param>
public sealed record NetworkView(IReadOnlyList<NetworkNodeView> Nodes, IReadOnlyList<NetworkLinkView> Links, bool Truncated, int NodeLimit, int Hops);

/// <summary>An entity of a network, how many hops from where the question started, and how much it matters in it.</summary>
public sealed record NetworkNodeView(
    Guid Id,
    EntityKind Kind,
    string Label,
    string? Detail,
    Guid AgencyId,
    HandlingCode HandlingCode,
    SecurityMarking SecurityMarking,
    DateOnly? DateOfBirth,
    double? Longitude,
    double? Latitude,
    int Hop,
    NodeMetrics? Metrics)
{
    public static NetworkNodeView Of(NetworkEntity entity, int hop, NodeMetrics? metrics = null) => new(entity.Id,
        EnumCodes<EntityKind>.Parse(entity.Kind), entity.Label, entity.Detail, entity.AgencyId, EnumCodes<HandlingCode>.Parse(entity.HandlingCode),
        EnumCodes<SecurityMarking>.Parse(entity.SecurityMarking), entity.DateOfBirth, entity.Longitude, entity.Latitude, hop, metrics);
}

/// <summary>
/// How much an entity matters within the network returned (not the whole database): its links, degree, betweenness and
/// eigenvector centrality as networkx defines them, and the community (Louvain) it belongs to.
/// </summary>
public sealed record NodeMetrics(int Degree, double DegreeCentrality, double Betweenness, double Eigenvector, int Community);

/// <summary>
/// A link of a network. A recorded link is itself; a derived link is one per pair and derivation (its id is made from
/// them), gathering the evidence the reader may see: its grading is that of its strongest evidence, its time range the
/// span of its evidence and its agencies those that recorded it.
/// </summary>
public sealed record NetworkLinkView(
    Guid Id,
    LinkDerivation Derivation,
    LinkType? LinkType,
    Guid From,
    EntityKind FromKind,
    Guid To,
    EntityKind ToKind,
    string? Grading,
    SourceEvaluation? SourceEvaluation,
    IntelligenceAssessment? IntelligenceAssessment,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    int? EvidenceCount,
    IReadOnlyList<Guid> AgencyIds,
    SecurityMarking SecurityMarking)
{
    /// <summary>The links that <paramref name="ends"/> (either or both ends of each) show, one per link.</summary>
    public static List<NetworkLinkView> Of(IEnumerable<LinkEnd> ends)
    {
        // Grouped by pair and derivation first, so that a derived link's id (a hash) is made once, not once per class.
        var groups = new Dictionary<(string Derivation, Guid First, Guid Second), List<LinkEnd>>();
        foreach (var end in ends)
        {
            var key = end.Derivation == RecordedCode
                ? (RecordedCode, end.LinkId, Guid.Empty)
                : end.EntityId.CompareTo(end.OtherId) < 0 ? (end.Derivation, end.EntityId, end.OtherId) : (end.Derivation, end.OtherId, end.EntityId);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = new List<LinkEnd>(2);
            }

            group.Add(end);
        }

        var links = new List<NetworkLinkView>(groups.Count);
        foreach (var ((derivation, first, second), group) in groups)
        {
            links.Add(Merge(derivation == RecordedCode ? first : DerivedId(derivation, first, second), group));
        }

        links.Sort((x, y) => x.From.CompareTo(y.From) is var byFrom and not 0 ? byFrom
            : x.To.CompareTo(y.To) is var byTo and not 0 ? byTo : x.Id.CompareTo(y.Id));
        return links;
    }

    private static readonly string RecordedCode = EnumCodes<LinkDerivation>.ToCode(LinkDerivation.Recorded);

    /// <summary>The id of the derived link of <paramref name="end"/>'s pair and derivation: MD5 of both, as a UUID.</summary>
    public static Guid DerivedId(LinkEnd end) => DerivedId(end.Derivation, end.EntityId, end.OtherId);

    public static Guid DerivedId(string derivation, Guid one, Guid other)
    {
        var (first, second) = one.CompareTo(other) < 0 ? (one, other) : (other, one);
        Span<byte> text = stackalloc byte[128];
        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
        var written = System.Text.Unicode.Utf8.TryWrite(text, $"{derivation}|{first}|{second}", out var length)
            ? text[..length]
            : Encoding.UTF8.GetBytes($"{derivation}|{first}|{second}");
        MD5.HashData(written, hash);
        // The hash's hex digits read as a UUID (PostgreSQL's md5(...)::uuid): the bytes in order, big-endian.
        return new Guid(hash, bigEndian: true);
    }

    // One pass over the classes, no LINQ: a 500-entity network has some 25,000 link ends to merge.
    private static NetworkLinkView Merge(Guid id, List<LinkEnd> ends)
    {
        var first = ends[0];
        var (from, fromKind, to, toKind) = first.EntityId.CompareTo(first.OtherId) < 0
            ? (first.EntityId, first.EntityKind, first.OtherId, first.OtherKind)
            : (first.OtherId, first.OtherKind, first.EntityId, first.EntityKind);
        var derivation = EnumCodes<LinkDerivation>.Parse(first.Derivation);
        var recorded = derivation == LinkDerivation.Recorded;
        // A derived link is shown once per pair: its classes (rows per agency and handling code) read as one.
        var classes = recorded ? 1 : ends.Count;
        var seen = classes == 1 ? null : new HashSet<Guid>();
        LinkEnd? strongest = null;
        string? strongestGrading = null;
        var (startsOn, endsOn) = (DateOnly.MaxValue, DateOnly.MinValue);
        var (openStart, openEnd) = (false, false);
        var evidence = 0;
        var marking = SecurityMarking.Official;
        var agencies = new List<Guid>(2);
        for (var i = 0; i < classes; i++)
        {
            var end = ends[i];
            if (seen is not null && !seen.Add(end.LinkId))
            {
                continue;
            }

            if (end.Grading is { } grading && (strongestGrading is null || string.CompareOrdinal(grading, strongestGrading) < 0))
            {
                (strongest, strongestGrading) = (end, grading);
            }

            (openStart, startsOn) = end.StartsOn is { } starts ? (openStart, starts < startsOn ? starts : startsOn) : (true, startsOn);
            (openEnd, endsOn) = end.EndsOn is { } endsAt ? (openEnd, endsAt > endsOn ? endsAt : endsOn) : (true, endsOn);
            evidence += end.EvidenceCount ?? 0;
            var endMarking = EnumCodes<SecurityMarking>.Parse(end.SecurityMarking);
            marking = endMarking > marking ? endMarking : marking;
            foreach (var agency in (ReadOnlySpan<Guid>)[end.AgencyId, end.PairedAgencyId])
            {
                if (!agencies.Contains(agency))
                {
                    agencies.Add(agency);
                }
            }
        }

        agencies.Sort();
        return new NetworkLinkView(id, derivation,
            recorded ? EnumCodes<LinkType>.Parse(first.LinkType) : null,
            from, EnumCodes<EntityKind>.Parse(fromKind), to, EnumCodes<EntityKind>.Parse(toKind),
            strongestGrading,
            strongest?.SourceEvaluation is { } source ? EnumCodes<SourceEvaluation>.Parse(source) : null,
            strongest?.IntelligenceAssessment is { } assessment ? EnumCodes<IntelligenceAssessment>.Parse(assessment) : null,
            openStart ? null : startsOn,
            openEnd ? null : endsOn,
            recorded ? null : evidence,
            agencies,
            marking);
    }
}
