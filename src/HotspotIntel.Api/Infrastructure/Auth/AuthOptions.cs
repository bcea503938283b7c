namespace HotspotIntel.Api.Infrastructure.Auth;

/// <summary>
/// How bearer tokens are validated (configuration section <c>Auth</c>). In production, <see cref="Authority"/> names an
/// OpenID Connect provider (Keycloak, Entra ID); for development and tests, tokens are signed with <see cref="SigningKey"/>
/// by the <c>issue-token</c> command. The key comes from configuration (run.sh generates one), never from code.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The OpenID Connect authority; when set, its published keys validate tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for.</summary>
    public string Audience { get; set; } = "hotspotintel";

    /// <summary>The issuer of locally signed tokens.</summary>
    public string Issuer { get; set; } = "hotspotintel-local";

    /// <summary>
    /// How long an agency a token names is taken to exist after the database last said so, in seconds: checking on every
    /// request would cost a query each.
    /// </summary>
    public int KnownAgencySeconds { get; set; } = 30;

    /// <summary>The HMAC-SHA256 key (at least 32 bytes, base64) for locally signed tokens.</summary>
    public string? SigningKey { get; set; }
}
