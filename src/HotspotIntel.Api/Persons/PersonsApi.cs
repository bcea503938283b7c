using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Persons;

/// <summary>
/// Persons recorded because of a concern: record, read, correct, search by name, role and agency, and delete. Analysts
/// and supervisors only; every read states its justification and is logged as a consultation.
/// </summary>
public static class PersonsApi
{
    private const string Route = "/api/persons";
    private const string AuditedAs = "persons";
    private const int MaxAliases = 50;

    public static IEndpointRouteBuilder MapPersonsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Persons").RequireAuthorization(Policies.HandlePersonIntelligence);
        api.MapGet("/", ListPersonsAsync).WithName("ListPersons")
            .WithSummary("List persons filtered by role, agency and a name search, newest first. Requires a Justification header; logged.");
        api.MapGet("/{id}", GetPersonAsync).WithName("GetPerson")
            .WithSummary("One person, with whether they are frequently missing. Requires a Justification header; logged.");
        api.MapPost("/", CreatePersonAsync).WithName("CreatePerson")
            .WithSummary("Record a person for your agency. Send an Idempotency-Key header to make retries safe.");
        api.MapPost("/{id}/disclosures", DisclosePersonAsync).WithName("DisclosePerson")
            .WithSummary("Give one of your agency's persons to someone outside the system: returns the record as disclosed, with its marking and handling conditions, and logs the recipient and the reason.");
        api.MapPut("/{id}", UpdatePersonAsync).WithName("UpdatePerson").WithSummary("Replace a person's details (your agency's persons only).");
        api.MapDelete("/{id}", DeletePersonAsync).WithName("DeletePerson")
            .WithSummary("Delete a person with your agency's links, missing episodes and mentions of them (your agency's persons only); 409 with the count if other agencies' records refer to them.");
        return app;
    }

    public static async Task<Results<Ok<Page<PersonView>>, ValidationProblem>> ListPersonsAsync(
        HotspotIntelDbContext db, AuditLog audit, IOptions<PartnershipOptions> partnership, TimeProvider time,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        [Description("Role codes, repeated or comma-separated")] string[]? role,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Case-insensitive text found in the family name, given names or an alias")] string? q,
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("nextCursor of the previous page")] string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        var roles = CodeListInput.Read<PersonRole>(role, "role", errors);
        var pattern = TextSearch.Read(q, errors);
        var pageSize = KeysetCursor.ReadPaging(limit, cursor, errors, out var after);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await Filter(db.Persons.AsNoTracking(), roles, agencyId, pattern, after)
            .OrderByDescending(p => p.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = KeysetCursor.Next(page, pageSize, p => p.Id);
        var views = await ViewsAsync(page, db, partnership.Value.FrequentlyMissing, time.GetUtcNow(), cancellationToken);
        await audit.RecordConsultationAsync(AuditedAs, [.. page.Select(p => p.Id)], justification!, cancellationToken);
        return TypedResults.Ok(new Page<PersonView>(views, next));
    }

    /// <summary>The list filter; the name search is <c>ILIKE</c> on each name and on each element of the aliases array.</summary>
    internal static IQueryable<Person> Filter(IQueryable<Person> persons, List<PersonRole> roles, Guid? agencyId, string? pattern, Guid? after)
    {
        if (roles.Count > 0)
        {
            persons = persons.Where(p => roles.Contains(p.Role));
        }

        if (agencyId is not null)
        {
            persons = persons.Where(p => p.AgencyId == agencyId);
        }

        if (pattern is not null)
        {
            persons = persons.Where(p => EF.Functions.ILike(p.FamilyName, pattern, TextSearch.Escape)
                || EF.Functions.ILike(p.GivenNames, pattern, TextSearch.Escape)
                || p.Aliases.Any(alias => EF.Functions.ILike(alias, pattern, TextSearch.Escape)));
        }

        if (after is not null)
        {
            persons = persons.Where(p => p.Id.CompareTo(after.Value) < 0);
        }

        return persons;
    }

    public static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> GetPersonAsync(
        [Description("Person id")] Guid id,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        HotspotIntelDbContext db, AuditLog audit, IOptions<PartnershipOptions> partnership, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            return Problems.NotFound("person", id);
        }

        var view = (await ViewsAsync([person], db, partnership.Value.FrequentlyMissing, time.GetUtcNow(), cancellationToken))[0];
        await audit.RecordConsultationAsync(AuditedAs, [id], justification!, cancellationToken);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<Disclosure<PersonView>>, ValidationProblem, ProblemHttpResult>> DisclosePersonAsync(
        [Description("Person id")] Guid id, DisclosureRequest request, HotspotIntelDbContext db, AuditLog audit, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        if (request.Validate() is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Ownership.Refuses(person, "person", id, recording, out var problem))
        {
            return problem;
        }

        var view = (await ViewsAsync([person], db, recording.Partnership.FrequentlyMissing, recording.Now, cancellationToken))[0];
        await audit.RecordDisclosureAsync(AuditedAs, id, request, cancellationToken);
        return TypedResults.Ok(new Disclosure<PersonView>(request.Recipient!.Trim(), recording.Now, view));
    }

    public static async Task<Results<Created<PersonView>, ValidationProblem, ProblemHttpResult>> CreatePersonAsync(
        PersonRequest request,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Any unique string; a retry with the same key returns the first response")] string? idempotencyKey,
        HotspotIntelDbContext db, IdempotencyKeys idempotency, RecordingContext recording, CancellationToken cancellationToken)
    {
        return await RecordWrites.CreateAsync(db, idempotency, idempotencyKey, Route, request,
            () => new Person { Id = Guid.CreateVersion7(recording.Now), FamilyName = "", GivenNames = "", CreatedAt = recording.Now },
            (person, errors) => Apply(request, person, recording, errors),
            // A person just recorded has no missing episodes yet.
            person => PersonView.Of(person, [], recording.Partnership.FrequentlyMissing, recording.Now), cancellationToken);
    }

    public static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> UpdatePersonAsync(
        [Description("Person id")] Guid id, PersonRequest request, HotspotIntelDbContext db, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var person = await db.Persons.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Ownership.Refuses(person, "person", id, recording, out var problem))
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var wasChild = person.IsChild;
        await Apply(request, person, recording, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // Only a child at risk has missing episodes; changing the role would leave them attached to an adult.
        if (wasChild && !person.IsChild && await db.MissingEpisodes.AnyAsync(e => e.PersonId == id, cancellationToken))
        {
            return Problems.Conflict("The person has missing episodes.",
                "Only a child at risk has missing episodes; delete this person's episodes before changing their role.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await ViewsAsync([person], db, recording.Partnership.FrequentlyMissing, recording.Now, cancellationToken))[0]);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeletePersonAsync(
        [Description("Person id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        RecordWrites.DeleteAsync<Person>(db, id, "person", recording, cancellationToken);

    /// <summary>The views of <paramref name="persons"/>, with the missing episodes of the children among them loaded in one query.</summary>
    private static async Task<List<PersonView>> ViewsAsync(List<Person> persons, HotspotIntelDbContext db, FrequentlyMissingRule rule,
        DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var childIds = persons.Where(p => p.IsChild).Select(p => p.Id).ToList();
        // A day more than the window, so the (person_id, missing_from) index narrows the rows; the rule decides which count.
        var since = asOf.AddDays(-rule.WindowDays - 1);
        var starts = childIds.Count == 0 ? [] : await db.MissingEpisodes.AsNoTracking()
            .Where(e => childIds.Contains(e.PersonId) && e.MissingFrom >= since)
            .Select(e => new { e.PersonId, e.MissingFrom }).ToListAsync(cancellationToken);
        var startsByPerson = starts.ToLookup(e => e.PersonId, e => e.MissingFrom);
        return [.. persons.Select(p => PersonView.Of(p, startsByPerson[p.Id], rule, asOf))];
    }

    /// <remarks>Synchronous: it returns a task only to be the apply step of <see cref="RecordWrites"/>.</remarks>
    private static Task Apply(PersonRequest request, Person person, RecordingContext recording, ValidationErrors errors)
    {
        request.ApplyRestrictions(person, recording, recording.Partnership.ReviewPeriods.EntityDays, errors);
        var familyName = TextInput.Required(request.FamilyName, 200, "familyName", errors);
        var givenNames = TextInput.Required(request.GivenNames, 200, "givenNames", errors);
        if (request.Aliases.Count > MaxAliases)
        {
            errors.Add("aliases", $"At most {MaxAliases} aliases.");
        }

        var aliases = request.Aliases.Select(alias => TextInput.Required(alias, 200, "aliases", errors)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (request.DateOfBirth > recording.Today)
        {
            errors.Add("dateOfBirth", "Cannot be in the future.");
        }

        var description = TextInput.Optional(request.Description, 5000, "description", errors);
        if (errors.Any)
        {
            return Task.CompletedTask;
        }

        person.Role = request.Role;
        person.FamilyName = familyName;
        person.GivenNames = givenNames;
        person.Aliases = aliases;
        person.DateOfBirth = request.DateOfBirth;
        person.Description = description;
        person.UpdatedAt = recording.Now;

        return Task.CompletedTask;
    }
}
