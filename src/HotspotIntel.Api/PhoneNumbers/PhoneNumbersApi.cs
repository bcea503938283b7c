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

namespace HotspotIntel.Api.PhoneNumbers;

/// <summary>
/// Phone numbers of interest: record, read, correct, find by number however it is typed, and delete. Records like
/// vehicles: owned by an agency, shared under its handling code, reviewed and audited; reports name them and links
/// join them to persons and premises, so they are nodes of the network.
/// </summary>
public static class PhoneNumbersApi
{
    internal static readonly RecordKind<PhoneNumber, PhoneNumberRequest, PhoneNumberView> Kind = new()
    {
        Route = "/api/phone-numbers",
        Noun = "phone number",
        Name = "PhoneNumber",
        Access = new(Read: Policies.ReadRecords, Create: Policies.RecordPlaces, Change: Policies.RecordPlaces),
        Summaries = new(
            Get: "One phone number.",
            Create: "Record a phone number for your agency (stored in E.164 form). Send an Idempotency-Key header to make retries safe.",
            Update: "Replace a phone number's details (your agency's numbers only).",
            Delete: "Delete a phone number with your agency's links and mentions of it (your agency's numbers only); 409 with the count if other agencies' records refer to it."),
        New = recording => new PhoneNumber { Id = Guid.CreateVersion7(recording.Now), Number = "", CreatedAt = recording.Now },
        ApplyAsync = Apply,
        View = PhoneNumberView.Of,
    };

    public static IEndpointRouteBuilder MapPhoneNumbersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Phone numbers");
        api.MapGet("/", ListPhoneNumbersAsync).WithName("ListPhoneNumbers").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List phone numbers filtered by number (however typed) and agency, newest first.");
        api.MapRecordEndpoints(Kind);
        return app;
    }

    public static async Task<Results<Ok<Page<PhoneNumberView>>, ValidationProblem>> ListPhoneNumbersAsync(
        HotspotIntelDbContext db,
        [Description("The number, with its country code or as dialled in the UK; matched exactly in E.164 form")] string? number,
        [Description("Recording agency")] Guid? agencyId,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var normalised = number is null ? null : Read(number, "number", errors);
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (numbers, next) = await page.ReadAsync(Filter(db.PhoneNumbers.AsNoTracking(), normalised, agencyId), n => n.Id, cancellationToken);
        return TypedResults.Ok(new Page<PhoneNumberView>([.. numbers.Select(PhoneNumberView.Of)], next));
    }

    /// <summary>The list filter; the number is compared in its stored form, so its btree index serves it.</summary>
    internal static IQueryable<PhoneNumber> Filter(IQueryable<PhoneNumber> numbers, string? number, Guid? agencyId)
    {
        if (number is not null)
        {
            numbers = numbers.Where(n => n.Number == number);
        }

        if (agencyId is not null)
        {
            numbers = numbers.Where(n => n.AgencyId == agencyId);
        }

        return numbers;
    }

    private static string? Read(string? typed, string field, ValidationErrors errors)
    {
        var number = Core.Identifiers.PhoneNumbers.Normalise(typed);
        if (number is null)
        {
            errors.Add(field, "Must be a phone number with its country code (+44 7700 900123) or as dialled in the UK (07700 900123).");
        }

        return number;
    }

    private static Task Apply(PhoneNumberRequest request, PhoneNumber phoneNumber, RecordWrite write)
    {
        var (recording, errors) = (write.Recording, write.Errors);
        request.ApplyRestrictions(phoneNumber, recording, recording.Partnership.ReviewPeriods.EntityDays, errors);
        var number = Read(request.Number, "number", errors);
        var description = TextInput.Optional(request.Description, 5000, "description", errors);
        if (errors.Any)
        {
            return Task.CompletedTask;
        }

        phoneNumber.Number = number!;
        phoneNumber.Description = description;
        phoneNumber.UpdatedAt = recording.Now;
        return Task.CompletedTask;
    }
}
