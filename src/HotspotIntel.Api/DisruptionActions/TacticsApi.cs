using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Core.Tasking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>
/// The partnership's tactic list (issue 15 §1): the built-in tactics, seeded by migrations/0036, and those administrators
/// add. Every operational role reads it; administrators add, change and retire tactics (never delete: actions keep
/// theirs), each change audited by the database like a record's.
/// </summary>
public static class TacticsApi
{
    public const string Route = "/api/disruption-tactics";

    public static IEndpointRouteBuilder MapTacticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Disruption actions");
        api.MapGet("/", ListTacticsAsync).WithName("ListDisruptionTactics").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("The partnership's disruption tactics, each with its legal basis where it has one, what it is taken against and whether it is retired.");
        api.MapPost("/", CreateTacticAsync).WithName("CreateDisruptionTactic").RequireAuthorization(Policies.Administer)
            .WithSummary("Add a tactic to the partnership's list (administrators).");
        api.MapPut("/{code}", UpdateTacticAsync).WithName("UpdateDisruptionTactic").RequireAuthorization(Policies.Administer)
            .WithSummary("Change a tactic's name, legal basis or targets, or retire it so no new action takes it (administrators). Its code never changes.");
        return app;
    }

    public static async Task<Ok<List<TacticView>>> ListTacticsAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Tactics.AsNoTracking().OrderBy(t => t.ListPosition).ThenBy(t => t.Code).ToListAsync(cancellationToken))
            .Select(TacticView.Of).ToList());

    public static async Task<Results<Created<TacticView>, ValidationProblem, ProblemHttpResult>> CreateTacticAsync(
        TacticRequest request, HotspotIntelDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = Validate(request, request.Code);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var code = request.Code!.Trim();
        if (await db.Tactics.AnyAsync(t => t.Code == code, cancellationToken))
        {
            return Problems.Conflict("Tactic code in use.", $"The partnership already has a tactic with the code {code}.");
        }

        var now = time.GetUtcNow();
        var tactic = new ListedTactic
        {
            Id = Guid.CreateVersion7(now),
            Code = code,
            BuiltIn = false,
            ListPosition = (await db.Tactics.MaxAsync(t => (int?)t.ListPosition, cancellationToken) ?? 0) + 1,
            CreatedAt = now,
        };
        Apply(request, tactic, now);
        db.Tactics.Add(tactic);
        // A unique violation (the same code added at the same moment) becomes a 409 in BadRequestExceptionHandler.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{Route}/{tactic.Code}", TacticView.Of(tactic));
    }

    public static async Task<Results<Ok<TacticView>, ValidationProblem, ProblemHttpResult>> UpdateTacticAsync(
        [Description("The tactic's code")] string code, TacticRequest request, HotspotIntelDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var tactic = await db.Tactics.SingleOrDefaultAsync(t => t.Code == code, cancellationToken);
        if (tactic is null)
        {
            return Problems.NotFound("tactic", code);
        }

        var errors = Validate(request, tactic.Code);
        if (request.Code is not null && request.Code.Trim() != tactic.Code)
        {
            errors.Add("code", $"A tactic's code never changes (actions refer to it); this one's is {tactic.Code}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        Apply(request, tactic, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(TacticView.Of(tactic));
    }

    private static ValidationErrors Validate(TacticRequest request, string? code)
    {
        var errors = new ValidationErrors();
        var name = TextInput.Optional(request.Name, 200, "name", errors);
        var legalBasis = TextInput.Optional(request.LegalBasis, 500, "legalBasis", errors);
        if (errors.Any)
        {
            return errors;
        }

        var proposed = new Tactic(code?.Trim() ?? "", name ?? "", request.LegalBasis is null ? null : legalBasis ?? "", request.TargetKinds ?? []);
        foreach (var (field, message) in proposed.Problems())
        {
            errors.Add(field, message);
        }

        return errors;
    }

    private static void Apply(TacticRequest request, ListedTactic tactic, DateTimeOffset now)
    {
        tactic.Name = request.Name!.Trim();
        tactic.LegalBasis = request.LegalBasis?.Trim();
        tactic.TargetKinds = [.. request.TargetKinds!];
        tactic.Retired = request.Retired;
        tactic.UpdatedAt = now;
    }
}

/// <summary>A tactic to add to the partnership's list, or the new state of one.</summary>
public sealed record TacticRequest
{
    /// <summary>Stable identifier, 2 to 64 lower-case letters, digits or underscores starting with a letter; required when adding, and unchangeable.</summary>
    /// <example>youth_outreach_bus</example>
    public string? Code { get; init; }

    /// <summary>What partners call it, at most 200 characters.</summary>
    /// <example>Youth outreach bus</example>
    public string? Name { get; init; }

    /// <summary>The power it rests on, at most 500 characters; leave it out when it needs none.</summary>
    public string? LegalBasis { get; init; }

    /// <summary>What it can be taken against: hotspot, premises, vehicle, location, person (at least one, each once).</summary>
    public List<ActionTargetKind>? TargetKinds { get; init; }

    /// <summary>True retires it: actions already taken keep it, no new action may take it.</summary>
    public bool Retired { get; init; }
}

/// <summary>A tactic on the partnership's list.</summary>
/// <param name="Code">Stable identifier actions refer to.</param>
/// <param name="Name">What partners call it.</param>
/// <param name="LegalBasis">The power it rests on, where it has one.</param>
/// <param name="TargetKinds">What it can be taken against.</param>
/// <param name="BuiltIn">True for the tactics the service ships with.</param>
/// <param name="Retired">True when no new action may take it.</param>
public sealed record TacticView(string Code, string Name, string? LegalBasis, IReadOnlyList<ActionTargetKind> TargetKinds, bool BuiltIn, bool Retired)
{
    public static TacticView Of(ListedTactic tactic) =>
        new(tactic.Code, tactic.Name, tactic.LegalBasis, tactic.TargetKinds, tactic.BuiltIn, tactic.Retired);
}
