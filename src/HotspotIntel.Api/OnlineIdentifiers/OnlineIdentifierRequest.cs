using HotspotIntel.Api.Records;
using HotspotIntel.Core.Identifiers;

namespace HotspotIntel.Api.OnlineIdentifiers;

/// <summary>An online identifier to record, or the new state of one.</summary>
public sealed record OnlineIdentifierRequest : RestrictedRecordRequest
{
    /// <summary>What kind of identifier: email, social_media, messaging, gaming or other.</summary>
    /// <example>social_media</example>
    public required OnlineIdentifierType IdentifierType { get; init; }

    /// <summary>The service it belongs to (Snapchat, Xbox Live), at most 50 characters; stored lower case.</summary>
    /// <example>Snapchat</example>
    public string? Platform { get; init; }

    /// <summary>The identifier as typed; stored lower case, a handle without its leading @.</summary>
    /// <example>@Example_Handle</example>
    public required string Value { get; init; }

    /// <summary>What is known of it, at most 5000 characters.</summary>
    public string? Description { get; init; }
}
