using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Tasking;

namespace HotspotIntel.Api.DisruptionActions;

/// <summary>
/// The partnership's tactic list (issue 15 §1): the built-in tactics, seeded by migrations/0036, and those administrators
/// add. Every operational role reads it; administrators add, change and retire tactics (never delete: actions keep
/// theirs), each change audited by the database like a record's.
/// </summary>
public static class TacticsApi
{
    public const string Route = "/api/disruption-tactics";

    internal static readonly MaintainedList<ListedTactic, TacticRequest, TacticView> List = new()
    {
        Route = Route,
        Noun = "tactic",
        Name = "DisruptionTactic",
        CodeReferredToBy = "actions refer to it",
        Summaries = (
            List: "The partnership's disruption tactics, each with its legal basis where it has one, what it is taken against and whether it is retired.",
            Create: "Add a tactic to the partnership's list (administrators).",
            Update: "Change a tactic's name, legal basis or targets, or retire it so no new action takes it (administrators). Its code never changes."),
        Set = db => db.Tactics,
        Validate = Validate,
        Apply = (request, tactic) =>
        {
            tactic.Name = request.Name!.Trim();
            tactic.LegalBasis = request.LegalBasis?.Trim();
            tactic.TargetKinds = [.. request.TargetKinds!];
        },
        View = TacticView.Of,
    };

    public static IEndpointRouteBuilder MapTacticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Route).WithTags("Disruption actions").MapMaintainedListEndpoints(List, Policies.ReadRecords, Policies.Administer);
        return app;
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
}

/// <summary>A tactic to add to the partnership's list, or the new state of one.</summary>
public sealed record TacticRequest : IMaintainedListRequest
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
