using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Agencies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Agencies;

/// <summary>Standing agreements under which one agency's P-coded records are readable by another.</summary>
public static class SharingAgreementsApi
{
    public static IEndpointRouteBuilder MapSharingAgreementsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sharing-agreements").WithTags("Agencies");
        api.MapGet("/", ListSharingAgreementsAsync).WithName("ListSharingAgreements").WithSummary("All sharing agreements.");
        api.MapPost("/", CreateSharingAgreementAsync).WithName("CreateSharingAgreement").RequireAuthorization(Policies.Administer)
            .WithSummary("Let a partner agency read an owner agency's P-coded records (administrators).");
        api.MapDelete("/{id}", DeleteSharingAgreementAsync).WithName("DeleteSharingAgreement").RequireAuthorization(Policies.Administer)
            .WithSummary("End a sharing agreement (administrators).");
        return app;
    }

    public static async Task<Ok<List<SharingAgreementView>>> ListSharingAgreementsAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.SharingAgreements.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new SharingAgreementView(a.Id, a.OwnerAgencyId, a.PartnerAgencyId, a.Purpose, a.StartsOn, a.EndsOn))
            .ToListAsync(cancellationToken));

    public static async Task<Results<Created<SharingAgreementView>, ValidationProblem>> CreateSharingAgreementAsync(
        SharingAgreementRequest request, HotspotIntelDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request.OwnerAgencyId == request.PartnerAgencyId)
        {
            errors.Add("partnerAgencyId", "An agency does not need an agreement to read its own records.");
        }

        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Length > 2000)
        {
            errors.Add("purpose", "Must be 1 to 2000 characters.");
        }

        if (request.EndsOn < request.StartsOn)
        {
            errors.Add("endsOn", "Cannot be before startsOn.");
        }

        foreach (var (field, id) in new[] { ("ownerAgencyId", request.OwnerAgencyId), ("partnerAgencyId", request.PartnerAgencyId) })
        {
            if (!await db.Agencies.AnyAsync(a => a.Id == id, cancellationToken))
            {
                errors.Add(field, $"There is no agency with id {id}.");
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var now = time.GetUtcNow();
        var agreement = new SharingAgreement
        {
            Id = Guid.CreateVersion7(now),
            OwnerAgencyId = request.OwnerAgencyId,
            PartnerAgencyId = request.PartnerAgencyId,
            Purpose = request.Purpose.Trim(),
            StartsOn = request.StartsOn,
            EndsOn = request.EndsOn,
            CreatedAt = now,
        };
        db.SharingAgreements.Add(agreement);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/sharing-agreements/{agreement.Id}", new SharingAgreementView(agreement.Id,
            agreement.OwnerAgencyId, agreement.PartnerAgencyId, agreement.Purpose, agreement.StartsOn, agreement.EndsOn));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSharingAgreementAsync(
        [Description("Sharing agreement id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.SharingAgreements.Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("sharing agreement", id) : TypedResults.NoContent();
    }
}

/// <summary>A sharing agreement to record.</summary>
public sealed record SharingAgreementRequest
{
    /// <summary>The agency whose P-coded records become readable.</summary>
    public required Guid OwnerAgencyId { get; init; }

    /// <summary>The agency that may read them.</summary>
    public required Guid PartnerAgencyId { get; init; }

    /// <summary>The purpose of the information sharing agreement.</summary>
    /// <example>Multi-agency CSE tasking under the partnership's information sharing agreement of 2026</example>
    public required string Purpose { get; init; }

    /// <summary>First day in force.</summary>
    public required DateOnly StartsOn { get; init; }

    /// <summary>Last day in force, if it ends.</summary>
    public DateOnly? EndsOn { get; init; }
}

/// <summary>A sharing agreement.</summary>
public sealed record SharingAgreementView(Guid Id, Guid OwnerAgencyId, Guid PartnerAgencyId, string Purpose, DateOnly StartsOn, DateOnly? EndsOn);
