namespace HotspotIntel.Api.Infrastructure;

/// <summary>How large a request body may be.</summary>
public static class RequestLimits
{
    /// <summary>A JSON record is a few kilobytes; a megabyte leaves room for a long narrative or a detailed polygon.</summary>
    public const long JsonBodyBytes = 1024 * 1024;

    /// <summary>A bulk import file: about a million report rows.</summary>
    public const long ImportBodyBytes = 512L * 1024 * 1024;
}
