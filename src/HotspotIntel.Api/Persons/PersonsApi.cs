using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.MissingEpisodes;
using HotspotIntel.Core.Persons;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Persons;

/// <summary>
/// Persons recorded because of a concern: record, read, correct, search by name, role and agency, and delete. Analysts
/// and supervisors only; every read states its justification and is logged as a consultation.
/// </summary>
public static class PersonsApi
{
    private const int MaxAliases = 50;

    internal static readonly RecordKind<Person, PersonRequest, PersonView> Kind = new()
    {
        Route = "/api/persons",
        Noun = "person",
        Name = "Person",
        Access = new(Read: Policies.HandlePersonIntelligence, Create: Policies.HandlePersonIntelligence, Change: Policies.HandlePersonIntelligence),
        Summaries = new(
            Get: "One person, with whether they are frequently missing. Requires a Justification header; logged.",
            Create: "Record a person for your agency. Send an Idempotency-Key header to make retries safe.",
            Update: "Replace a person's details (your agency's persons only).",
            Delete: "Delete a person with your agency's links, missing episodes and mentions of them (your agency's persons only); 409 with the count if other agencies' records refer to them."),
        ReadsAreConsultations = true,
        New = recording => new Person { Id = Guid.CreateVersion7(recording.Now), FamilyName = "", GivenNames = "", CreatedAt = recording.Now },
        ApplyAsync = ApplyAsync,
        ViewAsync = async (person, db, recording, cancellationToken) =>
            (await ViewsAsync([person], db, recording.Partnership.FrequentlyMissing, recording.Now, cancellationToken))[0],
    };

    public static IEndpointRouteBuilder MapPersonsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Persons").RequireAuthorization(Policies.HandlePersonIntelligence);
        api.MapGet("/", ListPersonsAsync).WithName("ListPersons")
            .WithSummary("List persons filtered by role, agency and a name search, newest first. Requires a Justification header; logged.");
        api.MapRecordEndpoints(Kind);
        api.MapDisclosures(Kind, "Give one of your agency's persons to someone outside the system: returns the record as disclosed, with its marking and handling conditions, and logs the recipient and the reason.");
        return app;
    }

    public static async Task<Results<Ok<Page<PersonView>>, ValidationProblem>> ListPersonsAsync(
        HotspotIntelDbContext db, AuditLog audit, RecordingContext recording,
        [AsParameters] JustificationHeader justification,
        [Description("Role codes, repeated or comma-separated")] string[]? role,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Case-insensitive text found in the family name, given names or an alias")] string? q,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        justification.Require(errors);
        var roles = CodeListInput.Read<PersonRole>(role, "role", errors);
        var pattern = TextSearch.Read(q, errors);
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (persons, next) = await page.ReadAsync(Filter(db.Persons.AsNoTracking(), roles, agencyId, pattern), p => p.Id, cancellationToken);
        var views = await ViewsAsync(persons, db, recording.Partnership.FrequentlyMissing, recording.Now, cancellationToken);
        await audit.RecordConsultationAsync(Kind.Table(db), [.. persons.Select(p => p.Id)], justification.Value!, cancellationToken);
        return TypedResults.Ok(new Page<PersonView>(views, next));
    }

    /// <summary>The list filter, without merged duplicates; the name search is <c>ILIKE</c> on each name and on each element of the aliases array.</summary>
    internal static IQueryable<Person> Filter(IQueryable<Person> persons, List<PersonRole> roles, Guid? agencyId, string? pattern)
    {
        // A person merged into another is listed as that person, not again.
        persons = persons.Where(p => p.MergedIntoId == null);
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

        return persons;
    }

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
        // A merged person points at its survivor only for a reader who may read the survivor too.
        var survivorIds = persons.Where(p => p.MergedIntoId is not null).Select(p => p.MergedIntoId!.Value).Distinct().ToList();
        var readable = survivorIds.Count == 0 ? [] : await db.Persons.AsNoTracking().Where(p => survivorIds.Contains(p.Id)).Select(p => p.Id)
            .ToHashSetAsync(cancellationToken);
        return [.. persons.Select(p => PersonView.Of(p, startsByPerson[p.Id], rule, asOf, p.MergedIntoId is { } survivor && readable.Contains(survivor)))];
    }

    private static async Task ApplyAsync(PersonRequest request, Person person, RecordWrite write)
    {
        var (recording, errors) = (write.Recording, write.Errors);
        var wasChild = person.IsChild;
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
            return;
        }

        person.Role = request.Role;
        person.FamilyName = familyName;
        person.GivenNames = givenNames;
        person.Aliases = aliases;
        person.DateOfBirth = request.DateOfBirth;
        person.Description = description;
        person.UpdatedAt = recording.Now;

        // Only a child at risk has missing episodes; changing the role would leave them attached to an adult.
        if (wasChild && !person.IsChild && await write.Db.MissingEpisodes.AnyAsync(e => e.PersonId == person.Id, write.CancellationToken))
        {
            write.Refusal = Problems.Conflict("The person has missing episodes.",
                "Only a child at risk has missing episodes; delete this person's episodes before changing their role.");
        }
    }
}
