using HotspotIntel.Api.Data;
using HotspotIntel.Api.Hotspots;
using HotspotIntel.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Common;

/// <summary>
/// The steps every record API takes to create, change and delete a record: an idempotent create (<see cref="IdempotencyKeys"/>),
/// changes and deletes only by the owning agency (<see cref="Ownership"/>), no delete of a record other agencies' records
/// refer to, a 400 naming each invalid field, and nothing saved otherwise.
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await idempotency.ReplayOrRejectAsync<TView>(idempotencyKey, route, request, TableOf<TRecord>(db), cancellationToken) is { } answer)
        {
            // A replay's consultation entry is kept; a refusal wrote nothing.
            await transaction.CommitAsync(cancellationToken);
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
        await transaction.CommitAsync(cancellationToken);
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

    /// <summary>
    /// Deletes the record <paramref name="id"/> if the caller's agency owns it and no other agency's record refers to it
    /// (a cascade would delete theirs, out of sight of row-level security); otherwise the 404, 403 or 409 that says why
    /// not. The database refuses such a delete too (migrations/0017); this answers first, with the number of records.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync<TRecord>(HotspotIntelDbContext db, Guid id,
        string recordKind, RecordingContext recording, CancellationToken cancellationToken, HotspotRunRequests? hotspotRuns = null)
        where TRecord : RecordRestrictions
    {
        var records = db.Set<TRecord>();
        if (await Ownership.ProblemAsync(records, id, recordKind, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        var references = await db.Database.SqlQuery<int?>(
            $"""SELECT references_from_other_agencies({TableOf<TRecord>(db)}, {id}) AS "Value" """).SingleAsync(cancellationToken);
        if (references > 0)
        {
            return Problems.ReferencedByOtherAgencies(recordKind, id, references.Value);
        }

        await records.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
        await RequestHotspotRunAsync(db, hotspotRuns, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The table that holds <typeparamref name="TRecord"/>: what the audit log and the database's functions call the kind.</summary>
    private static string TableOf<TRecord>(HotspotIntelDbContext db) => db.Model.FindEntityType(typeof(TRecord))!.GetTableName()!;

    private static async Task RequestHotspotRunAsync(HotspotIntelDbContext db, HotspotRunRequests? hotspotRuns, CancellationToken cancellationToken)
    {
        if (hotspotRuns is not null)
        {
            await hotspotRuns.RequestIncrementalRunAsync(db, cancellationToken);
        }
    }
}
