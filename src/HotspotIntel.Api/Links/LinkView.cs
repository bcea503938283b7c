using HotspotIntel.Api.Records;
using HotspotIntel.Core.Links;

namespace HotspotIntel.Api.Links;

/// <summary>A recorded link; its ends come in the kind's order (person first, then premises, then vehicle or location).</summary>
public sealed record LinkView(
    Guid Id,
    LinkKind Kind,
    LinkType LinkType,
    LinkEndView From,
    LinkEndView To,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? Notes,
    IReadOnlyList<Guid> SourceReportIds,
    RestrictionsView Restrictions)
{
    /// <summary>The view of <paramref name="link"/>; an end found in <paramref name="survivors"/> is shown with the record it is merged into.</summary>
    public static LinkView Of(Link link, IReadOnlyDictionary<Guid, Guid> survivors)
    {
        var (from, to) = LinkEnds.Of(link);
        return new(link.Id, link.Kind, link.LinkType, LinkEndView.Of(from, survivors), LinkEndView.Of(to, survivors), link.StartsOn, link.EndsOn,
            link.Notes, [.. link.SourceReports.Select(r => r.Id)], RestrictionsView.Of(link));
    }
}

/// <summary>One end of a recorded link, as recorded; a person or vehicle merged into another is shown with that record.</summary>
/// <param name="Kind">person, premises, vehicle, location, phone_number or online_identifier.</param>
/// <param name="Id">The entity the link was recorded against.</param>
/// <param name="MergedIntoId">When that person or vehicle is merged into another the reader may read (entity resolution), that record: the link is its link too, as the network shows it.</param>
public sealed record LinkEndView(EntityKind Kind, Guid Id, Guid? MergedIntoId)
{
    public static LinkEndView Of(EntityReference end, IReadOnlyDictionary<Guid, Guid> survivors) =>
        new(end.Kind, end.Id, survivors.TryGetValue(end.Id, out var survivor) ? survivor : null);
}
