using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotspotIntel.Api.Records;

/// <summary>
/// What a kind's apply step (<see cref="RecordKind{TRecord, TRequest, TView}.ApplyAsync"/>) works with during one
/// request: the database (for the records a request refers to), who records and when, and what is wrong so far.
/// </summary>
public sealed class RecordWrite(HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken)
{
    public HotspotIntelDbContext Db => db;

    public RecordingContext Recording => recording;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Each invalid field by its JSON name: a 400 naming them, and nothing saved.</summary>
    public ValidationErrors Errors { get; } = new();

    /// <summary>A refusal that is not a field's (a 409 Conflict): answered instead, and nothing saved.</summary>
    public ProblemHttpResult? Refusal { get; set; }
}
