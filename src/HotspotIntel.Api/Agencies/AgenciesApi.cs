using System.ComponentModel;
using System.Text.RegularExpressions;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Agencies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Agencies;

/// <summary>The partner agencies that record and share intelligence.</summary>
public static partial class AgenciesApi
{
    public static IEndpointRouteBuilder MapAgenciesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agencies").WithTags("Agencies");
        api.MapGet("/", ListAgenciesAsync).WithName("ListAgencies").WithSummary("All partner agencies, by code.");
        api.MapGet("/{id}", GetAgencyAsync).WithName("GetAgency").WithSummary("One agency.");
        api.MapPost("/", CreateAgencyAsync).WithName("CreateAgency").RequireAuthorization(Policies.Administer)
            .WithSummary("Add a partner agency (administrators).");
        api.MapPut("/{id}", UpdateAgencyAsync).WithName("UpdateAgency").RequireAuthorization(Policies.Administer)
            .WithSummary("Change an agency's code, name or kind (administrators).");
        api.MapDelete("/{id}", DeleteAgencyAsync).WithName("DeleteAgency").RequireAuthorization(Policies.Administer)
            .WithSummary("Remove an agency that owns no records (administrators).");
        return app;
    }

    public static async Task<Ok<List<AgencyView>>> ListAgenciesAsync(HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Agencies.AsNoTracking().OrderBy(a => a.Code)
            .Select(a => new AgencyView(a.Id, a.Code, a.Name, a.Kind)).ToListAsync(cancellationToken));

    public static async Task<Results<Ok<AgencyView>, ProblemHttpResult>> GetAgencyAsync(
        [Description("Agency id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return agency is null ? Problems.NotFound("agency", id) : TypedResults.Ok(AgencyView.Of(agency));
    }

    public static async Task<Results<Created<AgencyView>, ValidationProblem, ProblemHttpResult>> CreateAgencyAsync(
        AgencyRequest request, HotspotIntelDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var agency = new Agency { Id = Guid.CreateVersion7(time.GetUtcNow()), Code = "", Name = "" };
        var errors = Validate(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await CodeTakenAsync(request, agency.Id, db, cancellationToken))
        {
            return Problems.Conflict("Agency code in use.", $"Another agency already has the code {NormalisedCode(request)}.");
        }

        Apply(request, agency);

        db.Agencies.Add(agency);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/agencies/{agency.Id}", AgencyView.Of(agency));
    }

    public static async Task<Results<Ok<AgencyView>, ValidationProblem, ProblemHttpResult>> UpdateAgencyAsync(
        [Description("Agency id")] Guid id, AgencyRequest request, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (agency is null)
        {
            return Problems.NotFound("agency", id);
        }

        var errors = Validate(request);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await CodeTakenAsync(request, agency.Id, db, cancellationToken))
        {
            return Problems.Conflict("Agency code in use.", $"Another agency already has the code {NormalisedCode(request)}.");
        }

        Apply(request, agency);

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AgencyView.Of(agency));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAgencyAsync(
        [Description("Agency id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        // A foreign-key violation here (the agency still owns records) becomes a 409 in BadRequestExceptionHandler.
        var deleted = await db.Agencies.Where(a => a.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("agency", id) : TypedResults.NoContent();
    }

    private static string NormalisedCode(AgencyRequest request) => request.Code.Trim().ToUpperInvariant();

    private static ValidationErrors Validate(AgencyRequest request)
    {
        var errors = new ValidationErrors();
        if (!AgencyCode().IsMatch(NormalisedCode(request)))
        {
            errors.Add("code", "Must be 2 to 16 capital letters, digits or hyphens.");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors.Add("name", "Must be 1 to 200 characters.");
        }

        return errors;
    }

    private static Task<bool> CodeTakenAsync(AgencyRequest request, Guid agencyId, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var code = NormalisedCode(request);
        return db.Agencies.AnyAsync(a => a.Code == code && a.Id != agencyId, cancellationToken);
    }

    private static void Apply(AgencyRequest request, Agency agency)
    {
        agency.Code = NormalisedCode(request);
        agency.Name = request.Name.Trim();
        agency.Kind = request.Kind;
    }

    [GeneratedRegex("^[A-Z0-9-]{2,16}$")]
    private static partial Regex AgencyCode();
}
