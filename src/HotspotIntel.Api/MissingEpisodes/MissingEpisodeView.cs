using HotspotIntel.Api.Records;
using HotspotIntel.Core.MissingEpisodes;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.MissingEpisodes;

/// <summary>A recorded missing episode; <c>foundLocation</c> is a GeoJSON Point in WGS84, or null.</summary>
public sealed record MissingEpisodeView(
    Guid Id,
    Guid PersonId,
    DateTimeOffset MissingFrom,
    DateTimeOffset? ReturnedAt,
    Geometry? FoundLocation,
    bool FromCare,
    string? Notes,
    DateTimeOffset? ReturnInterviewOfferedAt,
    DateTimeOffset? ReturnInterviewDoneAt,
    bool ReturnInterviewDeclined,
    RestrictionsView Restrictions)
{
    public static MissingEpisodeView Of(MissingEpisode episode) => new(episode.Id, episode.PersonId, episode.MissingFrom, episode.ReturnedAt,
        episode.FoundLocation, episode.FromCare, episode.Notes, episode.ReturnInterviewOfferedAt, episode.ReturnInterviewDoneAt,
        episode.ReturnInterviewDeclined, RestrictionsView.Of(episode));
}
