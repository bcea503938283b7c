using HotspotIntel.Core.Tasking;

namespace HotspotIntel.Core.Tests.Tasking;

public sealed class ActionWorkflowTests
{
    [Theory]
    [InlineData(ActionStatus.Proposed, ActionStatus.Agreed)]
    [InlineData(ActionStatus.Proposed, ActionStatus.Cancelled)]
    [InlineData(ActionStatus.Agreed, ActionStatus.InProgress)]
    [InlineData(ActionStatus.Agreed, ActionStatus.Done)]
    [InlineData(ActionStatus.Agreed, ActionStatus.Cancelled)]
    [InlineData(ActionStatus.InProgress, ActionStatus.Done)]
    [InlineData(ActionStatus.InProgress, ActionStatus.Cancelled)]
    [InlineData(ActionStatus.Done, ActionStatus.Done)]
    public void Allowed_moves_have_no_problem(ActionStatus from, ActionStatus to) =>
        Assert.Empty(ActionWorkflow.Problems(from, to));

    [Theory]
    [InlineData(ActionStatus.Proposed, ActionStatus.InProgress)]
    [InlineData(ActionStatus.Proposed, ActionStatus.Done)]
    [InlineData(ActionStatus.Agreed, ActionStatus.Proposed)]
    [InlineData(ActionStatus.InProgress, ActionStatus.Agreed)]
    [InlineData(ActionStatus.Done, ActionStatus.InProgress)]
    [InlineData(ActionStatus.Done, ActionStatus.Cancelled)]
    [InlineData(ActionStatus.Cancelled, ActionStatus.Agreed)]
    public void Other_moves_are_refused_on_the_status_field(ActionStatus from, ActionStatus to)
    {
        var problem = Assert.Single(ActionWorkflow.Problems(from, to));

        Assert.Equal("status", problem.Field);
    }

    [Fact]
    public void The_refusal_says_where_the_action_may_go()
    {
        Assert.Equal("Cannot move from proposed to done: from proposed it may move to agreed or cancelled.",
            ActionWorkflow.Problems(ActionStatus.Proposed, ActionStatus.Done).Single().Message);
        Assert.Equal("Cannot move from done to in_progress: a done action is final.",
            ActionWorkflow.Problems(ActionStatus.Done, ActionStatus.InProgress).Single().Message);
    }

    [Fact]
    public void A_new_action_may_be_recorded_as_done_but_not_as_cancelled()
    {
        Assert.Empty(ActionWorkflow.Problems(null, ActionStatus.Done));
        Assert.Empty(ActionWorkflow.Problems(null, ActionStatus.Proposed));
        Assert.Equal("status", Assert.Single(ActionWorkflow.Problems(null, ActionStatus.Cancelled)).Field);
    }

    [Fact]
    public void Only_open_actions_past_their_due_date_are_overdue()
    {
        var today = new DateOnly(2026, 5, 12);

        Assert.True(ActionWorkflow.IsOverdue(ActionStatus.InProgress, today.AddDays(-1), today));
        Assert.False(ActionWorkflow.IsOverdue(ActionStatus.InProgress, today, today));
        Assert.False(ActionWorkflow.IsOverdue(ActionStatus.Done, today.AddDays(-1), today));
        Assert.False(ActionWorkflow.IsOverdue(ActionStatus.Cancelled, today.AddDays(-1), today));
        Assert.False(ActionWorkflow.IsOverdue(ActionStatus.Agreed, null, today));
    }
}
