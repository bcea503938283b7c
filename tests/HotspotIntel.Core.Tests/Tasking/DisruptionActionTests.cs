using HotspotIntel.Core.Tasking;

namespace HotspotIntel.Core.Tests.Tasking;

public sealed class DisruptionActionTests
{
    private static readonly DateOnly Today = new(2026, 5, 12);
    private static readonly Tactic Closure = BuiltInTactics.All.Single(tactic => tactic.Code == "closure_notice_and_order");

    [Fact]
    public void A_complete_done_action_has_no_problem()
    {
        Assert.Empty(Done().Problems(Closure, Today));
    }

    [Fact]
    public void A_done_action_without_an_outcome_is_refused()
    {
        var action = Done();
        action.Outcome = "  ";

        Assert.Equal(["outcome"], Fields(action.Problems(Closure, Today)));
    }

    [Fact]
    public void A_done_action_needs_its_done_date_and_only_a_done_action_has_one()
    {
        var done = Done();
        done.DoneOn = null;
        var agreed = Done();
        agreed.Status = ActionStatus.Agreed;

        Assert.Equal(["doneOn"], Fields(done.Problems(Closure, Today)));
        Assert.Equal(["doneOn"], Fields(agreed.Problems(Closure, Today)));
    }

    [Fact]
    public void A_due_date_before_the_start_is_refused()
    {
        var action = Proposed();
        action.StartOn = Today.AddDays(10);
        action.DueOn = Today.AddDays(9);

        Assert.Equal(["dueOn"], Fields(action.Problems(Closure, Today)));
    }

    [Fact]
    public void A_done_date_before_the_start_or_in_the_future_is_refused()
    {
        var early = Done();
        early.DoneOn = early.StartOn!.Value.AddDays(-1);
        var future = Done();
        future.DoneOn = Today.AddDays(1);

        Assert.Equal(["doneOn"], Fields(early.Problems(Closure, Today)));
        Assert.Equal(["doneOn"], Fields(future.Problems(Closure, Today)));
    }

    [Fact]
    public void An_action_in_progress_has_started_and_not_in_the_future()
    {
        var unstarted = Proposed();
        unstarted.Status = ActionStatus.InProgress;
        var future = Proposed();
        future.Status = ActionStatus.InProgress;
        future.StartOn = Today.AddDays(1);

        Assert.Equal(["startOn"], Fields(unstarted.Problems(Closure, Today)));
        Assert.Equal(["startOn"], Fields(future.Problems(Closure, Today)));
    }

    [Fact]
    public void A_proposed_action_may_start_and_fall_due_in_the_future()
    {
        var action = Proposed();
        action.StartOn = Today.AddDays(7);
        action.DueOn = Today.AddDays(30);

        Assert.Empty(action.Problems(Closure, Today));
    }

    [Fact]
    public void A_tactic_is_taken_only_against_the_kinds_it_applies_to()
    {
        var action = Proposed();
        action.TargetKind = ActionTargetKind.Person;
        action.PremisesId = null;
        action.PersonId = Guid.Parse("0190a1b2-0000-7000-8000-000000000003");

        var problem = Assert.Single(action.Problems(Closure, Today));

        Assert.Equal("targetKind", problem.Field);
        Assert.Equal("Closure notice and order is not taken against a person; it applies to premises.", problem.Message);
    }

    [Fact]
    public void An_unknown_tactic_and_missing_ids_are_named()
    {
        var action = Proposed();
        action.PremisesId = null;
        action.OwnerAgencyId = Guid.Empty;

        Assert.Equal(["tacticCode", "premisesId", "ownerAgencyId"], Fields(action.Problems(null, Today)));
    }

    [Fact]
    public void Only_the_target_kind_s_id_is_set()
    {
        var action = Proposed();
        action.VehicleId = Guid.Parse("0190a1b2-0000-7000-8000-000000000004");

        var problem = Assert.Single(action.Problems(Closure, Today));

        Assert.Equal(("vehicleId", "Only the target's id is set: this action is against a premises."), problem);
    }

    private static DisruptionAction Proposed() => new()
    {
        TacticCode = Closure.Code,
        TargetKind = ActionTargetKind.Premises,
        PremisesId = Guid.Parse("0190a1b2-0000-7000-8000-000000000001"),
        OwnerAgencyId = Guid.Parse("0190a1b2-0000-7000-8000-000000000002"),
        Status = ActionStatus.Proposed,
    };

    private static DisruptionAction Done()
    {
        var action = Proposed();
        action.Status = ActionStatus.Done;
        action.StartOn = Today.AddDays(-40);
        action.DueOn = Today.AddDays(-10);
        action.DoneOn = Today.AddDays(-12);
        action.Outcome = "Closure order granted for three months.";
        return action;
    }

    private static string[] Fields(IReadOnlyList<(string Field, string Message)> problems) =>
        problems.Select(problem => problem.Field).ToArray();
}
