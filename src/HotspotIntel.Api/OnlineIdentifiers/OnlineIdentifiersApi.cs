using System.ComponentModel;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Identifiers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.OnlineIdentifiers;

/// <summary>
/// Online identifiers of interest (email addresses, social media and messaging handles, gaming ids): record, read,
/// correct, find by value however it is typed, and delete. Records like vehicles; reports name them and links join
/// them to persons, so they are nodes of the network.
/// </summary>
public static class OnlineIdentifiersApi
{
    internal static readonly RecordKind<OnlineIdentifier, OnlineIdentifierRequest, OnlineIdentifierView> Kind = new()
    {
        Route = "/api/online-identifiers",
        Noun = "online identifier",
        Name = "OnlineIdentifier",
        Access = new(Read: Policies.ReadRecords, Create: Policies.RecordPlaces, Change: Policies.RecordPlaces),
        Summaries = new(
            Get: "One online identifier.",
            Create: "Record an online identifier for your agency (stored lower case). Send an Idempotency-Key header to make retries safe.",
            Update: "Replace an online identifier's details (your agency's identifiers only).",
            Delete: "Delete an online identifier with your agency's links and mentions of it (your agency's identifiers only); 409 with the count if other agencies' records refer to it."),
        New = recording => new OnlineIdentifier { Id = Guid.CreateVersion7(recording.Now), Value = "", CreatedAt = recording.Now },
        ApplyAsync = Apply,
        View = OnlineIdentifierView.Of,
    };

    public static IEndpointRouteBuilder MapOnlineIdentifiersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Online identifiers");
        api.MapGet("/", ListOnlineIdentifiersAsync).WithName("ListOnlineIdentifiers").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List online identifiers filtered by value (however typed), type and agency, newest first.");
        api.MapRecordEndpoints(Kind);
        return app;
    }

    public static async Task<Results<Ok<Page<OnlineIdentifierView>>, ValidationProblem>> ListOnlineIdentifiersAsync(
        HotspotIntelDbContext db,
        [Description("The identifier, in any case, a handle with or without its @; matched exactly")] string? value,
        [Description("Identifier type codes, repeated or comma-separated")] string[]? identifierType,
        [Description("Recording agency")] Guid? agencyId,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var types = CodeListInput.Read<OnlineIdentifierType>(identifierType, "identifierType", errors);
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // A value is matched in each spelling its types give it (a handle loses its @; an email address keeps it).
        var values = value is null ? null
            : Enum.GetValues<OnlineIdentifierType>().Select(type => Core.Identifiers.OnlineIdentifiers.Normalise(type, value)).OfType<string>().Distinct().ToList();
        var (identifiers, next) = await page.ReadAsync(Filter(db.OnlineIdentifiers.AsNoTracking(), values, types, agencyId), o => o.Id, cancellationToken);
        return TypedResults.Ok(new Page<OnlineIdentifierView>([.. identifiers.Select(OnlineIdentifierView.Of)], next));
    }

    /// <summary>The list filter; values are compared in their stored spelling, so the (value, type) index serves them.</summary>
    internal static IQueryable<OnlineIdentifier> Filter(IQueryable<OnlineIdentifier> identifiers, List<string>? values,
        List<OnlineIdentifierType> types, Guid? agencyId)
    {
        if (values is not null)
        {
            identifiers = identifiers.Where(o => values.Contains(o.Value));
        }

        if (types.Count > 0)
        {
            identifiers = identifiers.Where(o => types.Contains(o.IdentifierType));
        }

        if (agencyId is not null)
        {
            identifiers = identifiers.Where(o => o.AgencyId == agencyId);
        }

        return identifiers;
    }

    private static Task Apply(OnlineIdentifierRequest request, OnlineIdentifier identifier, RecordWrite write)
    {
        var (recording, errors) = (write.Recording, write.Errors);
        request.ApplyRestrictions(identifier, recording, recording.Partnership.ReviewPeriods.EntityDays, errors);
        var value = Core.Identifiers.OnlineIdentifiers.Normalise(request.IdentifierType, request.Value);
        if (value is null)
        {
            errors.Add("value", request.IdentifierType == OnlineIdentifierType.Email
                ? "Must be an email address (name@example.org), at most 320 characters."
                : "Must be 1 to 320 characters without spaces.");
        }

        var platform = TextInput.Optional(request.Platform, 50, "platform", errors)?.ToLowerInvariant();
        var description = TextInput.Optional(request.Description, 5000, "description", errors);
        if (errors.Any)
        {
            return Task.CompletedTask;
        }

        identifier.IdentifierType = request.IdentifierType;
        identifier.Platform = platform;
        identifier.Value = value!;
        identifier.Description = description;
        identifier.UpdatedAt = recording.Now;
        return Task.CompletedTask;
    }
}
