using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Reports;

namespace HotspotIntel.Api.Reports;

/// <summary>
/// The partnership's risk indicator list (issue 16 §4): the built-in screening flags, seeded by migrations/0042, and
/// those administrators add. Every operational role reads it; administrators add, change and retire indicators (never
/// delete: reports keep theirs), each change audited by the database like a record's: the endpoints every maintained
/// list shares (<see cref="MaintainedListEndpoints"/>), as the tactic list has them.
/// </summary>
public static class RiskIndicatorsApi
{
    public const string Route = "/api/risk-indicators";

    internal static readonly MaintainedList<ListedRiskIndicator, RiskIndicatorRequest, RiskIndicatorView> List = new()
    {
        Route = Route,
        Noun = "risk indicator",
        Name = "RiskIndicator",
        CodeReferredToBy = "reports carry it",
        Summaries = (
            List: "The partnership's risk indicators (screening flags reports record), each with its label, description and whether it is retired.",
            Create: "Add a risk indicator to the partnership's list (administrators).",
            Update: "Change a risk indicator's label or description, or retire it so no new report takes it (administrators). Its code never changes."),
        Set = db => db.RiskIndicators,
        Validate = Validate,
        Apply = (request, indicator) =>
        {
            indicator.Label = request.Label!.Trim();
            indicator.Description = request.Description?.Trim();
        },
        View = RiskIndicatorView.Of,
    };

    public static IEndpointRouteBuilder MapRiskIndicatorsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup(Route).WithTags("Reports").MapMaintainedListEndpoints(List, Policies.ReadRecords, Policies.Administer);
        return app;
    }

    private static ValidationErrors Validate(RiskIndicatorRequest request, string? code)
    {
        var errors = new ValidationErrors();
        var label = TextInput.Optional(request.Label, 200, "label", errors);
        var description = TextInput.Optional(request.Description, 1000, "description", errors);
        if (errors.Any)
        {
            return errors;
        }

        var proposed = new RiskIndicator(code?.Trim() ?? "", label ?? "", request.Description is null ? null : description ?? "");
        foreach (var (field, message) in proposed.Problems())
        {
            errors.Add(field, message);
        }

        return errors;
    }
}

/// <summary>A risk indicator to add to the partnership's list, or the new state of one.</summary>
public sealed record RiskIndicatorRequest : IMaintainedListRequest
{
    /// <summary>Stable identifier, 2 to 64 lower-case letters, digits or underscores starting with a letter; required when adding, and unchangeable.</summary>
    /// <example>hotel_stays</example>
    public string? Code { get; init; }

    /// <summary>What partners call it, at most 200 characters.</summary>
    /// <example>Stays in hotels</example>
    public string? Label { get; init; }

    /// <summary>What counts as it, at most 1000 characters; leave it out when the label says enough.</summary>
    /// <example>Seen at, or known to have stayed at, hotels or short-let flats with adults.</example>
    public string? Description { get; init; }

    /// <summary>True retires it: reports that carry it keep it, no new report may take it.</summary>
    public bool Retired { get; init; }
}

/// <summary>A risk indicator on the partnership's list.</summary>
/// <param name="Code">Stable identifier reports carry.</param>
/// <param name="Label">What partners call it.</param>
/// <param name="Description">What counts as it, where the label needs saying more.</param>
/// <param name="BuiltIn">True for the indicators the service ships with.</param>
/// <param name="Retired">True when no new report may take it.</param>
public sealed record RiskIndicatorView(string Code, string Label, string? Description, bool BuiltIn, bool Retired)
{
    public static RiskIndicatorView Of(ListedRiskIndicator indicator) =>
        new(indicator.Code, indicator.Label, indicator.Description, indicator.BuiltIn, indicator.Retired);
}
