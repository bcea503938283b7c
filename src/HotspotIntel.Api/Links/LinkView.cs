using HotspotIntel.Api.Records;
using HotspotIntel.Core.Links;

namespace HotspotIntel.Api.Links;

/// <summary>A recorded link; its ends come in the kind's order (person first, then premises, then vehicle or location).</summary>
public sealed record LinkView(
    Guid Id,
    LinkKind Kind,
    LinkType LinkType,
    EntityReference From,
    EntityReference To,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? Notes,
    IReadOnlyList<Guid> SourceReportIds,
    RestrictionsView Restrictions)
{
    public static LinkView Of(Link link)
    {
        var (from, to) = LinkEnds.Of(link);
        return new(link.Id, link.Kind, link.LinkType, from, to, link.StartsOn, link.EndsOn, link.Notes,
            [.. link.SourceReports.Select(r => r.Id)], RestrictionsView.Of(link));
    }
}
