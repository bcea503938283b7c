using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Core.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;

namespace HotspotIntel.Api.Records;

/// <summary>The body that adds an entry to a maintained list or changes one: its code (required when adding) and whether it is retired.</summary>
public interface IMaintainedListRequest
{
    string? Code { get; }

    bool Retired { get; }
}

/// <summary>
/// One list the partnership maintains (<see cref="IMaintainedListEntry"/>: the tactic list, the risk indicators): what
/// the shared endpoints of <see cref="MaintainedListEndpoints"/> need to know of it. What differs between lists (their
/// fields and the rules they keep) is the list's own <see cref="Validate"/> and <see cref="Apply"/>.
/// </summary>
public sealed class MaintainedList<TEntry, TRequest, TView>
    where TEntry : class, IMaintainedListEntry, new() where TRequest : IMaintainedListRequest
{
    /// <summary>Where the list is, e.g. <c>/api/risk-indicators</c>.</summary>
    public required string Route { get; init; }

    /// <summary>What one entry is called in messages, lower case: "tactic".</summary>
    public required string Noun { get; init; }

    /// <summary>The entry's name in operation ids: "DisruptionTactic" gives CreateDisruptionTactic, and ListDisruptionTactics.</summary>
    public required string Name { get; init; }

    /// <summary>Why an entry's code never changes, for the 400 that says so: "actions refer to it".</summary>
    public required string CodeReferredToBy { get; init; }

    public required (string List, string Create, string Update) Summaries { get; init; }

    /// <summary>The list's table.</summary>
    public required Func<HotspotIntelDbContext, DbSet<TEntry>> Set { get; init; }

    /// <summary>Checks a request into field errors; <c>code</c> is the request's when adding and the entry's when changing.</summary>
    public required Func<TRequest, string?, ValidationErrors> Validate { get; init; }

    /// <summary>Copies a valid request's own fields onto the entry (the code, retirement and times are the shared endpoints').</summary>
    public required Action<TRequest, TEntry> Apply { get; init; }

    public required Func<TEntry, TView> View { get; init; }
}

/// <summary>
/// The endpoints every maintained list shares: every operational role reads it in list order; administrators add an
/// entry (409 for a code in use) and change or retire one (its code never changes), never delete one. The database
/// audits each addition and change like a record's.
/// </summary>
public static class MaintainedListEndpoints
{
    /// <summary>Maps <c>GET /</c>, <c>POST /</c> and <c>PUT /{code}</c> of <paramref name="list"/> on <paramref name="api"/>, the group at its route.</summary>
    public static RouteGroupBuilder MapMaintainedListEndpoints<TEntry, TRequest, TView>(this RouteGroupBuilder api,
        MaintainedList<TEntry, TRequest, TView> list, string readPolicy, string changePolicy)
        where TEntry : class, IMaintainedListEntry, new() where TRequest : IMaintainedListRequest
    {
        var endpoints = new MaintainedListEndpoints<TEntry, TRequest, TView>(list);
        // As Delegate values, as RecordEndpoints maps its handlers: the route handler analyzer fails on type parameters.
        Delegate read = endpoints.ListAsync;
        Delegate create = endpoints.CreateAsync;
        Delegate update = endpoints.UpdateAsync;
        api.MapGet("/", read).WithName($"List{list.Name}s").RequireAuthorization(readPolicy).WithSummary(list.Summaries.List);
        api.MapPost("/", create).WithName($"Create{list.Name}").RequireAuthorization(changePolicy).WithSummary(list.Summaries.Create)
            .Describe(list.Noun);
        api.MapPut("/{code}", update).WithName($"Update{list.Name}").RequireAuthorization(changePolicy).WithSummary(list.Summaries.Update)
            .Describe(list.Noun);
        return api;
    }

    // One handler serves every list, so the list names its code here rather than in a [Description]; the body is
    // required, as a handler's own request parameter makes it.
    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string noun) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>().Where(p => p.Name == "code") ?? [])
            {
                parameter.Description = $"The {noun}'s code";
            }

            if (operation.RequestBody is OpenApiRequestBody body)
            {
                body.Required = true;
            }

            return Task.CompletedTask;
        });
}

/// <summary>The handlers of <see cref="MaintainedListEndpoints"/> for one list.</summary>
public sealed class MaintainedListEndpoints<TEntry, TRequest, TView>(MaintainedList<TEntry, TRequest, TView> list)
    where TEntry : class, IMaintainedListEntry, new() where TRequest : IMaintainedListRequest
{
    public async Task<Ok<List<TView>>> ListAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await list.Set(db).AsNoTracking().OrderBy(e => e.ListPosition).ThenBy(e => e.Code).ToListAsync(cancellationToken))
            .Select(list.View).ToList());

    public async Task<Results<Created<TView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        TRequest request, HotspotIntelDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        request = Required(request);
        var errors = list.Validate(request, request.Code);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var code = request.Code!.Trim();
        var set = list.Set(db);
        if (await set.AnyAsync(e => e.Code == code, cancellationToken))
        {
            return Problems.Conflict($"{char.ToUpperInvariant(list.Noun[0])}{list.Noun[1..]} code in use.",
                $"The partnership already has a {list.Noun} with the code {code}.");
        }

        var now = time.GetUtcNow();
        var entry = new TEntry
        {
            Id = Guid.CreateVersion7(now),
            Code = code,
            BuiltIn = false,
            ListPosition = (await set.MaxAsync(e => (int?)e.ListPosition, cancellationToken) ?? 0) + 1,
            CreatedAt = now,
        };
        Apply(request, entry, now);
        set.Add(entry);
        // A unique violation (the same code added at the same moment) becomes a 409 in BadRequestExceptionHandler.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{list.Route}/{entry.Code}", list.View(entry));
    }

    public async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string code, TRequest request, HotspotIntelDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        request = Required(request);
        var entry = await list.Set(db).SingleOrDefaultAsync(e => e.Code == code, cancellationToken);
        if (entry is null)
        {
            return Problems.NotFound(list.Noun, code);
        }

        var errors = list.Validate(request, entry.Code);
        if (request.Code is not null && request.Code.Trim() != entry.Code)
        {
            errors.Add("code", $"A {list.Noun}'s code never changes ({list.CodeReferredToBy}); this one's is {entry.Code}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        Apply(request, entry, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(list.View(entry));
    }

    /// <summary>
    /// The body, or the 400 the framework gives for a missing one: it reads the nullability of a body whose type is a
    /// type parameter as unknown and lets a missing one through (as <see cref="RecordEndpoints"/> finds too).
    /// </summary>
    private static TRequest Required(TRequest? request) => request
        ?? throw new BadHttpRequestException($"Required parameter \"{typeof(TRequest).Name} request\" was not provided from body.");

    private void Apply(TRequest request, TEntry entry, DateTimeOffset now)
    {
        list.Apply(request, entry);
        entry.Retired = request.Retired;
        entry.UpdatedAt = now;
    }
}
