using Microsoft.AspNetCore.Http.HttpResults;

namespace HotspotIntel.Api.Common;

/// <summary>The Problem Details results handlers return for errors that are not field validation.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string recordKind, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {recordKind}.",
            detail: $"There is no {recordKind} with id {id} that you can see.");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
