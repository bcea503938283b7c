using HotspotIntel.Core.MissingEpisodes;

namespace HotspotIntel.Core.Tests.MissingEpisodes;

public sealed class ReturnHomeInterviewTests
{
    private static readonly DateTimeOffset Returned = new(2026, 10, 15, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_interview_offered_and_done_after_the_return_is_valid()
    {
        Assert.Empty(ReturnHomeInterview.Problems(Returned, Returned.AddHours(20), Returned.AddDays(2), declined: false));
    }

    [Fact]
    public void An_offer_declined_after_the_return_is_valid()
    {
        Assert.Empty(ReturnHomeInterview.Problems(Returned, Returned.AddHours(20), null, declined: true));
    }

    [Fact]
    public void An_interview_done_before_the_return_names_returnInterviewDoneAt()
    {
        Assert.Equal(["returnInterviewDoneAt"], Fields(ReturnHomeInterview.Problems(Returned, null, Returned.AddHours(-1), declined: false)));
    }

    [Fact]
    public void An_interview_offered_before_the_return_names_returnInterviewOfferedAt()
    {
        Assert.Equal(["returnInterviewOfferedAt"], Fields(ReturnHomeInterview.Problems(Returned, Returned.AddMinutes(-1), null, declined: false)));
    }

    [Fact]
    public void An_interview_while_the_child_is_still_missing_names_each_time_given()
    {
        Assert.Equal(["returnInterviewDoneAt", "returnInterviewOfferedAt"],
            Fields(ReturnHomeInterview.Problems(null, Returned, Returned.AddDays(1), declined: false)));
    }

    [Fact]
    public void An_interview_done_before_it_was_offered_names_returnInterviewDoneAt()
    {
        Assert.Equal(["returnInterviewDoneAt"], Fields(ReturnHomeInterview.Problems(Returned, Returned.AddDays(2), Returned.AddDays(1), declined: false)));
    }

    [Fact]
    public void Declining_needs_an_offer_and_excludes_a_done_interview()
    {
        Assert.Equal(["returnInterviewDeclined"], Fields(ReturnHomeInterview.Problems(Returned, null, null, declined: true)));
        Assert.Equal(["returnInterviewDeclined"], Fields(ReturnHomeInterview.Problems(Returned, Returned.AddHours(1), Returned.AddDays(1), declined: true)));
    }

    private static string[] Fields(IReadOnlyList<(string Field, string Message)> problems) =>
        [.. problems.Select(problem => problem.Field).Distinct().Order(StringComparer.Ordinal)];
}
