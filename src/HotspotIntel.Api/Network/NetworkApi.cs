using System.ComponentModel;
using HotspotIntel.Api.Audit;
using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Data;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HotspotIntel.Api.Network;

/// <summary>
/// Link analysis: the network around entities to 1–3 hops, the k shortest paths between two entities, what a link
/// rests on, and what connects a premises to hotspots. Person-level intelligence, combined: analysts and supervisors
/// only (tasking members and licensing officers get 403), every answer holds only what the reader may see, and each
/// is logged as a combination (DPA 2018 s62) naming every entity and link it returned.
/// </summary>
public static class NetworkApi
{
    private const string Route = "/api/network";

    /// <summary>How the audit log names a network answer.</summary>
    public const string AuditedAs = "network";

    public static IEndpointRouteBuilder MapNetworkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Route).WithTags("Network").RequireAuthorization(Policies.HandlePersonIntelligence);
        api.MapGet("/", GetNetworkAsync).WithName("GetNetwork")
            .WithSummary("The network around one or several entities (or the entities a report names, or a hotspot's premises and places) to 1–3 hops: "
                + "entities with their centrality and community, and the recorded and derived links among them, filtered by link type, grading, time and agency, "
                + "at most nodeLimit entities. Requires a Justification header; logged as a combination.");
        api.MapGet("/paths", GetPathsAsync).WithName("GetNetworkPaths")
            .WithSummary("The k shortest paths between two entities through what you may see, each step with the links that join it. "
                + "Requires a Justification header; logged as a combination.");
        api.MapPost("/exports", ExportNetworkAsync).WithName("ExportNetwork")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/graphml+xml", "application/zip", "application/xml")
            .WithSummary("Disclose a network (the same question as GET /api/network) as a chart file: GraphML, CSV node and link lists (zip) or i2 Analyst's "
                + "Notebook import XML (anx), stamped with the highest security marking it holds and the disclosure; logged as a disclosure with its recipient and reason. Its name starts with "
                + "its marking and the Security-Marking header carries it.");
        api.MapGet("/hotspot-connections", GetHotspotConnectionsAsync).WithName("GetHotspotConnections")
            .WithSummary("What connects a premises to hotspots: for each hotspot, the shortest path (within maxHops links, through what you may see) "
                + "from the premises to each premises and place the hotspot holds. Requires a Justification header; logged as a combination.");
        api.MapGet("/evidence", GetEvidenceAsync).WithName("GetLinkEvidence")
            .WithSummary("What a link rests on: a recorded link's source reports (linkId), or a derived link's evidence (derivation, start and end), "
                + "as you may see them, with grading, time and, for co-location, distance and time apart. Requires a Justification header; logged.");
        return app;
    }

    public static async Task<Results<PreparedJson<NetworkView>, ValidationProblem>> GetNetworkAsync(
        HotspotIntelDbContext db, NetworkIndex index, AuditLog audit, IOptions<JsonOptions> json,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        [Description("Where to start, repeated: kind:id with kind person, premises, vehicle, location, phone_number, online_identifier, report or hotspot")] string[]? start,
        [Description("How many links out from the start, 1 to 3 (default 2)")] int? hops,
        [Description("The most entities to return, 1 to 2000 (default 500); the nearest and best connected come first")] int? nodeLimit,
        [AsParameters] NetworkFilterParameters filter,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        var question = NetworkQuestion.Read(start, hops, nodeLimit, filter, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var network = await ExploreAsync(db, index, question, cancellationToken);
        // The answer (some 5 MB of JSON for 500 entities) is written while the database writes its audit entry, and
        // sent only once that entry is committed.
        var recording = RecordCombinationAsync(audit, network.Nodes, network.Links, justification!, cancellationToken);
        PreparedJson<NetworkView> answer;
        try
        {
            answer = PreparedJson<NetworkView>.Of(network, json.Value.SerializerOptions);
        }
        finally
        {
            await recording;
        }

        return answer;
    }

    /// <summary>The network a question asks for, with each entity's metrics; shared by the network and its exports.</summary>
    public static async Task<NetworkView> ExploreAsync(HotspotIntelDbContext db, NetworkIndex index, NetworkQuestion question, CancellationToken cancellationToken)
    {
        var (starts, hops, nodeLimit, filter) = question;
        var store = new NetworkStore(await NetworkStore.OpenAsync(db, cancellationToken));
        var startingEntities = await store.StartingEntitiesAsync(starts, cancellationToken);
        var explored = await new NetworkExplorer(store, index).AroundAsync(startingEntities, hops, nodeLimit, filter, cancellationToken, withMetrics: true);
        var links = explored.Links();
        var nodes = explored.Entities.Values.OrderBy(entry => entry.Hop).ThenBy(entry => entry.Entity.Id).ToList();
        var metrics = explored.Metrics!;
        return new NetworkView([.. nodes.Select(entry => NetworkNodeView.Of(entry.Entity, entry.Hop, metrics[entry.Entity.Id]))], links,
            explored.Truncated, nodeLimit, hops);
    }

    public static async Task<Results<Ok<PathsView>, ValidationProblem>> GetPathsAsync(
        HotspotIntelDbContext db, NetworkIndex index, AuditLog audit,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        [Description("Where the paths start: kind:id with kind person, premises, vehicle, location, phone_number or online_identifier")] string? start,
        [Description("Where they end: kind:id")] string? end,
        [Description("How many paths, shortest first, 1 to 10 (default 3)")] int? k,
        [Description("The longest path to look for, in links, 1 to 8 (default 6)")] int? maxHops,
        [AsParameters] NetworkFilterParameters filter,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        var one = NetworkReference.Read(start, "start", alsoReportsAndHotspots: false, errors);
        var other = NetworkReference.Read(end, "end", alsoReportsAndHotspots: false, errors);
        var (count, longest) = (k ?? 3, maxHops ?? 6);
        if (count is < 1 or > 10)
        {
            errors.Add("k", "Must be 1 to 10.");
        }

        if (longest is < 1 or > 8)
        {
            errors.Add("maxHops", "Must be 1 to 8.");
        }

        var links = filter.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var store = new NetworkStore(await NetworkStore.OpenAsync(db, cancellationToken));
        var found = await new PathSearch(store, index).BetweenAsync((one!.Id, one.Kind), (other!.Id, other.Kind), count, longest, links, cancellationToken);
        var view = PathsView.Of(found);
        await RecordCombinationAsync(audit, view.Nodes, view.Links, justification!, cancellationToken);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<HotspotConnectionsView>, ValidationProblem, ProblemHttpResult>> GetHotspotConnectionsAsync(
        HotspotIntelDbContext db, NetworkIndex index, AuditLog audit,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        [Description("The premises")] Guid? premisesId,
        [Description("The hotspots, repeated (1 to 20)")] Guid[]? hotspotId,
        [Description("The longest connection to look for, in links, 1 to 4 (default 3)")] int? maxHops,
        [AsParameters] NetworkFilterParameters filter,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        if (premisesId is null)
        {
            errors.Add("premisesId", "Say which premises.");
        }

        if (hotspotId is not { Length: >= 1 and <= 20 })
        {
            errors.Add("hotspotId", "Give 1 to 20 hotspots.");
        }

        var longest = maxHops ?? 3;
        if (longest is < 1 or > 4)
        {
            errors.Add("maxHops", "Must be 1 to 4.");
        }

        var links = filter.Read(errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var connection = await NetworkStore.OpenAsync(db, cancellationToken);
        var store = new NetworkStore(connection);
        if ((await store.EntitiesAsync([(premisesId!.Value, "premises")], cancellationToken)).Count == 0)
        {
            return Problems.NotFound("premises", premisesId.Value);
        }

        var view = await new HotspotConnections(store, index).FindAsync(premisesId.Value, hotspotId!, longest, links, cancellationToken);
        await RecordCombinationAsync(audit, view.Nodes, view.Links, justification!, cancellationToken);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportNetworkAsync(
        DisclosureRequest request, HttpContext http, HotspotIntelDbContext db, NetworkIndex index, AuditLog audit, CurrentUser user, TimeProvider time,
        [FromQuery, Description("graphml, csv (a zip of nodes.csv and links.csv) or anx")] string? format,
        [FromQuery, Description("Where to start, repeated: kind:id with kind person, premises, vehicle, location, phone_number, online_identifier, report or hotspot")] string[]? start,
        [FromQuery, Description("How many links out from the start, 1 to 3 (default 2)")] int? hops,
        [FromQuery, Description("The most entities to export, 1 to 2000 (default 500)")] int? nodeLimit,
        [AsParameters] NetworkFilterParameters filter,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate();
        var chartFormat = CodeListInput.ReadOne<ChartFormat>(format, "format", errors);
        if (chartFormat is null && string.IsNullOrWhiteSpace(format))
        {
            errors.Add("format", "Say which format: graphml, csv or anx.");
        }

        var question = NetworkQuestion.Read(start, hops, nodeLimit, filter, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var network = await ExploreAsync(db, index, question, cancellationToken);
        var export = new ChartExport(network, request.Recipient!.Trim(), request.Justification!.Trim(), user.UserId!, time.GetUtcNow());
        var (content, contentType, extension) = chartFormat switch
        {
            ChartFormat.Graphml => (GraphMlWriter.Write(export), "application/graphml+xml", "graphml"),
            ChartFormat.Csv => (CsvChartWriter.Write(export), "application/zip", "zip"),
            _ => (AnxWriter.Write(export), "application/xml", "anx"),
        };
        await audit.RecordAsync(AuditAction.Disclosure, AuditedAs, [.. network.Nodes.Select(node => node.Id), .. network.Links.Select(link => link.Id)],
            request.Justification, cancellationToken, request.Recipient.Trim(),
            network.Nodes.Where(ChartExport.IsPerson).Select(node => (Guid?)node.Id));
        return MarkedFile.Of(http.Response, export.MarkingCode, content, contentType, export.FileName(extension));
    }

    public static async Task<Results<Ok<LinkEvidenceView>, ValidationProblem, ProblemHttpResult>> GetEvidenceAsync(
        HotspotIntelDbContext db, AuditLog audit,
        [FromHeader(Name = AuditLog.JustificationHeader), Description(AuditLog.JustificationDescription)] string? justification,
        [Description("A recorded link's id")] Guid? linkId,
        [Description("For a derived link: co_occurrence or co_location")] string? derivation,
        [Description("For a derived link: one end, kind:id")] string? start,
        [Description("For a derived link: the other end, kind:id")] string? end,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        AuditLog.RequireJustification(justification, errors);
        var derived = CodeListInput.ReadOne<Core.Links.LinkDerivation>(derivation, "derivation", errors);
        NetworkReference? one = null, other = null;
        if (linkId is null == derived is null)
        {
            errors.Add("linkId", "Give a recorded link's linkId, or a derived link's derivation with its start and end.");
        }
        else if (derived is { } kind)
        {
            if (kind == Core.Links.LinkDerivation.Recorded)
            {
                errors.Add("derivation", "A recorded link is found by its linkId.");
            }

            one = NetworkReference.Read(start, "start", alsoReportsAndHotspots: false, errors);
            other = NetworkReference.Read(end, "end", alsoReportsAndHotspots: false, errors);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var connection = await NetworkStore.OpenAsync(db, cancellationToken);
        var store = new NetworkStore(connection);
        List<LinkEnd> ends;
        List<EvidenceReport> reports;
        if (linkId is { } id)
        {
            ends = await store.LinkEndsOfAsync(id, cancellationToken);
            reports = await LinkEvidence.OfRecordedAsync(connection, id, cancellationToken);
        }
        else
        {
            // Ends merged into other records are read as their survivors, and the evidence of every record merged into each.
            var first = (await store.CanonicalAsync([(one!.Id, one.Kind)], cancellationToken))[0].Id;
            var second = (await store.CanonicalAsync([(other!.Id, other.Kind)], cancellationToken))[0].Id;
            (one, other) = (one with { Id = first }, other! with { Id = second });
            ends = [.. (await store.LinkEndsAsync([first], NetworkFilter.None with { LinkTypes = [derivation!.Trim().ToLowerInvariant()] }, [second], cancellationToken))];
            reports = await LinkEvidence.OfDerivedAsync(connection, derived!.Value, first, second, cancellationToken);
        }

        // The link, both its ends and some evidence must be the reader's to see; anything less is no link at all to them.
        var visible = ends.Count == 0 ? [] : await store.EntitiesAsync([(ends[0].EntityId, ends[0].EntityKind), (ends[0].OtherId, ends[0].OtherKind)], cancellationToken);
        if (visible.Count < 2 || (derived is not null && reports.Count == 0))
        {
            return Problems.NotFound("link", linkId ?? NetworkLinkView.DerivedId(Core.EnumCodes<Core.Links.LinkDerivation>.ToCode(derived!.Value), one!.Id, other!.Id));
        }

        var link = NetworkLinkView.Of(ends).Single();
        await audit.RecordConsultationAsync(AuditedAs, [link.Id, .. reports.Select(report => report.Id), .. reports.Where(r => r.PairedReportId is not null).Select(r => r.PairedReportId!.Value)],
            justification!, cancellationToken, visible.Where(entity => entity.Kind == "person").Select(entity => (Guid?)entity.Id));
        return TypedResults.Ok(new LinkEvidenceView(link.Id, link.Derivation, link.From, link.To, reports));
    }

    /// <summary>Logs the answer as a combination naming every entity and link in it, and the persons among the entities.</summary>
    public static Task RecordCombinationAsync(AuditLog audit, IReadOnlyList<NetworkNodeView> nodes, IReadOnlyList<NetworkLinkView> links,
        string justification, CancellationToken cancellationToken) =>
        audit.RecordAsync(AuditAction.Combination, AuditedAs, [.. nodes.Select(node => node.Id), .. links.Select(link => link.Id)], justification,
            cancellationToken, concerning: nodes.Where(node => node.Kind == Core.Links.EntityKind.Person).Select(node => (Guid?)node.Id));
}
