using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace HotspotIntel.Api.Records;

/// <summary>The Idempotency-Key header of a create, as a handler takes it (<c>[AsParameters]</c>).</summary>
public sealed record IdempotencyKeyHeader
{
    [FromHeader(Name = IdempotencyKeys.Header), Description("Any unique string; a retry with the same key returns the first response")]
    public string? Value { get; init; }
}
