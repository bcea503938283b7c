using HotspotIntel.Api.Records;
using HotspotIntel.Core.Identifiers;

namespace HotspotIntel.Api.OnlineIdentifiers;

/// <summary>An online identifier of interest, in its stored spelling.</summary>
public sealed record OnlineIdentifierView(
    Guid Id,
    OnlineIdentifierType IdentifierType,
    string? Platform,
    string Value,
    string? Description,
    RestrictionsView Restrictions)
{
    public static OnlineIdentifierView Of(OnlineIdentifier identifier) => new(identifier.Id, identifier.IdentifierType, identifier.Platform,
        identifier.Value, identifier.Description, RestrictionsView.Of(identifier));
}
