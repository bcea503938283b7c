using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.EntityResolution;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core;
using HotspotIntel.Core.Links;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Links;

/// <summary>
/// Links between persons, premises, vehicles, places, phone numbers and online identifiers, with their provenance: record, read, correct, list by entity,
/// and delete. Person-level intelligence: analysts and supervisors only; every read states its justification and is logged.
/// </summary>
public static class LinksApi
{
    internal static readonly RecordKind<Link, LinkRequest, LinkView> Kind = new()
    {
        Route = "/api/links",
        Noun = "link",
        Name = "Link",
        Access = new(Read: Policies.HandlePersonIntelligence, Create: Policies.HandlePersonIntelligence, Change: Policies.HandlePersonIntelligence),
        Summaries = new(
            Get: "One link with its ends and source reports. Requires a Justification header; logged.",
            Create: "Record a link between two entities for your agency. Send an Idempotency-Key header to make retries safe.",
            Update: "Replace a link's ends, type, dates and provenance (your agency's links only).",
            Delete: "Delete a link (your agency's links only)."),
        ReadsAreConsultations = true,
        PersonsConcerned = PersonsAtEnds,
        Include = links => links.Include(l => l.SourceReports),
        New = recording => new Link { Id = Guid.CreateVersion7(recording.Now), CreatedAt = recording.Now },
        ApplyAsync = ApplyAsync,
        ViewAsync = async (link, db, _, cancellationToken) => LinkView.Of(link, await SurvivorsAsync(db, [link], cancellationToken)),
    };

    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Links").RequireAuthorization(Policies.HandlePersonIntelligence);
        api.MapGet("/", ListLinksAsync).WithName("ListLinks")
            .WithSummary("List links touching an entity, filtered by link type and agency, newest first. A person or vehicle merged into another "
                + "is read as that record: the links of the survivor and of every record merged into it. Requires a Justification header; logged.");
        api.MapRecordEndpoints(Kind);
        return app;
    }

    public static async Task<Results<Ok<Page<LinkView>>, ValidationProblem>> ListLinksAsync(
        HotspotIntelDbContext db, AuditLog audit,
        [AsParameters] JustificationHeader justification,
        [Description("With entityId: the kind of entity whose links to list (person, premises, vehicle, location, phone_number, online_identifier)")] string? entityKind,
        [Description("With entityKind: the entity whose links to list, at either end; for a person or vehicle, with the records merged into it (or, for a merged record, into its survivor)")] Guid? entityId,
        [Description("Link type codes, repeated or comma-separated")] string[]? linkType,
        [Description("Recording agency")] Guid? agencyId,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        justification.Require(errors);
        var kind = CodeListInput.ReadOne<EntityKind>(entityKind, "entityKind", errors);
        if (entityKind is null != entityId is null)
        {
            errors.Add(entityId is null ? "entityId" : "entityKind", "entityKind and entityId go together: give both or neither.");
        }

        var types = CodeListInput.Read<LinkType>(linkType, "linkType", errors);
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var touching = kind is null ? null : await TouchingAsync(db, kind.Value, entityId!.Value, cancellationToken);
        var (links, next) = await page.ReadAsync(
            Filter(db.Links.AsNoTracking(), touching, types, agencyId).Include(l => l.SourceReports).AsSplitQuery(), l => l.Id, cancellationToken);
        await audit.RecordConsultationAsync(Kind.Table(db), [.. links.Select(l => l.Id)], justification.Value!, cancellationToken,
            links.SelectMany(PersonsAtEnds));
        var survivors = await SurvivorsAsync(db, links, cancellationToken);
        return TypedResults.Ok(new Page<LinkView>([.. links.Select(link => LinkView.Of(link, survivors))], next));
    }

    /// <summary>
    /// The entities whose links are an entity's: a person or vehicle stands for its survivor and every record merged into
    /// it, as the network reads merges; any other entity for itself.
    /// </summary>
    private static async Task<Touching> TouchingAsync(HotspotIntelDbContext db, EntityKind kind, Guid id, CancellationToken cancellationToken) => kind switch
    {
        EntityKind.Person => new(kind, (await MergedRecords.OfPersonAsync(db, id, cancellationToken)).All),
        EntityKind.Vehicle => new(kind, (await MergedRecords.OfVehicleAsync(db, id, cancellationToken)).All),
        _ => new(kind, [id]),
    };

    /// <summary>The ends of <paramref name="links"/> merged into another record the reader may read, with that record.</summary>
    private static Task<Dictionary<Guid, Guid>> SurvivorsAsync(HotspotIntelDbContext db, IReadOnlyCollection<Link> links, CancellationToken cancellationToken) =>
        MergedRecords.SurvivorsAsync(db,
            [.. links.SelectMany(PersonsAtEnds).OfType<Guid>().Distinct()],
            [.. links.Select(l => l.VehicleId).OfType<Guid>().Distinct()], cancellationToken);

    /// <summary>Entities of one kind whose links to list.</summary>
    internal sealed record Touching(EntityKind Kind, IReadOnlyList<Guid> Ids);

    /// <summary>The persons a link joins, which a read of it consults too.</summary>
    private static Guid?[] PersonsAtEnds(Link link) => [link.PersonId, link.RelatedPersonId];

    /// <summary>The list filter; each end column has its own partial index, so "links touching X" is an index scan.</summary>
    internal static IQueryable<Link> Filter(IQueryable<Link> links, Touching? touching, List<LinkType> types, Guid? agencyId)
    {
        if (touching is { Ids: var touched })
        {
            var ids = touched.Select(id => (Guid?)id).ToList();
            links = touching.Kind switch
            {
                EntityKind.Person => links.Where(l => ids.Contains(l.PersonId) || ids.Contains(l.RelatedPersonId)),
                EntityKind.Premises => links.Where(l => ids.Contains(l.PremisesId)),
                EntityKind.Vehicle => links.Where(l => ids.Contains(l.VehicleId)),
                EntityKind.Location => links.Where(l => ids.Contains(l.LocationId)),
                EntityKind.PhoneNumber => links.Where(l => ids.Contains(l.PhoneNumberId)),
                EntityKind.OnlineIdentifier => links.Where(l => ids.Contains(l.OnlineIdentifierId)),
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

        return links;
    }

    private static async Task ApplyAsync(LinkRequest request, Link link, RecordWrite write)
    {
        var (db, recording, errors, cancellationToken) = (write.Db, write.Recording, write.Errors, write.CancellationToken);
        request.ApplyRestrictions(link, recording, recording.Partnership.ReviewPeriods.EntityDays, errors);
        var kind = LinkKinds.Between(request.From.Kind, request.To.Kind);
        if (kind is null)
        {
            errors.Add("to.kind", $"A {EnumCodes<EntityKind>.ToCode(request.From.Kind)} cannot be linked to a {EnumCodes<EntityKind>.ToCode(request.To.Kind)}; "
                + "linkable pairs are person–person, person–premises, person–vehicle, person–location, premises–vehicle, person–phone_number, "
                + "person–online_identifier and premises–phone_number.");
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
            EntityKind.PhoneNumber => await db.PhoneNumbers.AnyAsync(n => n.Id == end.Id, cancellationToken),
            EntityKind.OnlineIdentifier => await db.OnlineIdentifiers.AnyAsync(o => o.Id == end.Id, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(end), end.Kind, "Not an entity kind."),
        };
        if (!exists)
        {
            errors.Add(field, $"There is no {EnumCodes<EntityKind>.ToCode(end.Kind)} with id {end.Id}.");
        }
    }
}
