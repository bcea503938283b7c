using HotspotIntel.Core.Records;

namespace HotspotIntel.Core.Identifiers;

/// <summary>
/// An identifier someone uses online: an email address, a social media or messaging handle, a gaming id. Held in one
/// spelling (<see cref="OnlineIdentifiers.Normalise"/>), so the same identifier recorded twice is found as one.
/// </summary>
public sealed class OnlineIdentifier : RecordRestrictions
{
    /// <summary>What kind of identifier it is.</summary>
    public OnlineIdentifierType IdentifierType { get; set; }

    /// <summary>The service it belongs to, lower case (<c>snapchat</c>, <c>xbox live</c>); null for an email address or when unknown.</summary>
    public string? Platform { get; set; }

    /// <summary>The identifier, lower case, a handle without its leading <c>@</c>.</summary>
    public required string Value { get; set; }

    /// <summary>What is known of it.</summary>
    public string? Description { get; set; }
}

/// <summary>The kinds of online identifier.</summary>
public enum OnlineIdentifierType
{
    /// <summary>An email address.</summary>
    Email,

    /// <summary>A handle on a social media platform.</summary>
    SocialMedia,

    /// <summary>A handle or id on a messaging service.</summary>
    Messaging,

    /// <summary>A gamer tag or id on a gaming network.</summary>
    Gaming,

    /// <summary>Any other online identifier.</summary>
    Other,
}
