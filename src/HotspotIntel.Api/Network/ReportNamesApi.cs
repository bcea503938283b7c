using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Core;
using HotspotIntel.Core.Access;
using HotspotIntel.Core.Links;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NpgsqlTypes;

namespace HotspotIntel.Api.Network;

/// <summary>
/// What a report names, for its panel: the premises, places, vehicles, phone numbers, online identifiers and (for analysts and supervisors who say why)
/// persons it mentions, each as the reader may see it. Row-level security decides what is listed: nothing another
/// agency has not shared, and, for tasking members and licensing officers, nothing of a child-linked report.
/// </summary>
public static class ReportNamesApi
{
    public static IEndpointRouteBuilder MapReportNamesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/{id}/named", GetNamedAsync).WithName("GetReportNamedEntities").WithTags("Reports")
            .RequireAuthorization(Policies.ReadRecords)
            .WithSummary("The premises, places, vehicles, phone numbers, online identifiers and persons a report names, as you may see them. Persons are listed to analysts and supervisors "
                + "who send a Justification header (logged as a consultation); to others, and without one, they are left out.");
        return app;
    }

    public static async Task<Results<Ok<ReportNamedEntities>, ValidationProblem, ProblemHttpResult>> GetNamedAsync(
        [Description("Report id")] Guid id, HotspotIntelDbContext db, AuditLog audit, CurrentUser user,
        [FromHeader(Name = AuditLog.JustificationHeader), Description("Why you are consulting the persons it names; without it, persons are left out")] string? justification,
        CancellationToken cancellationToken)
    {
        var mayReadPersons = user.Role is UserRole.Analyst or UserRole.Supervisor && justification is not null;
        if (mayReadPersons)
        {
            var errors = new ValidationErrors();
            AuditLog.RequireJustification(justification, errors);
            if (errors.Any)
            {
                return errors.ToProblem();
            }
        }

        var connection = await NetworkStore.OpenAsync(db, cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT r.id, m.entity_id, m.entity_kind
            FROM reports_for_role r LEFT JOIN report_mentions m ON m.report_id = r.id
            WHERE r.id = $1
            """, connection)
        {
            Parameters = { new() { Value = id, NpgsqlDbType = NpgsqlDbType.Uuid } },
        };
        var found = false;
        var mentions = new List<(Guid Id, string Kind)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found = true;
                if (!reader.IsDBNull(1) && (mayReadPersons || reader.GetString(2) != "person"))
                {
                    mentions.Add((reader.GetGuid(1), reader.GetString(2)));
                }
            }
        }

        if (!found)
        {
            return Problems.NotFound("report", id);
        }

        var entities = (await new NetworkStore(connection).EntitiesAsync(mentions, cancellationToken))
            .OrderBy(entity => entity.Kind, StringComparer.Ordinal).ThenBy(entity => entity.Label, StringComparer.Ordinal)
            .Select(entity => new NamedEntity(entity.Id, EnumCodes<EntityKind>.Parse(entity.Kind), entity.Label, entity.Detail, entity.Longitude, entity.Latitude))
            .ToList();
        var persons = entities.Where(entity => entity.Kind == EntityKind.Person).Select(entity => entity.Id).ToList();
        if (persons.Count > 0)
        {
            await audit.RecordConsultationAsync("persons", persons, justification!, cancellationToken, persons.Select(person => (Guid?)person));
        }

        return TypedResults.Ok(new ReportNamedEntities(id, entities, mayReadPersons));
    }
}

/// <summary>What a report names, as the reader may see it.</summary>
/// <param name="ReportId">The report.</param>
/// <param name="Entities">Its premises, places, vehicles, phone numbers, online identifiers and persons, by kind then name.</param>
/// <param name="PersonsIncluded">Whether persons were listed (analysts and supervisors who gave a justification).</param>
public sealed record ReportNamedEntities(Guid ReportId, IReadOnlyList<NamedEntity> Entities, bool PersonsIncluded);

/// <summary>An entity a report names: what it is called and, for premises and places, where it is (WGS84).</summary>
public sealed record NamedEntity(Guid Id, EntityKind Kind, string Label, string? Detail, double? Longitude, double? Latitude);
