using Microsoft.AspNetCore.Http.HttpResults;

namespace HotspotIntel.Api.Errors;

/// <summary>The Problem Details results handlers return for errors that are not field validation.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string recordKind, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {recordKind}.",
            detail: $"There is no {recordKind} with id {id} that you can see.");

    /// <summary>Something named by a code rather than an id (a tactic) that does not exist.</summary>
    public static ProblemHttpResult NotFound(string kind, string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {kind}.",
            detail: $"There is no {kind} with the code {code}.");

    /// <summary>A record the caller may read (under a sharing agreement) but not change: only its own agency can.</summary>
    public static ProblemHttpResult NotYours(string recordKind, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: $"This {recordKind} belongs to another agency.",
            detail: $"The {recordKind} {id} was recorded by another agency and is shared with yours read-only; ask its owner to change it.");

    /// <summary>
    /// A record other agencies' records refer to: deleting it would delete theirs. The count includes records the caller
    /// cannot see, and says nothing else about them.
    /// </summary>
    public static ProblemHttpResult ReferencedByOtherAgencies(string recordKind, Guid id, int dependentRecords) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Other agencies' records refer to this {recordKind}.",
            detail: $"{dependentRecords} record(s) of other agencies (mentions in their reports, links, missing episodes) refer to the {recordKind} {id}, "
                + "and deleting it would delete them. A supervisor of your agency can erase it on review (POST /api/reviews/{kind}/{id}/erase), "
                + "which detaches them and logs each as an erasure.",
            extensions: new Dictionary<string, object?> { ["dependentRecords"] = dependentRecords });

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
