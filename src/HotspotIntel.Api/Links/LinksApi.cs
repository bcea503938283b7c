using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core;
using HotspotIntel.Core.Links;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Links;

/// <summary>
/// Links between persons, premises, vehicles and places, with their provenance: record, read, correct, list by entity,
/// and delete. Person-level intelligence: analysts and supervisors only; every read states its justification and is logged.
/// </summary>
public static class LinksApi
{
    private const string Route = "/api/links";
    private const string AuditedAs = "links";

    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Links").RequireAuthorization(Policies.HandlePersonIntelligence);
        api.MapGet("/", ListLinksAsync).WithName("ListLinks")
            .WithSummary("List links touching an entity, filtered by link type and agency, newest first. Requires a Justification header; logged.");
        api.MapGet("/{id}", GetLinkAsync).WithName("GetLink")
            .WithSummary("One link with its ends and source reports. Requires a Justification header; logged.");
        api.MapPost("/", CreateLinkAsync).WithName("CreateLink")
            .WithSummary("Record a link between two entities for your agency. Send an Idempotency-Key header to make retries safe.");
        api.MapPut("/{id}", UpdateLinkAsync).WithName("UpdateLink")
            .WithSummary("Replace a link's ends, type, dates and provenance (your agency's links only).");
        api.MapDelete("/{id}", DeleteLinkAsync).WithName("DeleteLink").WithSummary("Delete a link (your agency's links only).");
        return app;
    }

    public static async Task<Results<Ok<Page<LinkView>>, ValidationProblem>> ListLinksAsync(
        HotspotIntelDbContext db, AuditLog audit,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        [Description("With entityId: the kind of entity whose links to list (person, premises, vehicle, location)")] string? entityKind,
        [Description("With entityKind: the entity whose links to list, at either end")] Guid? entityId,
        [Description("Link type codes, repeated or comma-separated")] string[]? linkType,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("nextCursor of the previous page")] string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        var kind = CodeListInput.ReadOne<EntityKind>(entityKind, "entityKind", errors);
        if (entityKind is null != entityId is null)
        {
            errors.Add(entityId is null ? "entityId" : "entityKind", "entityKind and entityId go together: give both or neither.");
        }

        var types = CodeListInput.Read<LinkType>(linkType, "linkType", errors);
        var pageSize = KeysetCursor.ReadPaging(limit, cursor, errors, out var after);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var touching = kind is null ? null : new EntityReference(kind.Value, entityId!.Value);
        var page = await Filter(db.Links.AsNoTracking(), touching, types, agencyId, after).Include(l => l.SourceReports)
            .OrderByDescending(l => l.Id).Take(pageSize + 1).AsSplitQuery().ToListAsync(cancellationToken);
        var next = KeysetCursor.Next(page, pageSize, l => l.Id);
        await audit.RecordConsultationAsync(AuditedAs, [.. page.Select(l => l.Id)], justification!, cancellationToken,
            page.SelectMany(PersonsAtEnds));
        return TypedResults.Ok(new Page<LinkView>([.. page.Select(LinkView.Of)], next));
    }

    /// <summary>The persons a link joins, which a read of it consults too.</summary>
    private static Guid?[] PersonsAtEnds(Link link) => [link.PersonId, link.RelatedPersonId];

    /// <summary>The list filter; each end column has its own partial index, so "links touching X" is an index scan.</summary>
    internal static IQueryable<Link> Filter(IQueryable<Link> links, EntityReference? touching, List<LinkType> types, Guid? agencyId, Guid? after)
    {
        if (touching is { Id: var id })
        {
            links = touching.Kind switch
            {
                EntityKind.Person => links.Where(l => l.PersonId == id || l.RelatedPersonId == id),
                EntityKind.Premises => links.Where(l => l.PremisesId == id),
                EntityKind.Vehicle => links.Where(l => l.VehicleId == id),
                EntityKind.Location => links.Where(l => l.LocationId == id),
                _ => throw new ArgumentOutOfRangeException(nameof(touching), touching.Kind, "Not an entity kind."),
            };
        }

        if (types.Count > 0)
        {
            links = links.Where(l => types.Contains(l.LinkType));
        }

        if (agencyId is not null)
        {
            links = links.Where(l => l.AgencyId == agencyId);
        }

        if (after is not null)
        {
            links = links.Where(l => l.Id.CompareTo(after.Value) < 0);
        }

        return links;
    }

    public static async Task<Results<Ok<LinkView>, ValidationProblem, ProblemHttpResult>> GetLinkAsync(
        [Description("Link id")] Guid id,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        HotspotIntelDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var link = await db.Links.AsNoTracking().Include(l => l.SourceReports).SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (link is null)
        {
            return Problems.NotFound("link", id);
        }

        await audit.RecordConsultationAsync(AuditedAs, [id], justification!, cancellationToken, PersonsAtEnds(link));
        return TypedResults.Ok(LinkView.Of(link));
    }

    public static async Task<Results<Created<LinkView>, ValidationProblem, ProblemHttpResult>> CreateLinkAsync(
        LinkRequest request,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Any unique string; a retry with the same key returns the first response")] string? idempotencyKey,
        HotspotIntelDbContext db, IdempotencyKeys idempotency, RecordingContext recording, CancellationToken cancellationToken)
    {
        return await RecordWrites.CreateAsync(db, idempotency, idempotencyKey, Route, request,
            () => new Link { Id = Guid.CreateVersion7(recording.Now), CreatedAt = recording.Now },
            (link, errors) => ApplyAsync(request, link, db, recording, errors, cancellationToken),
            LinkView.Of, cancellationToken);
    }

    public static async Task<Results<Ok<LinkView>, ValidationProblem, ProblemHttpResult>> UpdateLinkAsync(
        [Description("Link id")] Guid id, LinkRequest request, HotspotIntelDbContext db, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var link = await db.Links.Include(l => l.SourceReports).SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        return await RecordWrites.UpdateAsync(db, link, "link", id, recording,
            (link, errors) => ApplyAsync(request, link, db, recording, errors, cancellationToken),
            LinkView.Of, cancellationToken);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteLinkAsync(
        [Description("Link id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        RecordWrites.DeleteAsync<Link>(db, id, "link", recording, cancellationToken);

    private static async Task ApplyAsync(LinkRequest request, Link link, HotspotIntelDbContext db, RecordingContext recording,
        ValidationErrors errors, CancellationToken cancellationToken)
    {
        request.ApplyRestrictions(link, recording, recording.Partnership.ReviewPeriods.EntityDays, errors);
        var kind = LinkKinds.Between(request.From.Kind, request.To.Kind);
        if (kind is null)
        {
            errors.Add("to.kind", $"A {EnumCodes<EntityKind>.ToCode(request.From.Kind)} cannot be linked to a {EnumCodes<EntityKind>.ToCode(request.To.Kind)}; "
                + "linkable pairs are person–person, person–premises, person–vehicle, person–location and premises–vehicle.");
        }
        else if (kind == LinkKind.PersonPerson && request.From.Id == request.To.Id)
        {
            errors.Add("to.id", "A person cannot be linked to themselves.");
        }

        await CheckExistsAsync(request.From, "from.id", db, errors, cancellationToken);
        await CheckExistsAsync(request.To, "to.id", db, errors, cancellationToken);
        if (request.EndsOn < request.StartsOn)
        {
            errors.Add("endsOn", "Cannot be before startsOn.");
        }

        var notes = TextInput.Optional(request.Notes, 5000, "notes", errors);
        var sourceReports = await References.LoadAsync(db.Reports, request.SourceReportIds, r => r.Id, "sourceReportIds", "report", errors, cancellationToken);
        if (errors.Any)
        {
            return;
        }

        LinkEnds.Set(link, kind!.Value, request.From, request.To);
        link.LinkType = request.LinkType;
        link.StartsOn = request.StartsOn;
        link.EndsOn = request.EndsOn;
        link.Notes = notes;
        link.SourceReports.Clear();
        link.SourceReports.AddRange(sourceReports);
        link.UpdatedAt = recording.Now;
    }

    private static async Task CheckExistsAsync(EntityReference end, string field, HotspotIntelDbContext db, ValidationErrors errors,
        CancellationToken cancellationToken)
    {
        var exists = end.Kind switch
        {
            EntityKind.Person => await db.Persons.AnyAsync(p => p.Id == end.Id, cancellationToken),
            EntityKind.Premises => await db.Premises.AnyAsync(p => p.Id == end.Id, cancellationToken),
            EntityKind.Vehicle => await db.Vehicles.AnyAsync(v => v.Id == end.Id, cancellationToken),
            EntityKind.Location => await db.Locations.AnyAsync(l => l.Id == end.Id, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(end), end.Kind, "Not an entity kind."),
        };
        if (!exists)
        {
            errors.Add(field, $"There is no {EnumCodes<EntityKind>.ToCode(end.Kind)} with id {end.Id}.");
        }
    }
}
