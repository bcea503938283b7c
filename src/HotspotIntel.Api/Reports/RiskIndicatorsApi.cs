using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Reports;

/// <summary>
/// The partnership's risk indicator list (issue 16 §4): the built-in screening flags, seeded by migrations/0042, and
/// those administrators add. Every operational role reads it; administrators add, change and retire indicators (never
/// delete: reports keep theirs), each change audited by the database like a record's. The same shape as the tactic list.
/// </summary>
public static class RiskIndicatorsApi
{
    public const string Route = "/api/risk-indicators";

    public static IEndpointRouteBuilder MapRiskIndicatorsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Reports");
        api.MapGet("/", ListRiskIndicatorsAsync).WithName("ListRiskIndicators").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("The partnership's risk indicators (screening flags reports record), each with its label, description and whether it is retired.");
        api.MapPost("/", CreateRiskIndicatorAsync).WithName("CreateRiskIndicator").RequireAuthorization(Policies.Administer)
            .WithSummary("Add a risk indicator to the partnership's list (administrators).");
        api.MapPut("/{code}", UpdateRiskIndicatorAsync).WithName("UpdateRiskIndicator").RequireAuthorization(Policies.Administer)
            .WithSummary("Change a risk indicator's label or description, or retire it so no new report takes it (administrators). Its code never changes.");
        return app;
    }

    public static async Task<Ok<List<RiskIndicatorView>>> ListRiskIndicatorsAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await RiskIndicatorList.LoadAsync(db, cancellationToken)).All.Select(RiskIndicatorView.Of).ToList());

    public static async Task<Results<Created<RiskIndicatorView>, ValidationProblem, ProblemHttpResult>> CreateRiskIndicatorAsync(
        RiskIndicatorRequest request, HotspotIntelDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = Validate(request, request.Code);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var code = request.Code!.Trim();
        if (await db.RiskIndicators.AnyAsync(i => i.Code == code, cancellationToken))
        {
            return Problems.Conflict("Risk indicator code in use.", $"The partnership already has a risk indicator with the code {code}.");
        }

        var now = time.GetUtcNow();
        var indicator = new ListedRiskIndicator
        {
            Id = Guid.CreateVersion7(now),
            Code = code,
            BuiltIn = false,
            ListPosition = (await db.RiskIndicators.MaxAsync(i => (int?)i.ListPosition, cancellationToken) ?? 0) + 1,
            CreatedAt = now,
        };
        Apply(request, indicator, now);
        db.RiskIndicators.Add(indicator);
        // A unique violation (the same code added at the same moment) becomes a 409 in BadRequestExceptionHandler.
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"{Route}/{indicator.Code}", RiskIndicatorView.Of(indicator));
    }

    public static async Task<Results<Ok<RiskIndicatorView>, ValidationProblem, ProblemHttpResult>> UpdateRiskIndicatorAsync(
        [Description("The risk indicator's code")] string code, RiskIndicatorRequest request, HotspotIntelDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var indicator = await db.RiskIndicators.SingleOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (indicator is null)
        {
            return Problems.NotFound("risk indicator", code);
        }

        var errors = Validate(request, indicator.Code);
        if (request.Code is not null && request.Code.Trim() != indicator.Code)
        {
            errors.Add("code", $"A risk indicator's code never changes (reports carry it); this one's is {indicator.Code}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        Apply(request, indicator, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(RiskIndicatorView.Of(indicator));
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

    private static void Apply(RiskIndicatorRequest request, ListedRiskIndicator indicator, DateTimeOffset now)
    {
        indicator.Label = request.Label!.Trim();
        indicator.Description = request.Description?.Trim();
        indicator.Retired = request.Retired;
        indicator.UpdatedAt = now;
    }
}

/// <summary>A risk indicator to add to the partnership's list, or the new state of one.</summary>
public sealed record RiskIndicatorRequest
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
