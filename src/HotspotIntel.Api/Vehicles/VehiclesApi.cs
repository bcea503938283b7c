using System.ComponentModel;
using HotspotIntel.Api.Common;
using HotspotIntel.Api.Concerns;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core.Vehicles;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Vehicles;

/// <summary>Vehicles of concern: record, read, correct, find by registration mark or hire plate, delete, and check (the reports that mention one).</summary>
public static class VehiclesApi
{
    private const string Route = "/api/vehicles";

    public static IEndpointRouteBuilder MapVehiclesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Vehicles");
        api.MapGet("/", ListVehiclesAsync).WithName("ListVehicles").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("List vehicles filtered by registration mark, plate number, either of them from one search box (q), licence type and agency, newest first.");
        api.MapGet("/{id}", GetVehicleAsync).WithName("GetVehicle").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("One vehicle.");
        api.MapGet("/{id}/concerns", GetVehicleConcernsAsync).WithName("GetVehicleConcerns").RequireAuthorization(Policies.ReadRecords)
            .WithSummary("A vehicle check: the reports that mention the vehicle (category, date, grading, agency; never persons; "
                + "narrative as your role may read it; no child-linked report for tasking members and licensing officers).");
        api.MapPost("/", CreateVehicleAsync).WithName("CreateVehicle").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Record a vehicle for your agency. Send an Idempotency-Key header to make retries safe.");
        api.MapPut("/{id}", UpdateVehicleAsync).WithName("UpdateVehicle").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Replace a vehicle's details (your agency's vehicles only).");
        api.MapDelete("/{id}", DeleteVehicleAsync).WithName("DeleteVehicle").RequireAuthorization(Policies.RecordPlaces)
            .WithSummary("Delete a vehicle with your agency's links and mentions of it (your agency's vehicles only); 409 with the count if other agencies' records refer to it.");
        return app;
    }

    public static async Task<Results<Ok<Page<VehicleView>>, ValidationProblem>> ListVehiclesAsync(
        HotspotIntelDbContext db,
        [Description("Registration mark, in any case and spacing; matched exactly")] string? registrationMark,
        [Description("Taxi or private-hire plate number, in any case; matched exactly")] string? plateNumber,
        [Description("Registration mark or plate number as typed in one search box: matches either exactly, case (and for the mark, spacing) aside")] string? q,
        [Description("Licence type codes, repeated or comma-separated")] string[]? licenceType,
        [Description("Recording agency")] Guid? agencyId,
        [Description("Page size, 1 to 1000 (default 100)")] int? limit,
        [Description("nextCursor of the previous page")] string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var mark = registrationMark is null ? null : RegistrationMarkInput.Read(registrationMark, "registrationMark", errors);
        var plate = NormalisedPlate(plateNumber);
        var either = ReadEither(q, errors);
        var types = CodeListInput.Read<VehicleLicenceType>(licenceType, "licenceType", errors);
        var pageSize = KeysetCursor.ReadPaging(limit, cursor, errors, out var after);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var page = await Filter(db.Vehicles.AsNoTracking(), mark, plate, either, types, agencyId, after)
            .OrderByDescending(v => v.Id).Take(pageSize + 1).ToListAsync(cancellationToken);
        var next = KeysetCursor.Next(page, pageSize, v => v.Id);
        return TypedResults.Ok(new Page<VehicleView>([.. page.Select(VehicleView.Of)], next));
    }

    /// <summary>The list filter; marks and plates are compared in their stored spelling, so the btree indexes serve them.</summary>
    internal static IQueryable<Vehicle> Filter(IQueryable<Vehicle> vehicles, string? registrationMark, string? plateNumber,
        MarkOrPlate? either, List<VehicleLicenceType> types, Guid? agencyId, Guid? after)
    {
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

        if (after is not null)
        {
            vehicles = vehicles.Where(v => v.Id.CompareTo(after.Value) < 0);
        }

        return vehicles;
    }

    public static async Task<Results<Ok<VehicleView>, ProblemHttpResult>> GetVehicleAsync(
        [Description("Vehicle id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        var vehicle = await db.Vehicles.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        return vehicle is null ? Problems.NotFound("vehicle", id) : TypedResults.Ok(VehicleView.Of(vehicle));
    }

    public static async Task<Results<Ok<VehicleConcerns>, ProblemHttpResult>> GetVehicleConcernsAsync(
        [Description("Vehicle id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken)
    {
        // Under row-level security: a vehicle the caller may not see is a 404, as in GetVehicle.
        if (!await db.Vehicles.AsNoTracking().AnyAsync(v => v.Id == id, cancellationToken))
        {
            return Problems.NotFound("vehicle", id);
        }

        var (reports, more) = await ReportConcerns.ListAsync(db, db.Reports.Where(r => r.Vehicles.Any(v => v.Id == id)), cancellationToken);
        return TypedResults.Ok(new VehicleConcerns(id, reports, more));
    }

    public static async Task<Results<Created<VehicleView>, ValidationProblem, ProblemHttpResult>> CreateVehicleAsync(
        VehicleRequest request,
        [FromHeader(Name = IdempotencyKeys.Header), Description("Any unique string; a retry with the same key returns the first response")] string? idempotencyKey,
        HotspotIntelDbContext db, IdempotencyKeys idempotency, RecordingContext recording, CancellationToken cancellationToken)
    {
        return await RecordWrites.CreateAsync(db, idempotency, idempotencyKey, Route, request,
            () => new Vehicle { Id = Guid.CreateVersion7(recording.Now), RegistrationMark = "", CreatedAt = recording.Now },
            (vehicle, errors) => Apply(request, vehicle, recording, errors),
            VehicleView.Of, cancellationToken);
    }

    public static async Task<Results<Ok<VehicleView>, ValidationProblem, ProblemHttpResult>> UpdateVehicleAsync(
        [Description("Vehicle id")] Guid id, VehicleRequest request, HotspotIntelDbContext db, RecordingContext recording,
        CancellationToken cancellationToken)
    {
        var vehicle = await db.Vehicles.SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        return await RecordWrites.UpdateAsync(db, vehicle, "vehicle", id, recording,
            (vehicle, errors) => Apply(request, vehicle, recording, errors),
            VehicleView.Of, cancellationToken);
    }

    public static Task<Results<NoContent, ProblemHttpResult>> DeleteVehicleAsync(
        [Description("Vehicle id")] Guid id, HotspotIntelDbContext db, RecordingContext recording, CancellationToken cancellationToken) =>
        RecordWrites.DeleteAsync<Vehicle>(db, id, "vehicle", recording, cancellationToken);

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

    /// <remarks>Synchronous: it returns a task only to be the apply step of <see cref="RecordWrites"/>.</remarks>
    private static Task Apply(VehicleRequest request, Vehicle vehicle, RecordingContext recording, ValidationErrors errors)
    {
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
