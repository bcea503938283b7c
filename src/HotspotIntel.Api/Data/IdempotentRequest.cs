namespace HotspotIntel.Api.Data;

/// <summary>The first response to a POST that carried an Idempotency-Key, replayed to any retry with the same key.</summary>
public sealed class IdempotentRequest
{
    /// <summary>The user who sent it: keys are scoped per user.</summary>
    public required string UserId { get; set; }

    public required string IdempotencyKey { get; set; }

    /// <summary>SHA-256 of method, path and body, hex: the same key with a different request is a conflict.</summary>
    public required string RequestSha256 { get; set; }

    public int StatusCode { get; set; }

    public string? Location { get; set; }

    public required string ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
