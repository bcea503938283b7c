using System.ComponentModel;
using HotspotIntel.Api.Concerns;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.EntityResolution;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Paging;
using HotspotIntel.Api.Records;
using HotspotIntel.Core.Vehicles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Vehicles;

/// <summary>Vehicles of concern: record, read, correct, find by registration mark or hire plate, delete, and check (the reports that mention one).</summary>
public static class VehiclesApi
{
    internal static readonly RecordKind<Vehicle, VehicleRequest, VehicleView> Kind = new()
    {
        Route = "/api/vehicles",
        Noun = "vehicle",
        Name = "Vehicle",
        Access = new(Read: Policies.ReadRecords, Create: Policies.RecordPlaces, Change: Policies.RecordPlaces),
        Summaries = new(
            Get: "One vehicle.",
            Create: "Record a vehicle for your agency. Send an Idempotency-Key header to make retries safe.",
            Update: "Replace a vehicle's details (your agency's vehicles only).",
            Delete: "Delete a vehicle with your agency's links and mentions of it (your agency's vehicles only); 409 with the count if other agencies' records refer to it."),
        New = recording => new Vehicle { Id = Guid.CreateVersion7(recording.Now), RegistrationMark = "", CreatedAt = recording.Now },
        ApplyAsync = Apply,
        ViewAsync = async (vehicle, db, _, cancellationToken) => VehicleView.Of(vehicle,
            vehicle.MergedIntoId is { } survivor && await db.Vehicles.AsNoTracking().AnyAsync(v => v.Id == survivor, cancellationToken)),
    };

    public static IEndpointRouteBuilder MapVehiclesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Kind.Route).WithTags("Vehicles");
        api.MapGet("/", ListVehiclesAsync).WithName("ListVehicles").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List vehicles filtered by registration mark, plate number, either of them from one search box (q), licence type and agency, newest first.");
        api.MapRecordEndpoints(Kind);
        api.MapGet("/{id}/concerns", GetVehicleConcernsAsync).WithName("GetVehicleConcerns").RequireAuthorization(Policies.ReadRecords).ReadsFromReplica()
            .WithSummary("A vehicle check: the reports that mention the vehicle (category, date, grading, agency; never persons; "
                + "narrative as your role may read it; no child-linked report for tasking members and licensing officers). A vehicle merged into "
                + "another you may read is checked as that one, with the reports of every vehicle merged into it.");
        return app;
    }

    public static async Task<Results<Ok<Page<VehicleView>>, ValidationProblem>> ListVehiclesAsync(
        HotspotIntelDbContext db,
        [Description("Registration mark, in any case and spacing; matched exactly")] string? registrationMark,
        [Description("Taxi or private-hire plate number, in any case; matched exactly")] string? plateNumber,
        [Description("Registration mark or plate number as typed in one search box: matches either exactly, case (and for the mark, spacing) aside")] string? q,
        [Description("Licence type codes, repeated or comma-separated")] string[]? licenceType,
        [Description("Recording agency")] Guid? agencyId,
        [AsParameters] PagingRequest paging,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var mark = registrationMark is null ? null : RegistrationMarkInput.Read(registrationMark, "registrationMark", errors);
        var plate = NormalisedPlate(plateNumber);
        var either = ReadEither(q, errors);
        var types = CodeListInput.Read<VehicleLicenceType>(licenceType, "licenceType", errors);
        var page = paging.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (vehicles, next) = await page.ReadAsync(Filter(db.Vehicles.AsNoTracking(), mark, plate, either, types, agencyId), v => v.Id, cancellationToken);
        return TypedResults.Ok(new Page<VehicleView>([.. vehicles.Select(VehicleView.Of)], next));
    }

    /// <summary>The list filter; marks and plates are compared in their stored spelling, so the btree indexes serve them.</summary>
    internal static IQueryable<Vehicle> Filter(IQueryable<Vehicle> vehicles, string? registrationMark, string? plateNumber,
        MarkOrPlate? either, List<VehicleLicenceType> types, Guid? agencyId)
    {
        // A vehicle merged into another is listed as that vehicle, not again.
        vehicles = vehicles.Where(v => v.MergedIntoId == null);
        if (either is { } search)
        {
            vehicles = vehicles.Where(v => v.RegistrationMark == search.RegistrationMark || v.PlateNumber == search.PlateNumber);
        }

        if (registrationMark is not null)
        {
            vehicles = vehicles.Where(v => v.RegistrationMark == registrationMark);
        }

        if (plateNumber is not null)
        {
            vehicles = vehicles.Where(v => v.PlateNumber == plateNumber);
        }

        if (types.Count > 0)
        {
            vehicles = vehicles.Where(v => types.Contains(v.LicenceType));
        }

        if (agencyId is not null)
        {
            vehicles = vehicles.Where(v => v.AgencyId == agencyId);
        }

        return vehicles;
    }

    public static async Task<Results<Ok<VehicleConcerns>, ProblemHttpResult>> GetVehicleConcernsAsync(
        [Description("Vehicle id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        // Under row-level security: a vehicle the caller may not see is a 404, as in GetVehicle.
        if (!await db.Vehicles.AsNoTracking().AnyAsync(v => v.Id == id, cancellationToken))
        {
            return Problems.NotFound(Kind.Noun, id);
        }

        // A duplicate merged into another vehicle is checked as that vehicle: the reports naming it or any record merged into it.
        var vehicle = await MergedRecords.OfVehicleAsync(db, id, cancellationToken);
        var ids = vehicle.All;
        var (reports, more) = await ReportConcerns.ListAsync(db, MentionedKind.Vehicle, ids, cancellationToken);
        return TypedResults.Ok(new VehicleConcerns(vehicle.SurvivorId, vehicle.MergedIds, reports, more));
    }

    // Plates are printed in capitals; case typed by a user is not part of the number.
    internal static string? NormalisedPlate(string? plateNumber) =>
        string.IsNullOrWhiteSpace(plateNumber) ? null : plateNumber.Trim().ToUpperInvariant();

    /// <summary>What a search box's text may be: a registration mark (null when it cannot be one) or a plate number.</summary>
    internal readonly record struct MarkOrPlate(string? RegistrationMark, string PlateNumber);

    private const int MaxPlateLength = 30;

    internal static MarkOrPlate? ReadEither(string? q, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return null;
        }

        if (q.Trim().Length > MaxPlateLength)
        {
            errors.Add("q", $"A registration mark or plate number is at most {MaxPlateLength} characters.");
            return null;
        }

        // Text that is not a valid mark may still be a plate ("PH 0001"), so it is not an error here.
        var mark = RegistrationMarkInput.Read(q, "q", new ValidationErrors());
        return new MarkOrPlate(mark, NormalisedPlate(q)!);
    }

    private static Task Apply(VehicleRequest request, Vehicle vehicle, RecordWrite write)
    {
        var (recording, errors) = (write.Recording, write.Errors);
        request.ApplyRestrictions(vehicle, recording, recording.Partnership.ReviewPeriods.EntityDays, errors);
        var mark = RegistrationMarkInput.Read(request.RegistrationMark, "registrationMark", errors);
        var make = TextInput.Optional(request.Make, 100, "make", errors);
        var model = TextInput.Optional(request.Model, 100, "model", errors);
        var colour = TextInput.Optional(request.Colour, 50, "colour", errors);
        var plate = NormalisedPlate(TextInput.Optional(request.PlateNumber, MaxPlateLength, "plateNumber", errors));
        var licensingAuthority = TextInput.Optional(request.LicensingAuthority, 200, "licensingAuthority", errors);
        // A hire plate is what makes a vehicle a taxi or private-hire vehicle; the schema holds the same rule.
        var licensedForHire = request.LicenceType != VehicleLicenceType.None;
        if (licensedForHire == string.IsNullOrWhiteSpace(request.PlateNumber))
        {
            errors.Add("plateNumber", licensedForHire
                ? "A taxi or private-hire vehicle must have its plate number."
                : "A vehicle not licensed for hire has no plate number; set licenceType or remove the plate.");
        }

        if (errors.Any)
        {
            return Task.CompletedTask;
        }

        vehicle.RegistrationMark = mark!;
        vehicle.Make = make;
        vehicle.Model = model;
        vehicle.Colour = colour;
        vehicle.LicenceType = request.LicenceType;
        vehicle.PlateNumber = plate;
        vehicle.LicensingAuthority = licensingAuthority;
        vehicle.UpdatedAt = recording.Now;

        return Task.CompletedTask;
    }
}
