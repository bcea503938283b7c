using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Input;
using HotspotIntel.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HotspotIntel.Api.EntityResolution;

/// <summary>
/// Entity resolution: candidate duplicate persons and vehicles, found in SQL under the caller's row-level security (so
/// only pairs whose two records the caller may read), and the analyst's decision on each pair. A merge keeps both
/// records: the merged one points at the survivor, lists leave it out, and the network reads it as the survivor, with
/// both records' links and reports; a reversal restores both exactly. A rejected pair is not proposed again. The
/// database holds the rules (migrations/0037) and logs every merge, reversal and rejection as an alteration of both
/// records, with its reason. Analysts and supervisors only.
/// </summary>
public static class EntityResolutionApi
{
    private const string Route = "/api/entity-resolution";

    /// <summary>How alike two persons' full names must be (pg_trgm similarity) to be proposed with a shared phone number.</summary>
    public const double NameSimilarity = 0.5;

    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapEntityResolutionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Entity resolution").RequireAuthorization(Policies.HandlePersonIntelligence);
        api.MapGet("/candidates", GetCandidatesAsync).WithName("ListEntityResolutionCandidates")
            .WithSummary("Pairs of persons or vehicles that may be one record, with why: same name and date of birth, similar name and the same phone number, "
                + "same registration mark. Only pairs whose two records you may read; never a merged record or a rejected pair. Requires a Justification header; logged.");
        api.MapPost("/merges", MergeAsync).WithName("MergeEntities")
            .WithSummary("Merge a duplicate person or vehicle into another (both must be records you may read, of any agency): both are kept, the merged one points "
                + "at the survivor and the network shows them as one. Logged as an alteration of both records.");
        api.MapGet("/merges/{id}", GetMergeAsync).WithName("GetEntityMerge")
            .WithSummary("One merge, standing or reversed, if you may read both its records.");
        api.MapPost("/merges/{id}/reversal", ReverseAsync).WithName("ReverseEntityMerge")
            .WithSummary("Reverse a merge: both records are as they were before it. Logged as an alteration of both records.");
        api.MapPost("/rejections", RejectAsync).WithName("RejectEntityCandidate")
            .WithSummary("Record that two persons or vehicles are not one, so that the pair is not proposed again. Logged as an alteration of both records.");
        return app;
    }

    public static async Task<Results<Ok<CandidatesView>, ValidationProblem>> GetCandidatesAsync(
        HotspotIntelDbContext db, AuditLog audit,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        [Description("person or vehicle; default both")] string? kind,
        [Description("The most pairs to return, 1 to 500 (default 100); the most alike first")] int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        var only = CodeListInput.ReadOne<ResolvableKind>(kind, "kind", errors);
        var most = limit ?? DefaultLimit;
        if (most is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Must be 1 to {MaxLimit}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (persons, vehicles) = (only is null or ResolvableKind.Person, only is null or ResolvableKind.Vehicle);
        var rows = await db.Database.SqlQuery<CandidateRow>($"""
            WITH live_persons AS (
                SELECT id, family_name, given_names, date_of_birth, given_names || ' ' || family_name AS full_name
                FROM persons WHERE merged_into IS NULL AND {persons}),
            phones AS (
                SELECT DISTINCT l.person_id, n.number
                FROM links l JOIN phone_numbers n ON n.id = l.phone_number_id
                WHERE l.kind = 'person_phone_number' AND {persons}),
            pairs AS (
                SELECT 'person' AS kind, a.id AS first_id, b.id AS second_id, 'same_name_and_date_of_birth' AS reason, 1.0::double precision AS score
                FROM live_persons a
                JOIN live_persons b ON lower(b.family_name) = lower(a.family_name) AND lower(b.given_names) = lower(a.given_names)
                                   AND b.date_of_birth = a.date_of_birth AND a.id < b.id
                UNION ALL
                SELECT 'person', a.id, b.id, 'similar_name_and_same_phone', similarity(a.full_name, b.full_name)::double precision
                FROM phones pa
                JOIN phones pb ON pb.number = pa.number AND pa.person_id < pb.person_id
                JOIN live_persons a ON a.id = pa.person_id
                JOIN live_persons b ON b.id = pb.person_id
                WHERE similarity(a.full_name, b.full_name) >= {NameSimilarity}
                UNION ALL
                SELECT 'vehicle', a.id, b.id, 'same_registration', 1.0
                FROM vehicles a JOIN vehicles b ON b.registration_mark = a.registration_mark AND a.id < b.id
                WHERE a.merged_into IS NULL AND b.merged_into IS NULL AND {vehicles})
            SELECT p.kind, p.first_id, p.second_id, array_agg(DISTINCT p.reason ORDER BY p.reason) AS reasons, max(p.score) AS score
            FROM pairs p
            WHERE NOT EXISTS (SELECT 1 FROM entity_resolution_rejections r
                              WHERE r.kind = p.kind AND r.first_id = p.first_id AND r.second_id = p.second_id)
            GROUP BY p.kind, p.first_id, p.second_id
            ORDER BY max(p.score) DESC, p.kind, p.first_id, p.second_id
            LIMIT {most + 1}
            """).ToListAsync(cancellationToken);
        var found = rows.Take(most).ToList();
        var ids = found.SelectMany(row => new[] { row.FirstId, row.SecondId }).Distinct().ToList();
        var records = new Dictionary<Guid, CandidateRecord>();
        foreach (var person in await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken))
        {
            records[person.Id] = new(person.Id, $"{person.GivenNames} {person.FamilyName.ToUpperInvariant()}", person.DateOfBirth?.ToString("O"),
                person.AgencyId, person.CreatedAt);
        }

        foreach (var vehicle in await db.Vehicles.AsNoTracking().Where(v => ids.Contains(v.Id)).ToListAsync(cancellationToken))
        {
            records[vehicle.Id] = new(vehicle.Id, vehicle.RegistrationMark, string.Join(' ', new[] { vehicle.Colour, vehicle.Make, vehicle.Model }.OfType<string>()),
                vehicle.AgencyId, vehicle.CreatedAt);
        }

        var pairs = found.Where(row => records.ContainsKey(row.FirstId) && records.ContainsKey(row.SecondId))
            .Select(row => new CandidatePair(EnumCodes<ResolvableKind>.Parse(row.Kind), [.. row.Reasons.Select(EnumCodes<CandidateReason>.Parse)],
                Math.Round(row.Score, 3), records[row.FirstId], records[row.SecondId]))
            .ToList();
        var personIds = pairs.Where(pair => pair.Kind == ResolvableKind.Person).SelectMany(pair => new[] { pair.First.Id, pair.Second.Id }).Distinct().ToList();
        if (personIds.Count > 0)
        {
            await audit.RecordConsultationAsync("persons", personIds, justification!, cancellationToken, personIds.Select(id => (Guid?)id));
        }

        return TypedResults.Ok(new CandidatesView(pairs, rows.Count > most));
    }

    public static async Task<Results<Created<MergeView>, ValidationProblem, ProblemHttpResult>> MergeAsync(
        MergeRequest request, HotspotIntelDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var kind = ReadPair(request.Kind, request.SurvivorId, "survivorId", request.MergedId, "mergedId", request.Justification, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (survivorId, mergedId) = (request.SurvivorId!.Value, request.MergedId!.Value);
        if (await PairProblemAsync(db, kind!.Value, survivorId, mergedId, "merged into itself", cancellationToken) is { } problem)
        {
            return problem;
        }

        var mergedInto = await MergedIntoAsync(db, kind.Value, [survivorId, mergedId], cancellationToken);
        if (mergedInto[mergedId] is not null)
        {
            return Problems.Conflict($"The {Noun(kind.Value)} is already merged.",
                $"The {Noun(kind.Value)} {mergedId} is merged into another record; reverse that merge first.");
        }

        if (mergedInto[survivorId] is { } further)
        {
            return Problems.Conflict($"The survivor is itself merged.",
                $"The {Noun(kind.Value)} {survivorId} is merged into {further}; merge into that record instead.");
        }

        var id = Guid.CreateVersion7(time.GetUtcNow());
        try
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO entity_merges (id, kind, survivor_id, merged_id, agency_id, merged_by, justification, merged_at)
                VALUES ({id}, {EnumCodes<ResolvableKind>.ToCode(kind.Value)}, {survivorId}, {mergedId}, {user.RecordingAgencyId}, {user.UserId},
                        {request.Justification!.Trim()}, {time.GetUtcNow()})
                """, cancellationToken);
        }
        catch (PostgresException refused) when (refused.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.CheckViolation)
        {
            // Another merge of the same record won the race, or records are merged into the one to be merged.
            return Problems.Conflict("The records cannot be merged as they stand.",
                $"The {Noun(kind.Value)} {mergedId} is already merged, or other records are merged into it; reverse those merges first.");
        }

        var merge = await ReadMergeAsync(db, id, cancellationToken);
        return TypedResults.Created($"{Route}/merges/{id}", merge!.View());
    }

    public static async Task<Results<Ok<MergeView>, ProblemHttpResult>> GetMergeAsync(
        [Description("Merge id")] Guid id, HotspotIntelDbContext db, CancellationToken cancellationToken) =>
        await ReadMergeAsync(db, id, cancellationToken) is { } merge ? TypedResults.Ok(merge.View()) : Problems.NotFound("merge", id);

    public static async Task<Results<Ok<MergeView>, ValidationProblem, ProblemHttpResult>> ReverseAsync(
        [Description("Merge id")] Guid id, ReversalRequest request, HotspotIntelDbContext db, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(request.Justification, errors, "justification");
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await ReadMergeAsync(db, id, cancellationToken) is not { } merge)
        {
            return Problems.NotFound("merge", id);
        }

        var reversed = await db.Database.ExecuteSqlAsync($"""
            UPDATE entity_merges SET reversed_at = {time.GetUtcNow()}, reversed_by = {user.UserId}, reversal_justification = {request.Justification!.Trim()}
            WHERE id = {id} AND reversed_at IS NULL
            """, cancellationToken);
        if (reversed == 0)
        {
            return Problems.Conflict("The merge is already reversed.", $"The merge {id} was reversed at {merge.ReversedAt:O}.");
        }

        return TypedResults.Ok((await ReadMergeAsync(db, id, cancellationToken))!.View());
    }

    public static async Task<Results<Created<RejectionView>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        RejectionRequest request, HotspotIntelDbContext db, CurrentUser user, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var kind = ReadPair(request.Kind, request.FirstId, "firstId", request.SecondId, "secondId", request.Justification, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (one, other) = (request.FirstId!.Value, request.SecondId!.Value);
        if (await PairProblemAsync(db, kind!.Value, one, other, "a duplicate of itself", cancellationToken) is { } problem)
        {
            return problem;
        }

        var (first, second) = one.CompareTo(other) < 0 ? (one, other) : (other, one);
        var (id, now) = (Guid.CreateVersion7(time.GetUtcNow()), time.GetUtcNow());
        var code = EnumCodes<ResolvableKind>.ToCode(kind.Value);
        var justification = request.Justification!.Trim();
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO entity_resolution_rejections (id, kind, first_id, second_id, agency_id, rejected_by, justification, rejected_at)
            VALUES ({id}, {code}, {first}, {second}, {user.RecordingAgencyId}, {user.UserId}, {justification}, {now})
            ON CONFLICT (kind, first_id, second_id) DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
        {
            return Problems.Conflict("The pair is already rejected.", $"The {Noun(kind.Value)}s {first} and {second} were already judged not to be one.");
        }

        return TypedResults.Created((string?)null,
            new RejectionView(id, kind.Value, first, second, user.RecordingAgencyId, user.UserId!, justification, now));
    }

    private static ResolvableKind? ReadPair(string? kind, Guid? one, string oneField, Guid? other, string otherField, string? justification,
        ValidationErrors errors)
    {
        var read = CodeListInput.ReadOne<ResolvableKind>(kind, "kind", errors);
        if (read is null && string.IsNullOrWhiteSpace(kind))
        {
            errors.Add("kind", "Say which kind of record: person or vehicle.");
        }

        if (one is null)
        {
            errors.Add(oneField, "Required.");
        }

        if (other is null)
        {
            errors.Add(otherField, "Required.");
        }

        AuditLog.RequireJustification(justification, errors, "justification");
        return read;
    }

    /// <summary>
    /// The 422 or 404 a pair gets before anything is written: one record twice, records of two kinds (a person with a
    /// vehicle), or a record the caller cannot read (row-level security decides: the same 404 as a record that does
    /// not exist).
    /// </summary>
    private static async Task<ProblemHttpResult?> PairProblemAsync(HotspotIntelDbContext db, ResolvableKind kind, Guid one, Guid other, string itself,
        CancellationToken cancellationToken)
    {
        if (one == other)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: $"A record cannot be {itself}.",
                detail: $"Both ids are {one}: give two different {Noun(kind)}s.");
        }

        foreach (var id in new[] { one, other })
        {
            if (await ReadableAsync(db, kind, id, cancellationToken))
            {
                continue;
            }

            var otherKind = kind == ResolvableKind.Person ? ResolvableKind.Vehicle : ResolvableKind.Person;
            return await ReadableAsync(db, otherKind, id, cancellationToken)
                ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: $"A {Noun(kind)} cannot be resolved with a {Noun(otherKind)}.",
                    detail: $"{id} is a {Noun(otherKind)}, not a {Noun(kind)}: only two records of one kind are one.")
                : Problems.NotFound(Noun(kind), id);
        }

        return null;
    }

    private static Task<bool> ReadableAsync(HotspotIntelDbContext db, ResolvableKind kind, Guid id, CancellationToken cancellationToken) =>
        kind == ResolvableKind.Person
            ? db.Persons.AsNoTracking().AnyAsync(p => p.Id == id, cancellationToken)
            : db.Vehicles.AsNoTracking().AnyAsync(v => v.Id == id, cancellationToken);

    private static async Task<Dictionary<Guid, Guid?>> MergedIntoAsync(HotspotIntelDbContext db, ResolvableKind kind, Guid[] ids,
        CancellationToken cancellationToken) => kind == ResolvableKind.Person
        ? await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.MergedIntoId, cancellationToken)
        : await db.Vehicles.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.MergedIntoId, cancellationToken);

    private static async Task<MergeRow?> ReadMergeAsync(HotspotIntelDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<MergeRow>($"""
            SELECT id, kind, survivor_id, merged_id, agency_id, merged_by, justification, merged_at, reversed_at, reversed_by,
                   reversal_justification
            FROM entity_merges WHERE id = {id}
            """).ToListAsync(cancellationToken)).SingleOrDefault();

    private static string Noun(ResolvableKind kind) => EnumCodes<ResolvableKind>.ToCode(kind);
}
