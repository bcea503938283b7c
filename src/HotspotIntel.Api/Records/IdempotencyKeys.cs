using System.Security.Cryptography;
using System.Text.Json;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Records;

/// <summary>
/// Makes a POST that creates a record safe to retry: the first response to a request carrying an Idempotency-Key header
/// is stored in the same transaction as the record it created and replayed to any retry with that key by the same user.
/// The key is locked first, so a retry racing the first attempt (another server, another connection) waits for it and
/// then replays its answer. A replay hands the record out again, so it is logged as a consultation of that record.
/// </summary>
public sealed class IdempotencyKeys(HotspotIntelDbContext db, CurrentUser user, AuditLog audit, IOptions<JsonOptions> json, TimeProvider time)
{
    public const string Header = "Idempotency-Key";

    /// <summary>Checks the header's value into <paramref name="errors"/>.</summary>
    public static void Validate(string? key, ValidationErrors errors)
    {
        if (key is not null && (key.Length is 0 or > 200 || key.Any(char.IsControl)))
        {
            errors.Add(Header, "Must be 1 to 200 printable characters, e.g. a UUID.");
        }
    }

    /// <summary>The outcome of looking a key up: nothing stored, a response to replay, or the key used for a different request.</summary>
    public sealed record Lookup<TResponse>(TResponse? Replay, string? Location, bool UsedForAnotherRequest);

    public async Task<Lookup<TResponse>> FindAsync<TResponse>(string? key, string route, object request, CancellationToken cancellationToken)
        where TResponse : class
    {
        if (key is null)
        {
            return new(null, null, false);
        }

        var stored = await db.IdempotentRequests.AsNoTracking().SingleOrDefaultAsync(r => r.UserId == user.UserId && r.IdempotencyKey == key, cancellationToken);
        if (stored is null)
        {
            return new(null, null, false);
        }

        return stored.RequestSha256 != Hash(route, request)
            ? new(null, null, true)
            : new(JsonSerializer.Deserialize<TResponse>(stored.ResponseBody, json.Value.SerializerOptions), stored.Location, false);
    }

    /// <summary>
    /// What to answer instead of creating a record: a 400 for a malformed key, a 409 for a key already used with a
    /// different request, the first response again for a retry (logged as a consultation of the record, under
    /// <paramref name="auditedAs"/>, its table's name); null when the request is new and should be carried out. Call it
    /// inside the transaction that will create the record: the key stays locked until that transaction ends.
    /// </summary>
    public async Task<Results<Created<TResponse>, ValidationProblem, ProblemHttpResult>?> ReplayOrRejectAsync<TResponse>(
        string? key, string route, object request, string auditedAs, CancellationToken cancellationToken) where TResponse : class
    {
        var errors = new ValidationErrors();
        Validate(key, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (key is null)
        {
            return null;
        }

        await LockAsync(key, cancellationToken);
        var previous = await FindAsync<TResponse>(key, route, request, cancellationToken);
        if (previous.UsedForAnotherRequest)
        {
            return Problems.Conflict("Idempotency-Key reused.", "This Idempotency-Key was already used for a different request.");
        }

        if (previous.Replay is null)
        {
            return null;
        }

        var location = previous.Location!;
        await audit.RecordConsultationAsync(auditedAs, [Guid.Parse(location[(location.LastIndexOf('/') + 1)..])], ReplayJustification, cancellationToken);
        return TypedResults.Created(location, previous.Replay);
    }

    /// <summary>
    /// Locks the user's key until the current transaction ends: a concurrent attempt with the same key waits here until
    /// this one commits or rolls back, and then finds its answer with <see cref="FindAsync{TResponse}"/>.
    /// </summary>
    public Task LockAsync(string key, CancellationToken cancellationToken) => db.Database.ExecuteSqlAsync(
        $"SELECT pg_advisory_xact_lock(hashtextextended('idempotent_requests' || chr(10) || {user.UserId} || chr(10) || {key}, 0))",
        cancellationToken);

    /// <summary>What the consultation a replay writes says in place of the reader's reason: the reader asked for nothing but a retry.</summary>
    public const string ReplayJustification = "Replayed the first response to a retried create (same Idempotency-Key)";

    /// <summary>Adds the response to the unit of work, to be saved with the record it describes.</summary>
    public void Remember(string? key, string route, object request, string location, object response)
    {
        if (key is null)
        {
            return;
        }

        db.IdempotentRequests.Add(new IdempotentRequest
        {
            UserId = user.UserId!,
            IdempotencyKey = key,
            RequestSha256 = Hash(route, request),
            StatusCode = StatusCodes.Status201Created,
            Location = location,
            ResponseBody = JsonSerializer.Serialize(response, response.GetType(), json.Value.SerializerOptions),
            CreatedAt = time.GetUtcNow(),
        });
    }

    private string Hash(string route, object request) => Convert.ToHexStringLower(SHA256.HashData(
        [.. System.Text.Encoding.UTF8.GetBytes(route + "\n"), .. JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), json.Value.SerializerOptions)]));
}
