using HotspotIntel.Api.Records;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;

namespace HotspotIntel.Api.Persons;

/// <summary>
/// A person, with whether they are frequently missing as the partnership's rule judges it today, and, for a duplicate
/// merged into another person, that person (<c>mergedIntoId</c>, when the reader may read it).
/// </summary>
public sealed record PersonView(
    Guid Id,
    PersonRole Role,
    string FamilyName,
    string GivenNames,
    IReadOnlyList<string> Aliases,
    DateOnly? DateOfBirth,
    string? Description,
    bool FrequentlyMissing,
    int MissingEpisodesInWindow,
    RestrictionsView Restrictions)
{
    /// <summary>For a duplicate merged into another person, that person, when the reader may read them; otherwise null.</summary>
    public Guid? MergedIntoId { get; init; }

    /// <summary>The view of <paramref name="person"/>, judging the episode starts given against <paramref name="rule"/> at <paramref name="asOf"/>; only a child can be frequently missing.</summary>
    public static PersonView Of(Person person, IEnumerable<DateTimeOffset> episodeStarts, FrequentlyMissingRule rule, DateTimeOffset asOf,
        bool survivorReadable)
    {
        var starts = person.IsChild ? episodeStarts.ToList() : [];
        return new(person.Id, person.Role, person.FamilyName, person.GivenNames, person.Aliases, person.DateOfBirth, person.Description,
            person.IsChild && rule.IsFrequentlyMissing(starts, asOf), rule.EpisodesInWindow(starts, asOf), RestrictionsView.Of(person))
        {
            MergedIntoId = survivorReadable ? person.MergedIntoId : null,
        };
    }
}
