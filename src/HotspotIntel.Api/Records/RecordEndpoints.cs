using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace HotspotIntel.Api.Records;

/// <summary>
/// The endpoints every record kind shares, mapped from its <see cref="RecordKind{TRecord, TRequest, TView}"/>: read one
/// (a person-level read states its justification and is logged), an idempotent create (<see cref="IdempotencyKeys"/>),
/// replace and delete by the owning agency only (<see cref="Ownership"/>), no delete of a record other agencies'
/// records refer to, a 400 naming each invalid field with nothing saved, and, for kinds that can be given outside the
/// system, a logged disclosure. Each committed change is raised to the <see cref="IRecordChangeFollower"/>s.
/// </summary>
public static class RecordEndpoints
{
    /// <summary>
    /// Maps <c>GET /{id}</c>, <c>POST /</c>, <c>PUT /{id}</c> and <c>DELETE /{id}</c> of <paramref name="kind"/> on
    /// <paramref name="api"/>, the group at its route, named and summarised from the kind.
    /// </summary>
    public static RouteGroupBuilder MapRecordEndpoints<TRecord, TRequest, TView>(this RouteGroupBuilder api, RecordKind<TRecord, TRequest, TView> kind)
        where TRecord : RecordRestrictions where TRequest : RestrictedRecordRequest where TView : class
    {
        if (kind.View is null == kind.ViewAsync is null)
        {
            throw new InvalidOperationException($"The record kind {kind.Name} needs exactly one of View and ViewAsync.");
        }

        var endpoints = new RecordEndpoints<TRecord, TRequest, TView>(kind);
        // Handlers go in as Delegate values: ASP.NET Core's route handler analyzer throws (AD0001) on a handler whose
        // parameter is a type parameter, though the endpoints themselves are built at run time from the closed types.
        Delegate get = kind.ReadsAreConsultations ? endpoints.ConsultAsync : endpoints.GetAsync;
        Delegate create = endpoints.CreateAsync;
        Delegate update = endpoints.UpdateAsync;
        Delegate delete = endpoints.DeleteAsync;
        api.MapGet("/{id}", get).Describe(kind, "Get", kind.Access.Read, kind.Summaries.Get);
        api.MapPost("/", create).Describe(kind, "Create", kind.Access.Create, kind.Summaries.Create);
        api.MapPut("/{id}", update).Describe(kind, "Update", kind.Access.Change, kind.Summaries.Update);
        api.MapDelete("/{id}", delete).Describe(kind, "Delete", kind.Access.Change, kind.Summaries.Delete);
        return api;
    }

    /// <summary>
    /// Maps <c>POST /{id}/disclosures</c>: one of the caller's agency's records given to someone outside the system,
    /// answered with the record as disclosed, its marking and conditions, and logged with the recipient and the reason.
    /// </summary>
    public static RouteHandlerBuilder MapDisclosures<TRecord, TRequest, TView>(this RouteGroupBuilder api, RecordKind<TRecord, TRequest, TView> kind,
        string summary) where TRecord : RecordRestrictions where TRequest : RestrictedRecordRequest where TView : class =>
        api.MapPost("/{id}/disclosures", (Delegate)new RecordEndpoints<TRecord, TRequest, TView>(kind).DiscloseAsync)
            .Describe(kind, "Disclose", kind.Access.Change, summary);

    private static RouteHandlerBuilder Describe<TRecord, TRequest, TView>(this RouteHandlerBuilder endpoint, RecordKind<TRecord, TRequest, TView> kind,
        string verb, string policy, string summary) where TRecord : RecordRestrictions where TRequest : RestrictedRecordRequest where TView : class
    {
        var idDescription = $"{char.ToUpperInvariant(kind.Noun[0])}{kind.Noun[1..]} id";
        return endpoint.WithName(verb + kind.Name).WithSummary(summary).RequireAuthorization(policy)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // One handler serves every kind, so the kind names its id here rather than in a [Description].
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "id") ?? [])
                {
                    parameter.Description = idDescription;
                }

                if (operation.RequestBody is OpenApiRequestBody body)
                {
                    body.Required = true;
                }

                return Task.CompletedTask;
            });
    }
}

/// <summary>The handlers of <see cref="RecordEndpoints"/> for one kind.</summary>
public sealed class RecordEndpoints<TRecord, TRequest, TView>(RecordKind<TRecord, TRequest, TView> kind)
    where TRecord : RecordRestrictions
    where TRequest : RestrictedRecordRequest
    where TView : class
{
    public async Task<Results<Ok<TView>, ProblemHttpResult>> GetAsync(
        Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken)
    {
        var record = await kind.Include(db.Set<TRecord>().AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return record is null
            ? Problems.NotFound(kind.Noun, id)
            : TypedResults.Ok(await ViewAsync(record, db, recording, cancellationToken));
    }

    // A read of person-level data: its justification first, then logged as a consultation naming what it returned.
    public async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> ConsultAsync(
        Guid id, [AsParameters] JustificationHeader justification, HotspotIntelDbContext db, AuditLog audit, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        justification.Require(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var record = await kind.Include(db.Set<TRecord>().AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound(kind.Noun, id);
        }

        var view = await ViewAsync(record, db, recording, cancellationToken);
        await audit.RecordConsultationAsync(kind.Table(db), [id], justification.Value!, cancellationToken, kind.PersonsConcerned(record));
        return TypedResults.Ok(view);
    }

    // Creates the record the request describes; a retry with the same idempotency key gets the first answer instead.
    public async Task<Results<Created<TView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TRequest request, [AsParameters] IdempotencyKeyHeader idempotencyKey, HotspotIntelDbContext db, IdempotencyKeys idempotency,
        RecordingContext recording, RecordChanges changes, CancellationToken cancellationToken)
    {
        var body = Required(request);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await idempotency.ReplayOrRejectAsync<TView>(idempotencyKey.Value, kind.Route, body, kind.Table(db), cancellationToken) is { } answer)
        {
            // A replay's consultation entry is kept; a refusal wrote nothing.
            await transaction.CommitAsync(cancellationToken);
            return answer;
        }

        var record = kind.New(recording);
        var write = new RecordWrite(db, recording, cancellationToken);
        await kind.ApplyAsync(body, record, write);
        if (write.Errors.Any)
        {
            return write.Errors.ToProblem();
        }

        if (write.Refusal is { } refusal)
        {
            return refusal;
        }

        db.Add(record);
        var created = await ViewAsync(record, db, recording, cancellationToken);
        var location = $"{kind.Route}/{record.Id}";
        idempotency.Remember(idempotencyKey.Value, kind.Route, body, location, created);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await changes.CommittedAsync<TRecord>(cancellationToken);
        return TypedResults.Created(location, created);
    }

    // Replaces the record (loaded under row-level security) if the caller's agency owns it.
    public async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, TRequest request, HotspotIntelDbContext db, RecordingContext recording, RecordChanges changes, CancellationToken cancellationToken)
    {
        var body = Required(request);
        var record = await kind.Include(db.Set<TRecord>()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (Ownership.Refuses(record, kind.Noun, id, recording, out var problem))
        {
            return problem;
        }

        var write = new RecordWrite(db, recording, cancellationToken);
        await kind.ApplyAsync(body, record, write);
        if (write.Errors.Any)
        {
            return write.Errors.ToProblem();
        }

        if (write.Refusal is { } refusal)
        {
            return refusal;
        }

        await db.SaveChangesAsync(cancellationToken);
        await changes.CommittedAsync<TRecord>(cancellationToken);
        return TypedResults.Ok(await ViewAsync(record, db, recording, cancellationToken));
    }

    // Deletes the record if the caller's agency owns it and no other agency's record refers to it (a cascade would
    // delete theirs, out of sight of row-level security); otherwise the 404, 403 or 409 that says why not. The
    // database refuses such a delete too (migrations/0017); this answers first, with the number of records.
    public async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, HotspotIntelDbContext db, RecordingContext recording, RecordChanges changes, CancellationToken cancellationToken)
    {
        var records = db.Set<TRecord>();
        if (await Ownership.ProblemAsync(records, id, kind.Noun, recording, cancellationToken) is { } problem)
        {
            return problem;
        }

        var references = await db.Database.SqlQuery<int?>(
            $"""SELECT references_from_other_agencies({kind.Table(db)}, {id}) AS "Value" """).SingleAsync(cancellationToken);
        if (references > 0)
        {
            return Problems.ReferencedByOtherAgencies(kind.Noun, id, references.Value);
        }

        await records.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
        await changes.CommittedAsync<TRecord>(cancellationToken);
        return TypedResults.NoContent();
    }

    public async Task<Results<Ok<Disclosure<TView>>, ValidationProblem, ProblemHttpResult>> DiscloseAsync(
        Guid id, DisclosureRequest request, HotspotIntelDbContext db, AuditLog audit, RecordingContext recording, CancellationToken cancellationToken)
    {
        if (request.Validate() is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var record = await kind.Include(db.Set<TRecord>().AsNoTracking()).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (Ownership.Refuses(record, kind.Noun, id, recording, out var problem))
        {
            return problem;
        }

        var view = await ViewAsync(record, db, recording, cancellationToken);
        await audit.RecordDisclosureAsync(kind.Table(db), id, request, cancellationToken);
        return TypedResults.Ok(new Disclosure<TView>(request.Recipient!.Trim(), recording.Now, view));
    }

    /// <summary>
    /// The body, or the 400 the framework gives for a missing one. The framework reads the nullability of a body whose
    /// type is a type parameter as unknown, so it lets a missing body through to these handlers; they refuse it here in
    /// the framework's words, and the OpenAPI transformer above marks the body required.
    /// </summary>
    private static TRequest Required(TRequest? request) => request
        ?? throw new BadHttpRequestException($"Required parameter \"{typeof(TRequest).Name} request\" was not provided from body.");

    private Task<TView> ViewAsync(TRecord record, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        kind.ViewAsync?.Invoke(record, db, recording, cancellationToken) ?? Task.FromResult(kind.View!(record));
}
