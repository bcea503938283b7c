using HotspotIntel.Api.Data;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Common;

/// <summary>
/// The steps every record API takes to create, change and delete a record: an idempotent create, changes and deletes
/// only by the owning agency (<see cref="Ownership"/>), a 400 naming each invalid field, and nothing saved otherwise.
/// Each API supplies what differs: how a request applies to its record, and the view it answers with; the reports API
/// also gives <see cref="HotspotRunRequests"/>, so that every saved change to a report (not a refusal, not a replay)
/// asks for an incremental hotspot run, as a report import does in <see cref="Imports.Importer"/>.
/// </summary>
public static class RecordWrites
{
    /// <summary>
    /// Creates the record <paramref name="newRecord"/> makes, once <paramref name="apply"/> has set it from the request
    /// without errors; a retry with the same idempotency key gets the first answer instead.
    /// </summary>
    public static async Task<Results<Created<TView>, ValidationProblem, ProblemHttpResult>> CreateAsync<TRecord, TView>(
        HotspotIntelDbContext db, IdempotencyKeys idempotency, string? idempotencyKey, string route, object request,
        Func<TRecord> newRecord, Func<TRecord, ValidationErrors, Task> apply, Func<TRecord, TView> view, CancellationToken cancellationToken,
        HotspotRunRequests? hotspotRuns = null)
        where TRecord : RecordRestrictions
        where TView : class
    {
        if (await idempotency.ReplayOrRejectAsync<TView>(idempotencyKey, route, request, cancellationToken) is { } answer)
        {
            return answer;
        }

        var record = newRecord();
        var errors = new ValidationErrors();
        await apply(record, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        db.Add(record);
        var created = view(record);
        var location = $"{route}/{record.Id}";
        idempotency.Remember(idempotencyKey, route, request, location, created);
        await db.SaveChangesAsync(cancellationToken);
        await RequestHotspotRunAsync(db, hotspotRuns, cancellationToken);
        return TypedResults.Created(location, created);
    }

    /// <summary>Changes <paramref name="record"/> (loaded under row-level security, tracked) if the caller's agency owns it.</summary>
    public static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> UpdateAsync<TRecord, TView>(
        HotspotIntelDbContext db, TRecord? record, string recordKind, Guid id, RecordingContext recording,
        Func<TRecord, ValidationErrors, Task> apply, Func<TRecord, TView> view, CancellationToken cancellationToken,
        HotspotRunRequests? hotspotRuns = null)
        where TRecord : RecordRestrictions
    {
        if (Ownership.Refuses(record, recordKind, id, recording, out var problem))
        {
            return problem;
        }

        var errors = new ValidationErrors();
        await apply(record, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await db.SaveChangesAsync(cancellationToken);
        await RequestHotspotRunAsync(db, hotspotRuns, cancellationToken);
        return TypedResults.Ok(view(record));
    }

    /// <summary>Deletes the record <paramref name="id"/> if the caller's agency owns it; otherwise the 404 or 403 that says why not.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<TRecord>(HotspotIntelDbContext db, Guid id,
        string recordKind, RecordingContext recording, CancellationToken cancellationToken, HotspotRunRequests? hotspotRuns = null)
        where TRecord : RecordRestrictions
    {
        var records = db.Set<TRecord>();
        if (await Ownership.ProblemAsync(records, id, recordKind, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        await records.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
        await RequestHotspotRunAsync(db, hotspotRuns, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task RequestHotspotRunAsync(HotspotIntelDbContext db, HotspotRunRequests? hotspotRuns, CancellationToken cancellationToken)
    {
        if (hotspotRuns is not null)
        {
            await hotspotRuns.RequestIncrementalRunAsync(db, cancellationToken);
        }
    }
}
