using System.ComponentModel;
using HotspotIntel.Api.Errors;
using Microsoft.AspNetCore.Mvc;

namespace HotspotIntel.Api.Paging;

/// <summary>The paging parameters of a keyset-paginated list, as a handler takes them (<c>[AsParameters]</c>).</summary>
public sealed record PagingRequest
{
    [FromQuery(Name = "limit"), Description("Page size, 1 to 1000 (default 100)")]
    public int? Limit { get; init; }

    [FromQuery(Name = "cursor"), Description("nextCursor of the previous page")]
    public string? Cursor { get; init; }

    /// <summary>The page to read, each bad parameter named in <paramref name="errors"/>.</summary>
    public KeysetPage Read(ValidationErrors errors) => new(KeysetCursor.ReadPaging(Limit, Cursor, errors, out var after), after);
}
