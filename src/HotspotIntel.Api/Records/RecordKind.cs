using HotspotIntel.Api.Data;
using HotspotIntel.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HotspotIntel.Api.Records;

/// <summary>
/// What one kind of record brings to the endpoints every kind shares (<see cref="RecordEndpoints"/>: read one, create,
/// replace, delete, and disclose): its route and names, who may do what, how a request becomes the record (the one
/// place its fields are validated into the domain), and how the record is shown. Everything else (the list and its
/// filters, checks, searches) the feature maps itself.
/// </summary>
/// <typeparam name="TRecord">The entity, stored in its own table (the audit log names the kind by that table).</typeparam>
/// <typeparam name="TRequest">The body of a create or a replace.</typeparam>
/// <typeparam name="TView">What responses show of one record.</typeparam>
public sealed class RecordKind<TRecord, TRequest, TView>
    where TRecord : RecordRestrictions
    where TRequest : RestrictedRecordRequest
    where TView : class
{
    /// <summary>The collection's route: <c>/api/vehicles</c>.</summary>
    public required string Route { get; init; }

    /// <summary>The record in messages ("There is no vehicle with id …"): <c>vehicle</c>, <c>missing episode</c>.</summary>
    public required string Noun { get; init; }

    /// <summary>The record in operation ids (<c>GetVehicle</c>, <c>CreateVehicle</c> …): <c>Vehicle</c>, <c>MissingEpisode</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The policies (<c>Infrastructure.Auth.Policies</c>) to read one record, to create one, and to replace, delete or disclose one.</summary>
    public required RecordAccess Access { get; init; }

    /// <summary>The OpenAPI summaries of the shared endpoints.</summary>
    public required RecordSummaries Summaries { get; init; }

    /// <summary>
    /// Whether reads are person-level: each needs a Justification header and is logged as a consultation of the
    /// record and of <see cref="PersonsConcerned"/>.
    /// </summary>
    public bool ReadsAreConsultations { get; init; }

    /// <summary>The persons a record concerns besides itself, named in the consultation its read logs.</summary>
    public Func<TRecord, IEnumerable<Guid?>> PersonsConcerned { get; init; } = _ => [];

    /// <summary>What to load with a record (its mentions, its source reports); nothing more by default.</summary>
    public Func<IQueryable<TRecord>, IQueryable<TRecord>> Include { get; init; } = records => records;

    /// <summary>A new, empty record (its id and creation time from the request), for the apply step to fill in.</summary>
    public required Func<RecordingContext, TRecord> New { get; init; }

    /// <summary>
    /// Checks the request into <see cref="RecordWrite.Errors"/> (each field by its JSON name) and, when it passes,
    /// copies it onto the record; a refusal that is not a field's (a 409) goes in <see cref="RecordWrite.Refusal"/>.
    /// </summary>
    public required Func<TRequest, TRecord, RecordWrite, Task> ApplyAsync { get; init; }

    /// <summary>The record as responses show it; or <see cref="ViewAsync"/> when that needs the database.</summary>
    public Func<TRecord, TView>? View { get; init; }

    /// <summary>The record as responses show it, reading more from the database (a person's missing episodes).</summary>
    public Func<TRecord, HotspotIntelDbContext, RecordingContext, CancellationToken, Task<TView>>? ViewAsync { get; init; }

    /// <summary>The table that holds the kind: what the audit log and the database's functions call it.</summary>
    public string Table(HotspotIntelDbContext db) => db.Model.FindEntityType(typeof(TRecord))!.GetTableName()!;
}

/// <summary>
/// Who may read a record, create one, and replace, delete or disclose one: policy names. Changes are for the owning
/// agency's users only, whatever the policy (<see cref="Ownership"/>).
/// </summary>
public sealed record RecordAccess(string Read, string Create, string Change);

/// <summary>The OpenAPI summaries of a kind's shared endpoints.</summary>
public sealed record RecordSummaries(string Get, string Create, string Update, string Delete);
