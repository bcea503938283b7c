namespace HotspotIntel.Core.MissingEpisodes;

/// <summary>
/// The interview a child is offered after returning from a missing episode (statutory guidance on children who run away
/// or go missing from home or care, Department for Education): offered, then done or declined.
/// </summary>
public static class ReturnHomeInterview
{
    /// <summary>
    /// The problems with an episode's interview fields, each naming the field (camelCase, as in JSON): an interview is
    /// offered and done only after the child returned, done not before it was offered, declined only when offered and
    /// not done. Times in the future are the caller's check (it knows the clock).
    /// </summary>
    public static IReadOnlyList<(string Field, string Message)> Problems(
        DateTimeOffset? returnedAt, DateTimeOffset? offeredAt, DateTimeOffset? doneAt, bool declined)
    {
        var problems = new List<(string, string)>();
        if (returnedAt is null)
        {
            if (offeredAt is not null)
            {
                problems.Add(("returnInterviewOfferedAt", "A return-home interview is offered only once the child has returned (set returnedAt)."));
            }

            if (doneAt is not null)
            {
                problems.Add(("returnInterviewDoneAt", "A return-home interview is done only once the child has returned (set returnedAt)."));
            }
        }
        else
        {
            if (offeredAt < returnedAt)
            {
                problems.Add(("returnInterviewOfferedAt", "Cannot be earlier than returnedAt."));
            }

            if (doneAt < returnedAt)
            {
                problems.Add(("returnInterviewDoneAt", "Cannot be earlier than returnedAt."));
            }
        }

        if (doneAt < offeredAt)
        {
            problems.Add(("returnInterviewDoneAt", "Cannot be earlier than returnInterviewOfferedAt."));
        }

        if (declined && offeredAt is null)
        {
            problems.Add(("returnInterviewDeclined", "Only an interview that was offered can be declined (set returnInterviewOfferedAt)."));
        }

        if (declined && doneAt is not null)
        {
            problems.Add(("returnInterviewDeclined", "A declined interview was not done; leave returnInterviewDoneAt out."));
        }

        return problems;
    }
}
