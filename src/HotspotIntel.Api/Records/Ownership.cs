using System.Diagnostics.CodeAnalysis;
using HotspotIntel.Api.Errors;
using HotspotIntel.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Records;

/// <summary>
/// Only the agency that recorded a record may change or delete it. A record the caller cannot see (row-level security)
/// is a 404, so its existence is never revealed; one shared with the caller's agency but owned by another is a 403.
/// </summary>
public static class Ownership
{
    /// <summary>Whether the caller may not change <paramref name="record"/> (loaded under RLS), with the <paramref name="problem"/> to answer instead.</summary>
    public static bool Refuses([NotNullWhen(false)] RecordRestrictions? record, string recordKind, Guid id, RecordingContext recording,
        [NotNullWhen(true)] out ProblemHttpResult? problem)
    {
        problem = Problem(record?.AgencyId, recordKind, id, recording);
        return problem is not null;
    }

    /// <summary>The same check for a set-based write: reads only the owner of the record <paramref name="id"/>.</summary>
    public static async Task<ProblemHttpResult?> ProblemAsync<TRecord>(IQueryable<TRecord> records, Guid id, string recordKind,
        RecordingContext recording, CancellationToken cancellationToken) where TRecord : RecordRestrictions
    {
        var owner = await records.Where(r => r.Id == id).Select(r => (Guid?)r.AgencyId).SingleOrDefaultAsync(cancellationToken);
        return Problem(owner, recordKind, id, recording);
    }

    private static ProblemHttpResult? Problem(Guid? owner, string recordKind, Guid id, RecordingContext recording) =>
        owner is null ? Problems.NotFound(recordKind, id)
        : owner != recording.AgencyId ? Problems.NotYours(recordKind, id)
        : null;
}
